"""Bring annotators' project files together: each annotator's work becomes their version layer.

A source's worked articles (status other than new) become versions named after the article's
last editor; versions the source holds itself come along. Everything lands in one transaction
on TARGET, so a crash or a kill midway leaves TARGET exactly as before (SQLite's journal).
Articles are matched by id and their text must be equal (an article TARGET lacks is added);
labels are matched by name.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import ProjectError
from annotator.model import LAYERS
from annotator.store.identity import check_name, file_stem
from annotator.store.project import Project
from annotator.store.layers.versions import copy_article, put_version, worked_versions

Started = Callable[[], None]  # called once, when the first version has been written (uncommitted)


@dataclass
class MergeReport:
    counts: Counter[str] = field(default_factory=Counter)  # added / updated / unchanged versions
    annotators: set[str] = field(default_factory=set)
    mismatched: list[str] = field(default_factory=list)  # "source: article id: why"
    articles_added: int = 0  # articles TARGET lacked, added with the first version of them
    dropped_labels: Counter[str] = field(default_factory=Counter)  # "layer label" -> spans dropped

    @property
    def problems(self) -> bool:
        return bool(self.mismatched or self.dropped_labels)


def merge(target: Project, sources: Iterable[str | Path], started: Started | None = None) -> MergeReport:
    """Merge every source into ``target`` in one transaction; see the module docstring."""
    paths = [Path(s) for s in sources]
    for path in paths:
        if not path.exists():
            raise ProjectError(f"{path}: no such project file")
        if os.path.samefile(path, target.path):
            raise ProjectError(f"{path}: is the target project itself; a project cannot be merged into itself")
    report = MergeReport()
    opened: list[Project] = []
    try:
        for p in paths:
            opened.append(_open_source(p))
        texts = {aid: (seq, n) for aid, seq, n in target.conn.execute("SELECT id, seq, length FROM articles")}
        with target.transaction() as conn:
            for path, source in zip(paths, opened):
                _merge_one(target, conn, path, source, texts, report, started)
                started = None
    finally:
        for p in opened:
            p.close()
    if report.articles_added:
        target.articles_changed.emit()
    return report


def create_target(path: Path, first_source: str | Path) -> Project:
    """A new TARGET with the schema and model of the first source (``merge`` into a new file)."""
    with _open_source(Path(first_source)) as source:
        return Project.create(path, source.schema, source.model_name)


def _open_source(path: Path) -> Project:
    """A source, read-only; one written by an older version is upgraded first (a safe migration)."""
    try:
        return Project.open(path, read_only=True)
    except ProjectError as exc:
        if "needs an upgrade" not in str(exc):
            raise
    Project.open(path).close()
    return Project.open(path, read_only=True)


def _merge_one(target: Project, conn, path: Path, source: Project, texts: dict[str, tuple[int, int]],
               report: MergeReport, started: Started | None) -> None:
    default = source.assigned_annotator or file_stem(path.stem)
    check_name(default, f"{path}: annotator name")
    for text, version in worked_versions(source.conn, default, path.name):
        check_name(version.annotator, f"{path}: annotator of article {version.article_id}")
        hit = texts.get(version.article_id)
        if hit is None:  # an article TARGET lacks comes along, as a new article
            hit = texts[version.article_id] = copy_article(conn, source.conn, version.article_id, text)
            report.articles_added += 1
        seq, length = hit
        if length != len(text) or conn.execute("SELECT text FROM texts WHERE seq = ?", (seq,)).fetchone()[0] != text:
            report.mismatched.append(f"{path}: article {version.article_id}: its text differs from the one in {target.path.name}; not merged")
            continue
        for layer in LAYERS:
            kept = [s for s in version.spans[layer] if target.schema.has(layer, s.label)]
            for s in version.spans[layer]:
                if not target.schema.has(layer, s.label):
                    report.dropped_labels[f"{layer} {s.label}"] += 1
            version.spans[layer] = kept
        report.counts[put_version(conn, seq, version)] += 1
        report.annotators.add(version.annotator)
        if started is not None:
            started()
            started = None

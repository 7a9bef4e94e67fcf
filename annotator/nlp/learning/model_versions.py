"""Model versions stored with the project: ``<project>.models/vN/`` next to the project file.

Each version folder holds the spaCy pipeline (``pipeline/``) and its record (``version.json``:
date, training articles, held-out scores, whether it was accepted). A version is written under a
temporary name and renamed into place when complete, so a killed training leaves no half version
(only a ``.partial`` folder, removed by the next training). Which version suggests is a project
setting (``active_model``), changed in one transaction. Version names read from the project file
are checked (``vN``) before they become a path; pipelines load only through
:mod:`annotator.nlp.pipeline`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language

from annotator.errors import ModelError
from annotator.nlp.learning.training_data import Scores
from annotator.store.durable import process_running
from annotator.store.project import Project

ACTIVE_KEY = "active_model"
VERSION_NAME = re.compile(r"^v([1-9][0-9]{0,5})$")
RECORD = "version.json"
PIPELINE = "pipeline"
SECTION_MODEL = "sections"  # the section classifier (annotator.nlp.learning.section_training), if trained


@dataclass
class ModelVersion:
    """One trained version and how it scored on the held-out slice."""

    name: str
    created_at: str
    base: str
    labels: list[str]
    train_articles: int
    held_out_articles: int
    steps: int
    seconds: float
    scores: Scores
    compared_with: str  # "base" or the version that was active when this one was trained
    baseline: Scores  # that model's scores on the same held-out slice
    accepted: bool
    label_counts: dict[str, int] = field(default_factory=dict)
    without_entities: int = 0  # done articles left out: no entity to learn from
    sections: dict[str, Any] = field(default_factory=dict)  # held-out section scores, rules vs classifier
    path: Path = Path()

    @property
    def number(self) -> int:
        return int(self.name[1:])

    @property
    def pipeline_path(self) -> Path:
        return self.path / PIPELINE

    @property
    def section_model_path(self) -> Path | None:
        """The section classifier to pre-label with: only when it beat the rules on the held-out slice."""
        path = self.path / SECTION_MODEL
        return path if self.sections.get("used") and path.is_dir() else None

    @property
    def model_id(self) -> tuple[str, str]:
        """The (model, version) its suggestions are recorded under (see ``pipeline_id``)."""
        return "en_learned", f"{self.number}.0.0"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("path")
        data["scores"], data["baseline"] = self.scores.to_json(), self.baseline.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict, path: Path) -> ModelVersion:
        fields = dict(data)
        fields["scores"], fields["baseline"] = Scores.from_json(data["scores"]), Scores.from_json(data["baseline"])
        return cls(**fields, path=path)


def models_dir(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".models")


def list_versions(project_path: Path) -> list[ModelVersion]:
    """Every complete version of the project, oldest first (unreadable records are skipped)."""
    folder = models_dir(project_path)
    if not folder.is_dir():
        return []
    out = []
    for child in folder.iterdir():
        if VERSION_NAME.match(child.name) and (child / RECORD).is_file():
            try:
                out.append(ModelVersion.from_json(json.loads((child / RECORD).read_text(encoding="utf-8")), child))
            except (ValueError, KeyError, TypeError):
                continue
    return sorted(out, key=lambda v: v.number)


def get_version(project_path: Path, name: str) -> ModelVersion:
    if not VERSION_NAME.match(name):
        raise ModelError(f"{project_path}: {name!r} is not a model version name (v1, v2, ...)")
    for v in list_versions(project_path):
        if v.name == name:
            return v
    have = ", ".join(v.name for v in list_versions(project_path)) or "none yet; run `annotator train`"
    raise ModelError(f"{project_path}: no model version {name} (versions: {have})")


def active_version(project: Project) -> ModelVersion | None:
    """The version that suggests for this project, or None while the base pipeline does."""
    row = project.conn.execute("SELECT value FROM project WHERE key = ?", (ACTIVE_KEY,)).fetchone()
    if row is None or not VERSION_NAME.match(str(row[0])):
        return None
    try:
        return get_version(project.path, str(row[0]))
    except ModelError:
        return None  # its folder was removed: the base pipeline suggests again


def activate(project: Project, version: ModelVersion | None) -> None:
    """Make ``version`` the project's suggester (None: the base pipeline), in one transaction."""
    with project.transaction() as conn:
        if version is None:
            conn.execute("DELETE FROM project WHERE key = ?", (ACTIVE_KEY,))
        else:
            conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", (ACTIVE_KEY, version.name))


def save_version(project_path: Path, nlp: Language, record: ModelVersion, sections: Language | None = None) -> ModelVersion:
    """Write ``nlp`` (and the section classifier) and its record as the next version, complete or not at all."""
    folder = models_dir(project_path)
    folder.mkdir(exist_ok=True)
    remove_partials(project_path)
    number = max((v.number for v in list_versions(project_path)), default=0) + 1
    tmp = folder / f".v{number}.partial-{os.getpid()}"
    try:
        nlp.meta["name"], nlp.meta["version"] = "learned", f"{number}.0.0"
        nlp.meta["description"] = f"Fine-tuned while annotating {project_path.name} (model version v{number})"
        tmp.mkdir()
        nlp.to_disk(tmp / PIPELINE)
        if sections is not None:
            sections.to_disk(tmp / SECTION_MODEL)
        while True:
            record.name, record.path = f"v{number}", folder / f"v{number}"
            nlp.meta["version"] = f"{number}.0.0"
            srsly.write_json(tmp / PIPELINE / "meta.json", nlp.meta)
            _write_json(tmp / RECORD, record.to_json())
            try:
                os.rename(tmp, record.path)  # atomic; fails if another training took the number
                return record
            except OSError:
                if not record.path.exists():
                    raise
                number += 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def remove_partials(project_path: Path) -> None:
    """Remove what killed trainings left (``.vN.partial-PID`` of processes no longer running)."""
    folder = models_dir(project_path)
    for child in folder.glob(".v*.partial-*") if folder.is_dir() else ():
        pid = child.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not process_running(int(pid)):
            shutil.rmtree(child, ignore_errors=True)


def _write_json(path: Path, data: object) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.flush()
        os.fsync(f.fileno())


RETRAIN_KEY = "retrain_every"
DEFAULT_RETRAIN_EVERY = 25


def retrain_every(project: Project) -> int:
    """Newly done articles after which the app retrains in the background (0: never)."""
    row = project.conn.execute("SELECT value FROM project WHERE key = ?", (RETRAIN_KEY,)).fetchone()
    try:
        return max(0, int(row[0])) if row else DEFAULT_RETRAIN_EVERY
    except ValueError:
        return DEFAULT_RETRAIN_EVERY


def set_retrain_every(project: Project, n: int) -> None:
    with project.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", (RETRAIN_KEY, str(max(0, int(n)))))


def done_at_last_training(project_path: Path) -> int:
    """Done articles with entities the newest version saw (trained on or held out); 0 before any."""
    versions = list_versions(project_path)
    return versions[-1].train_articles + versions[-1].held_out_articles if versions else 0

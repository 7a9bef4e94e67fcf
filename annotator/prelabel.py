"""Pre-labeling: run a spaCy pipeline over articles and store its suggestions.

Suggestions are kept as the model made them (with model name and version). They also become an
article's current annotations for a layer, but only while nobody has annotated that layer:
pre-labeling never overwrites human or imported work. Writes go in batched transactions.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .model import ENTITIES, SECTIONS, Origin
from .pipeline import load_pipeline, pipeline_id
from .project import LAYER_BIT, Project, now_ms
from .schema import Schema

BOILERPLATE = "boilerplate"
SECTION_PIPE = "news_sections"  # annotator.sections.PIPE_NAME, without importing the rules here
SpanTuple = tuple[int, int, str, float | None]


@dataclass
class PrelabelResult:
    """What a pre-labeling run did and how fast."""

    articles: int = 0
    entities: int = 0
    sections: int = 0
    applied: int = 0  # article layers whose current annotations were set from the suggestions
    words: int = 0
    seconds: float = 0.0
    cancelled: bool = False

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def prelabel_pipeline(model: str, schema: Schema, *, sections: bool = True, allow_path: bool = True) -> Language:
    """The pipeline pre-labeling runs: the model's NER plus the section component from ``schema``.

    ``allow_path=False`` for a model named by a project file (see :func:`resolve_model`).
    """
    nlp = load_pipeline(model, allow_path=allow_path)
    if sections:
        from .sections import add_section_pipe

        add_section_pipe(nlp, schema)
    return nlp


def pending(project: Project, force: bool = False, article_ids: Iterable[str] | None = None) -> list[int]:
    """Row numbers of the articles to pre-label: those without entity suggestions, or all with force."""
    if article_ids is not None:
        seqs = [project.seq(a) for a in article_ids]
        if force:
            return seqs
        done = {r[0] for r in project.conn.execute("SELECT article FROM prelabels WHERE layer = ?", (ENTITIES,))}
        return [s for s in seqs if s not in done]
    if force:
        return [r[0] for r in project.conn.execute("SELECT seq FROM articles ORDER BY seq")]
    return [r[0] for r in project.conn.execute(
        "SELECT seq FROM articles WHERE seq NOT IN (SELECT article FROM prelabels WHERE layer = ?) ORDER BY seq", (ENTITIES,))]


def prelabel(
    project: Project,
    nlp: Language,
    *,
    force: bool = False,
    article_ids: Iterable[str] | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    write_every: int = 256,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PrelabelResult:
    """Pre-label the pending articles of ``project`` with ``nlp``.

    Entities come from ``doc.ents`` (mapped through the schema; unmapped labels are dropped and
    entities inside boilerplate sections are not suggested); sections from
    ``doc.spans["sections"]`` when the pipeline has a section component.
    """
    model, version = pipeline_id(nlp)
    todo = pending(project, force, article_ids)
    result = PrelabelResult()
    started = time.perf_counter()
    batch: list[tuple[int, str, dict[str, list[SpanTuple]]]] = []
    # The section component runs here, after the (possibly parallel) pipe: it is cheap, and the
    # page hints it reads (title, main content) then never make the main process tokenize.
    sectioner = nlp.get_pipe(SECTION_PIPE) if SECTION_PIPE in nlp.pipe_names else None
    disabled = nlp.select_pipes(disable=[SECTION_PIPE]) if sectioner is not None else None
    stream = nlp.pipe(_inputs(project, todo), as_tuples=True, batch_size=batch_size, n_process=n_process)
    try:
        for doc, (seq, article_id, hints) in stream:
            if sectioner is not None:
                doc.user_data.update(hints)
                doc = sectioner(doc)
            layers = suggestions_of(doc, project)
            batch.append((seq, article_id, layers))
            result.articles += 1
            result.words += len(doc)
            result.entities += len(layers[ENTITIES])
            result.sections += len(layers.get(SECTIONS, ()))
            if len(batch) >= write_every:
                result.applied += _write(project, batch, model, version)
                batch = []
            if progress is not None:
                progress(result.articles, len(todo))
            if should_stop is not None and should_stop():
                result.cancelled = True
                break
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
        if disabled is not None:
            disabled.restore()
    result.applied += _write(project, batch, model, version)
    result.seconds = time.perf_counter() - started
    return result


def suggestions_of(doc: Doc, project: Project) -> dict[str, list[SpanTuple]]:
    """The suggestions a processed doc makes, in the project's labels."""
    schema = project.schema
    out: dict[str, list[SpanTuple]] = {}
    boiler: list[tuple[int, int]] = []
    if SECTIONS in doc.spans:
        sections = [(s.start_char, s.end_char, s.label_, None) for s in doc.spans[SECTIONS] if schema.has(SECTIONS, s.label_)]
        out[SECTIONS] = sections
        boiler = [(s, e) for s, e, label, _ in sections if label == BOILERPLATE]
    entities: list[SpanTuple] = []
    for ent in doc.ents:
        label = schema.map_model_label(ent.label_)
        if label is None or any(s <= ent.start_char and ent.end_char <= e for s, e in boiler):
            continue
        entities.append((ent.start_char, ent.end_char, label, None))
    out[ENTITIES] = entities
    return out


def _inputs(project: Project, seqs: list[int], chunk: int = 256) -> Iterator[tuple[str, tuple[int, str, dict[str, object]]]]:
    """Article texts in bounded chunks, with the hints the section component reads."""
    for i in range(0, len(seqs), chunk):
        part = seqs[i : i + chunk]
        marks = ",".join("?" * len(part))
        rows = project.conn.execute(
            f"SELECT a.seq, a.id, t.text, a.meta, a.title FROM articles a JOIN texts t ON t.seq = a.seq "
            f"WHERE a.seq IN ({marks}) ORDER BY a.seq",
            part,
        ).fetchall()
        for seq, article_id, text, meta, title in rows:
            hints: dict[str, object] = {"title": title}
            if '"main_content"' in meta:
                hints["main_content"] = json.loads(meta).get("main_content")
            yield text, (seq, article_id, hints)


def _write(project: Project, batch: list[tuple[int, str, dict[str, list[SpanTuple]]]], model: str, version: str) -> int:
    """Store one batch of suggestions in one transaction; returns how many layers were applied."""
    if not batch:
        return 0
    applied: list[tuple[str, str]] = []
    at = now_ms()
    with project.transaction() as conn:
        for seq, article_id, layers in batch:
            touched = conn.execute("SELECT touched FROM articles WHERE seq = ?", (seq,)).fetchone()[0]
            for layer, spans in layers.items():
                conn.execute("DELETE FROM suggestions WHERE article = ? AND layer = ?", (seq, layer))
                conn.executemany(
                    "INSERT INTO suggestions(article, layer, start, end, label, score) VALUES (?, ?, ?, ?, ?, ?)",
                    [(seq, layer, s, e, l, sc) for s, e, l, sc in spans],
                )
                conn.execute(
                    "INSERT OR REPLACE INTO prelabels(article, layer, model, version, at) VALUES (?, ?, ?, ?, ?)",
                    (seq, layer, model, version, at),
                )
                if touched & LAYER_BIT[layer]:
                    continue
                human = conn.execute(
                    "SELECT 1 FROM spans WHERE article = ? AND layer = ? AND origin != ? LIMIT 1", (seq, layer, Origin.SUGGESTED.value)
                ).fetchone()
                if human:
                    continue
                conn.execute("DELETE FROM spans WHERE article = ? AND layer = ?", (seq, layer))
                conn.executemany(
                    "INSERT INTO spans(article, layer, start, end, label, origin) VALUES (?, ?, ?, ?, ?, ?)",
                    [(seq, layer, s, e, l, Origin.SUGGESTED.value) for s, e, l, _ in spans],
                )
                applied.append((article_id, layer))
    for article_id, layer in applied:
        project.spans_changed.emit(article_id, layer)
    return len(applied)

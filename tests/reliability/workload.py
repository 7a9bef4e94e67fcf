"""A random annotation workload for the crash tests, run as a child process and killed at random.

``python -m tests.reliability.workload PROJECT SEED`` prints ``READY``, then for every step a
``BEGIN <n> <kind>`` line before it and an ``ACK <n> <content> <journal>`` line (flushed) after
its commit returned, with hashes of the project state (:func:`content_hash`, :func:`journal_hash`).
The parent compares what survives a SIGKILL with the last acknowledged state.
"""
from __future__ import annotations

import hashlib
import json
import random
import sys

from annotator.editing.commands import AddSpan, Editor, RelabelSpan, RemoveSpan, ResizeSpan, SetStatus
from annotator.errors import SpanError
from annotator.model import ENTITIES, LAYERS, SECTIONS, Status
from annotator.store.project import Project

KINDS = ["add"] * 7 + ["relabel"] * 3 + ["resize"] * 3 + ["remove"] * 2 + ["status", "undo", "undo", "redo"]


def content_hash(project: Project) -> str:
    """Every article's status and current spans (with row ids and origins)."""
    rows = []
    for aid in project.ids():
        spans = sorted((s.id, layer, s.start, s.end, s.label, s.origin.value)
                       for layer in LAYERS for s in project.spans(aid, layer))
        rows.append([aid, project.status(aid).value, spans])
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def journal_hash(project: Project) -> str:
    """A cheap fingerprint of the undo journal: its rows and which of them are undone."""
    row = project.conn.execute("SELECT count(*), max(seq), sum(undone), sum(seq * undone) FROM journal").fetchone()
    return "-".join(str(v or 0) for v in row)


def _line_range(rng: random.Random, text: str) -> tuple[int, int]:
    """A random range inside one line, so an entity never spans a paragraph break."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lo, hi = rng.choice(lines)
    start = rng.randrange(lo, hi)
    return start, min(hi, start + rng.randint(1, 25))


def step(editor: Editor, rng: random.Random, kind: str, ids: list[str]) -> None:
    project = editor.project
    aid = rng.choice(ids)
    layer = SECTIONS if rng.random() < 0.2 else ENTITIES
    labels = project.schema.names(layer)
    spans = project.spans(aid, layer)
    if kind == "undo":
        editor.undo()
    elif kind == "redo":
        editor.redo()
    elif kind == "status":
        editor.execute(SetStatus(aid, rng.choice(list(Status))))
    elif kind == "add" or not spans:
        start, end = _line_range(rng, editor.text(aid))
        editor.execute(AddSpan(aid, layer, start, end, rng.choice(labels), replace=rng.random() < 0.3))
    elif kind == "relabel":
        editor.execute(RelabelSpan(aid, layer, rng.choice(spans).id, rng.choice(labels)))
    elif kind == "resize":
        s = rng.choice(spans)
        editor.execute(ResizeSpan.by_tokens(editor, aid, layer, s.id, rng.choice(["start", "end"]), rng.choice([-2, -1, 1, 2])))
    else:
        editor.execute(RemoveSpan(aid, layer, rng.choice(spans).id))


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    project = Project.open(path)
    editor = Editor(project)
    ids = project.ids()
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    n = 0
    while True:
        n += 1
        kind = rng.choice(KINDS)
        out.write(f"BEGIN {n} {kind}\n")
        out.flush()
        try:
            step(editor, rng, kind, ids)
        except SpanError:
            pass  # refused edits (overlaps, a span pushed off its last token) change nothing
        out.write(f"ACK {n} {content_hash(project)} {journal_hash(project)}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

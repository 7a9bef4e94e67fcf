"""Applying edit operations with their invariants, and the undo/redo journal.

A command plans a list of primitive operations (insert, delete or update a span, set a status).
The operations, the journal entry and the article's bookkeeping are written in one transaction,
so an acknowledged edit and its undo information land together or not at all. Undo applies the
inverse operations in reverse order; the history is one line across all articles.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from annotator.errors import ProjectError, SpanError
from annotator.model import ENTITIES, SECTIONS, Origin, Status
from annotator.store.project import LAYER_BIT, Project, now_ms

Op = dict[str, Any]
SPAN_FIELDS = ("id", "layer", "start", "end", "label", "origin")


@dataclass(frozen=True)
class Change:
    """What one execute, undo or redo changed: for the UI to follow."""

    article_id: str
    layers: frozenset[str]
    description: str
    status_changed: bool = False


def span_row(span_id: int | None, layer: str, start: int, end: int, label: str, origin: Origin | str) -> dict[str, Any]:
    return {"id": span_id, "layer": layer, "start": start, "end": end, "label": label, "origin": Origin(origin).value}


def inverse(op: Op) -> Op:
    kind = op["op"]
    if kind == "insert":
        return {"op": "delete", "span": op["span"]}
    if kind == "delete":
        return {"op": "insert", "span": op["span"]}
    if kind == "update":
        return {"op": "update", "before": op["after"], "after": op["before"]}
    if kind in ("status", "adjudicated"):
        return {"op": kind, "before": op["after"], "after": op["before"]}
    raise ProjectError(f"unknown journal operation {kind!r}")


def record(project: Project, article_id: str, description: str, ops: list[Op]) -> Change:
    """Apply a new command's operations and journal them; the redo tail is dropped."""
    seq = project.seq(article_id)
    with project.transaction() as conn:
        _apply(project, conn, seq, ops)
        conn.execute("DELETE FROM journal WHERE undone = 1")
        conn.execute(
            "INSERT INTO journal(article, command, ops, undone, at, annotator) VALUES (?, ?, ?, 0, ?, ?)",
            (seq, description, json.dumps(ops), now_ms(), project.annotator),
        )
    return _announce(project, article_id, description, ops)


def undo(project: Project) -> Change | None:
    """Revert the latest edit still in effect, wherever it was made; None when there is none."""
    return _step(project, undone=0)


def redo(project: Project) -> Change | None:
    """Re-apply the earliest undone edit; None when there is none."""
    return _step(project, undone=1)


def peek(project: Project, undone: bool) -> str | None:
    """The description of what undo (or redo) would do next."""
    order = "ASC" if undone else "DESC"
    row = project.conn.execute(f"SELECT command FROM journal WHERE undone = ? ORDER BY seq {order} LIMIT 1", (int(undone),)).fetchone()
    return row[0] if row else None


def _step(project: Project, undone: int) -> Change | None:
    order = "ASC" if undone else "DESC"
    with project.transaction() as conn:
        row = conn.execute(
            f"SELECT j.seq, a.id, j.command, j.ops FROM journal j JOIN articles a ON a.seq = j.article "
            f"WHERE j.undone = ? ORDER BY j.seq {order} LIMIT 1",
            (undone,),
        ).fetchone()
        if row is None:
            return None
        jseq, article_id, description, ops_json = row
        ops: list[Op] = json.loads(ops_json)
        if not undone:
            ops = [inverse(op) for op in reversed(ops)]
        _apply(project, conn, project.seq(article_id), ops)
        conn.execute("UPDATE journal SET undone = ? WHERE seq = ?", (1 - undone, jseq))
    return _announce(project, article_id, ("Undo " if not undone else "Redo ") + description, ops)


def _apply(project: Project, conn: sqlite3.Connection, seq: int, ops: list[Op]) -> None:
    length = conn.execute("SELECT length FROM articles WHERE seq = ?", (seq,)).fetchone()[0]
    touched = 0
    check: list[dict[str, Any]] = []
    for op in ops:
        kind = op["op"]
        if kind == "insert":
            s = op["span"]
            cur = conn.execute(
                "INSERT INTO spans(id, article, layer, start, end, label, origin, annotator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (s["id"], seq, s["layer"], s["start"], s["end"], s["label"], s["origin"], s.get("annotator", project.annotator)),
            )
            s["id"] = cur.lastrowid
            check.append(s)
            touched |= LAYER_BIT[s["layer"]]
        elif kind == "delete":
            s = op["span"]
            if conn.execute("DELETE FROM spans WHERE id = ? AND article = ?", (s["id"], seq)).rowcount != 1:
                raise SpanError(f"span {s['id']} is no longer there; the project changed under this edit")
            touched |= LAYER_BIT[s["layer"]]
        elif kind == "update":
            b, a = op["before"], op["after"]
            n = conn.execute(
                "UPDATE spans SET start = ?, end = ?, label = ?, origin = ?, annotator = ? "
                "WHERE id = ? AND article = ? AND start = ? AND end = ? AND label = ?",
                (a["start"], a["end"], a["label"], a["origin"], project.annotator, b["id"], seq, b["start"], b["end"], b["label"]),
            ).rowcount
            if n != 1:
                raise SpanError(f"span {b['id']} changed since this edit was planned")
            check.append(a)
            touched |= LAYER_BIT[a["layer"]]
        elif kind == "status":
            conn.execute("UPDATE articles SET status = ? WHERE seq = ?", (op["after"], seq))
        elif kind == "adjudicated":  # the current annotations are (after: True) or are not an adjudication
            conn.execute("DELETE FROM adjudications WHERE article = ?", (seq,))
            if op["after"]:
                conn.execute("INSERT INTO adjudications(article, annotator, at) VALUES (?, ?, ?)", (seq, project.annotator, now_ms()))
        else:
            raise ProjectError(f"unknown journal operation {kind!r}")
    for s in check:
        _check_span(project, conn, seq, length, s)
    conn.execute(
        "UPDATE articles SET touched = touched | ?, updated_at = ?, annotator = ? WHERE seq = ?",
        (touched, now_ms(), project.annotator, seq),
    )


def _check_span(project: Project, conn: sqlite3.Connection, seq: int, length: int, s: dict[str, Any]) -> None:
    if not (0 <= s["start"] < s["end"] <= length):
        raise SpanError(f"span [{s['start']}, {s['end']}) is outside the text (length {length})")
    if not project.schema.has(s["layer"], s["label"]):
        raise SpanError(f"unknown {s['layer']} label {s['label']!r}; the project has {', '.join(project.schema.names(s['layer']))}")
    clash = conn.execute(
        "SELECT start, end, label FROM spans WHERE article = ? AND layer = ? AND id != ? AND start < ? AND end > ? LIMIT 1",
        (seq, s["layer"], s["id"], s["end"], s["start"]),
    ).fetchone()
    if clash:
        raise SpanError(f"[{s['start']}, {s['end']}) would overlap the {s['layer']} span [{clash[0]}, {clash[1]}) {clash[2]!r}")


def _announce(project: Project, article_id: str, description: str, ops: list[Op]) -> Change:
    layers = frozenset(op.get("span", op.get("after", {})).get("layer") for op in ops if op["op"] in ("insert", "delete", "update"))
    status_ops = [op for op in ops if op["op"] == "status"]
    for layer in sorted(layers & {ENTITIES, SECTIONS}):
        project.spans_changed.emit(article_id, layer)
    if status_ops:
        project.status_changed.emit(article_id, Status(status_ops[-1]["after"]).value)
    project.history_changed.emit()
    return Change(article_id, frozenset(layers & {ENTITIES, SECTIONS}), description, bool(status_ops))

"""Each article's text by content hash, so the same text under two ids is found at import.

The key is :func:`annotator.model.article_id` of the text (what an article is called when no id
is given). Articles imported before the table existed are keyed once, by the first import that
needs it (:func:`fill`).
"""
from __future__ import annotations

import json
import sqlite3

from annotator.model import article_id

DUPLICATES = "duplicate_ids"  # meta key: other ids the same text arrived under


def key(text: str) -> str:
    return article_id(text)


def fill(conn: sqlite3.Connection) -> None:
    """Key the articles that have no key yet, inside the caller's transaction (counts first: no scan
    of the texts once every article is keyed)."""
    (keyed,) = conn.execute("SELECT count(*) FROM text_keys").fetchone()
    (articles,) = conn.execute("SELECT coalesce(sum(n), 0) FROM status_counts").fetchone()
    if keyed >= articles:
        return
    rows = conn.execute("SELECT t.seq, t.text FROM texts t LEFT JOIN text_keys k ON k.seq = t.seq WHERE k.seq IS NULL")
    conn.executemany("INSERT INTO text_keys(seq, key) VALUES (?, ?)", ((seq, key(text)) for seq, text in rows.fetchall()))


def find(conn: sqlite3.Connection, text_key: str) -> str | None:
    """The id of the article whose text has ``text_key``, or None."""
    row = conn.execute("SELECT a.id FROM text_keys k JOIN articles a ON a.seq = k.seq WHERE k.key = ? LIMIT 1",
                       (text_key,)).fetchone()
    return row[0] if row else None


def link(conn: sqlite3.Connection, kept: str, other: str) -> None:
    """Record ``other`` as an id the text of article ``kept`` also arrived under (in its meta)."""
    (meta,) = conn.execute("SELECT meta FROM articles WHERE id = ?", (kept,)).fetchone()
    data = json.loads(meta or "{}")
    ids = data.get(DUPLICATES) if isinstance(data.get(DUPLICATES), list) else []
    if other not in ids:
        data[DUPLICATES] = [*ids, other]
        conn.execute("UPDATE articles SET meta = ? WHERE id = ?", (json.dumps(data, ensure_ascii=False), kept))

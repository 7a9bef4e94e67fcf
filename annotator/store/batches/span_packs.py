"""Each article's spans kept packed in one blob, so a batch of articles is read in one row each.

Reading a batch's spans one SQLite row per span is the largest part of reading a project for an
export. A pack holds an article's spans as fixed-size records (start, end, label code, layer) in
the order of the ``spans`` table's index, with label codes from ``span_labels``.

Packs are a cache of the ``spans`` table: triggers on it drop an article's pack whenever one of
its spans is added, removed or changed, whatever code does it. :func:`fill` packs articles under
the write lock, so a pack always matches the spans committed with it.
"""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from annotator.store.batches.article_batches import SpanColumns

if TYPE_CHECKING:
    from annotator.store.batches.span_columns_reader import SpanColumnsReader

RECORD = np.dtype([("start", "<i4"), ("end", "<i4"), ("label", "<u2"), ("entity", "u1")])
MAX_CODE = 2**16 - 1


def labels(conn: sqlite3.Connection) -> pa.StringArray:
    """Label strings indexed by their code (read after the packs that use them)."""
    rows = conn.execute("SELECT code, label FROM span_labels").fetchall()
    names = [""] * (max((code for code, _ in rows), default=0) + 1)
    for code, label in rows:
        names[code] = label
    return pa.array(names, pa.string())


def decode(packs: Sequence[bytes], docs: Sequence[int], names: pa.StringArray) -> tuple[SpanColumns, SpanColumns]:
    """Entities and sections of the packed articles, article ``docs[k]`` holding ``packs[k]``."""
    counts = np.fromiter(map(len, packs), dtype=np.int64, count=len(packs)) // RECORD.itemsize
    records = np.frombuffer(b"".join(packs), dtype=RECORD)
    doc = np.repeat(np.asarray(docs, dtype=np.int64), counts)
    entity = records["entity"].astype(bool)
    label = names.take(pa.array(records["label"]))
    out = []
    for mask in (entity, ~entity):
        out.append(SpanColumns(doc[mask], records["start"][mask].astype(np.int64), records["end"][mask].astype(np.int64),
                               label.filter(pa.array(mask))))
    return out[0], out[1]


def fill(conn: sqlite3.Connection, reader: SpanColumnsReader, seqs: Sequence[int]) -> None:
    """Pack the spans of articles ``seqs`` (ascending), inside the caller's write transaction.

    ``reader`` reads the spans on a connection of its own; the caller's write lock keeps them from
    changing between that read and the packs' commit.
    """
    if not seqs:
        return
    entities, sections = reader.layers("spans", list(seqs))
    doc = np.concatenate([entities.doc, sections.doc])
    pick = np.argsort(doc, kind="stable")  # an article's entities, then its sections, as the index orders them
    label = pa.concat_arrays([entities.label.cast(pa.string()), sections.label.cast(pa.string())])
    found = pc.unique(label).to_pylist()
    conn.executemany("INSERT OR IGNORE INTO span_labels(label) VALUES (?)", [(name,) for name in found])
    codes = dict(conn.execute(f"SELECT label, code FROM span_labels WHERE label IN ({','.join('?' * len(found))})", found)) if found else {}
    if any(code > MAX_CODE for code in codes.values()):
        return  # more labels than a record holds: these articles stay unpacked
    records = np.empty(len(doc), dtype=RECORD)
    records["start"] = np.concatenate([entities.start, sections.start])[pick]
    records["end"] = np.concatenate([entities.end, sections.end])[pick]
    records["entity"] = np.concatenate([np.ones(len(entities), np.uint8), np.zeros(len(sections), np.uint8)])[pick]
    if len(doc):
        known = pa.array(list(codes), pa.string())
        code_of = np.array(list(codes.values()), dtype=np.uint16)
        records["label"] = code_of[pc.index_in(label, value_set=known).to_numpy(zero_copy_only=False)][pick]
    edges = np.zeros(len(seqs) + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=len(seqs)), out=edges[1:])
    at = edges.tolist()
    conn.executemany("INSERT OR REPLACE INTO span_packs(seq, data) VALUES (?, ?)",
                     [(seq, records[at[k]:at[k + 1]].tobytes()) for k, seq in enumerate(seqs)])

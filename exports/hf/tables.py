"""The rows of the three Hugging Face configs for one batch of articles, built column by column.

:func:`checked` refuses a batch with a span outside its text, with a label the schema does not
know, with overlapping entities, or (for the ``ner`` config) with an entity whose edges are not
token edges; the message names the article and the span.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from annotator.errors import ExportError
from annotator.store.batches.article_batches import ArticleBatch, SpanColumns
from annotator.store.token_cache import TRAILING_SPACE
from exports.hf.batch_tokens import BatchText, BatchTokens
from exports.hf.chunks import MAX_TOKENS, chunk, iob_codes


def label_codes(columns: SpanColumns, names: list[str]) -> np.ndarray:
    """Each span's label as its index in ``names`` (-1 for a label not there)."""
    found = pc.index_in(columns.label, value_set=pa.array(names, pa.string()))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def describe(batch: ArticleBatch, columns: SpanColumns, i: int, kind: str) -> str:
    d = int(columns.doc[i])
    s, e, label = int(columns.start[i]), int(columns.end[i]), columns.label_at(i)
    text = batch.texts[d][s:e] if 0 <= s < e <= len(batch.texts[d]) else None
    quoted = f" {text!r}" if kind == "entity" and text is not None else ""
    return f"article {batch.ids[d]}: {kind} ({s}, {e}, {label}){quoted}"


def checked(batch: ArticleBatch, text: BatchText, columns: SpanColumns, names: list[str], kind: str, overlaps: bool) -> np.ndarray:
    """The label codes of ``columns``; ExportError for the first span of the batch that is wrong."""
    codes = label_codes(columns, names)
    lengths = np.diff(text.base)
    outside = ~((columns.start >= 0) & (columns.start < columns.end) & (columns.end <= lengths[columns.doc]))
    problems = [(outside, "lies outside the text"), (codes < 0, f"has a {'label' if kind == 'entity' else 'section type'} the schema does not know")]
    if overlaps and len(columns) > 1:
        clash = np.zeros(len(columns), dtype=bool)
        clash[1:] = (columns.doc[1:] == columns.doc[:-1]) & (columns.end[:-1] > columns.start[1:])
        problems.append((clash, "overlaps"))
    first = [(int(np.flatnonzero(bad)[0]), why) for bad, why in problems if bad.any()]
    if first:
        i, why = min(first, key=lambda item: item[0])
        if why == "lies outside the text":
            why += f" (length {lengths[columns.doc[i]]})"
        if why == "overlaps":
            raise ExportError(f"{describe(batch, columns, i - 1, kind)} overlaps {describe(batch, columns, i, kind).split(': ', 1)[1]}")
        raise ExportError(f"{describe(batch, columns, i, kind)} {why}")
    return codes


def document_rows(batch: ArticleBatch, text: BatchText, schema: pa.Schema) -> pa.RecordBatch:
    """One row per article: text, metadata and every span list."""
    n = len(batch)
    texts = text.texts()
    values = [
        pa.array(batch.ids, pa.string()), pa.array(list(batch.texts), pa.string()) if texts is None else texts,
        pa.array(batch.titles, pa.string()), pa.array(batch.urls, pa.string()),
        _span_lists(batch.entities, n, schema.field("entities").type),
        _span_lists(batch.sections, n, schema.field("sections").type),
        _span_lists(batch.entities_suggested, n, schema.field("entities_suggested").type),
        _span_lists(batch.sections_suggested, n, schema.field("sections_suggested").type),
        pa.array(batch.statuses, pa.string()), pa.array(batch.annotators, pa.string()),
        pa.array(batch.updated_ms, schema.field("updated_at").type),
    ]
    return pa.RecordBatch.from_arrays(values, schema=schema)


def _span_lists(columns: SpanColumns, n_docs: int, kind: pa.DataType) -> pa.Array:
    fields = list(kind.value_type)
    children = [pa.array(columns.start, pa.int32()), pa.array(columns.end, pa.int32()), columns.label.cast(pa.string())]
    if len(fields) == 4:
        children.append(columns.score.cast(pa.float32()) if columns.score is not None else pa.nulls(len(columns), pa.float32()))
    structs = pa.StructArray.from_arrays(children, fields=fields)
    return pa.ListArray.from_arrays(pa.array(columns.offsets(n_docs), pa.int32()), structs, type=kind)


def ner_rows(batch: ArticleBatch, text: BatchText, tokens: BatchTokens, entity_codes: np.ndarray, schema: pa.Schema,
             max_tokens: int = MAX_TOKENS) -> tuple[pa.RecordBatch, np.ndarray]:
    """One row per chunk: its tokens, the space after each, and IOB2 tags; plus each row's article."""
    ents = batch.entities
    tags, misaligned = iob_codes(tokens, text.base, ents.doc, ents.start, ents.end, entity_codes)
    if misaligned is not None:
        raise ExportError(f"{describe(batch, ents, misaligned, 'entity')} does not start and end on token boundaries")
    chunks = chunk(tokens, tags, max_tokens)
    picked = chunks.token_indices()
    lengths = chunks.stop - chunks.first
    offsets = np.zeros(len(chunks) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    words = text.pieces(tokens.starts[picked], tokens.ends[picked])
    spaces = (tokens.flags[picked] & TRAILING_SPACE) != 0
    spaces[offsets[1:] - 1] = False  # nothing follows a chunk's last token
    pa_offsets = pa.array(offsets)
    values = [
        *_row_ids(batch.ids, chunks.doc),
        pa.array(tokens.starts[chunks.first] - text.base[chunks.doc], pa.int32()),
        pa.ListArray.from_arrays(pa_offsets, words, type=schema.field("tokens").type),
        pa.ListArray.from_arrays(pa_offsets, pa.array(spaces), type=schema.field("spaces").type),
        pa.ListArray.from_arrays(pa_offsets, pa.array(tags[picked], pa.int64()), type=schema.field("ner_tags").type),
    ]
    return pa.RecordBatch.from_arrays(values, schema=schema), chunks.doc


def section_rows(batch: ArticleBatch, text: BatchText, section_codes: np.ndarray, schema: pa.Schema) -> pa.RecordBatch:
    """One row per section: its offsets, text and type."""
    sec = batch.sections
    values = [
        *_row_ids(batch.ids, sec.doc),
        pa.array(sec.start, pa.int32()),
        pa.array(sec.end, pa.int32()),
        _section_texts(batch, text, sec),
        pa.array(section_codes, pa.int64()),
    ]
    return pa.RecordBatch.from_arrays(values, schema=schema)


def _section_texts(batch: ArticleBatch, text: BatchText, sec: SpanColumns) -> pa.StringArray:
    starts, ends = text.base[sec.doc] + sec.start, text.base[sec.doc] + sec.end
    if len(sec) and (starts[1:] >= ends[:-1]).all():
        return text.pieces(starts, ends)
    texts = list(batch.texts)  # sections that overlap
    return pa.array([texts[d][a:b] for d, a, b in zip(sec.doc.tolist(), sec.start.tolist(), sec.end.tolist())], pa.string())


def _row_ids(ids: list[str], doc: np.ndarray) -> tuple[pa.Array, pa.Array]:
    """Each row's id ``"<article id>-<k>"`` (the k-th row of its article; rows grouped by article),
    and its article's id."""
    owners = pa.array(ids, pa.string()).take(pa.array(doc, pa.int64()))
    k = np.arange(len(doc)) - np.searchsorted(doc, doc)
    return pc.binary_join_element_wise(owners, pa.array(k).cast(pa.string()), "-"), owners

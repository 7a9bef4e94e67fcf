"""Hugging Face dataset export: Parquet configs ``documents``, ``ner``, ``sections`` plus a card.

Layout (the Hub's own, see docs/export-format.md)::

    out/README.md
    out/data/{documents,ner,sections}/{train,validation,test}-00000-of-00001.parquet

Rows stream through one ``ParquetWriter`` per config and split, in batches; nothing holds the
whole table. The folder is built under a temporary sibling name and renamed into place only
when complete, so a failed export leaves the previous one untouched.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from annotator.errors import ExportError, InputError
from annotator.model import SECTIONS, Article, Document, Span, Status, Suggestion
from annotator.schema import Schema

from .atomic import atomic_dir
from .formats import Format, register
from .hf_card import render_card
from .hf_schema import DOCUMENT_COLUMNS, Columns, arrow_schema, iob_names, ner_columns, section_columns
from .splits import SPLITS, SplitAssigner

if TYPE_CHECKING:
    from spacy.language import Language

SHARD_BYTES = 300 * 1024 * 1024
CONFIGS = ("documents", "ner", "sections")


@dataclass
class ExportSummary:
    """What an export wrote: rows per config and split, and where."""

    path: Path
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def documents(self) -> dict[str, int]:
        return self.counts["documents"]

    @property
    def chunks(self) -> dict[str, int]:
        return self.counts["ner"]

    @property
    def sections(self) -> dict[str, int]:
        return self.counts["sections"]

    def total(self, config: str = "documents") -> int:
        return sum(self.counts[config].values())


class ShardWriter:
    """Streams rows of one config and split into Parquet shards of at most ~``shard_bytes``."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, batch_rows: int, shard_bytes: int) -> None:
        self.folder, self.split, self.schema = folder, split, schema
        self.batch_rows, self.shard_bytes = max(1, batch_rows), shard_bytes
        self.names = schema.names
        self.buffer: list[list[Any]] = [[] for _ in self.names]
        self.shards: list[Path] = []
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def add(self, *values: Any) -> None:
        for column, value in zip(self.buffer, values):
            column.append(value)
        if len(self.buffer[0]) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        n = len(self.buffer[0])
        if n and self.writer is not None and self.shards[-1].stat().st_size >= self.shard_bytes:
            self.writer.close()
            self.writer = None
        if self.writer is None and (n or not self.shards):
            self.shards.append(self.folder / f"{self.split}-{len(self.shards):05d}.partial")
            self.writer = pq.ParquetWriter(self.shards[-1], self.schema, compression="zstd")
        if n and self.writer is not None:
            batch = pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(self.buffer, self.schema)], schema=self.schema)
            self.writer.write_batch(batch)
            self.rows += n
            self.buffer = [[] for _ in self.names]

    def close(self) -> int:
        """Write what is left (an empty file when there were no rows) and name the shards."""
        self.flush()
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        total = len(self.shards)
        for k, shard in enumerate(self.shards):
            shard.rename(shard.with_name(f"{self.split}-{k:05d}-of-{total:05d}.parquet"))
        return self.rows

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def write_hf(
    docs: Iterable[Document],
    out: Path,
    schema: Schema,
    *,
    splits: Sequence[float] = (0.8, 0.1, 0.1),
    seed: int = 0,
    tokenizer_nlp: Language | None = None,
    batch_rows: int = 2000,
    project_name: str | None = None,
    shard_bytes: int = SHARD_BYTES,
) -> ExportSummary:
    """Export ``docs`` as a Hugging Face dataset folder at ``out``, replacing an earlier export."""
    from annotator.tokenizer import blank_pipeline

    from .chunks import ChunkEncoder

    out = Path(out)
    assign = SplitAssigner(splits, seed)
    columns: dict[str, Columns] = {
        "documents": DOCUMENT_COLUMNS, "ner": ner_columns(schema), "sections": section_columns(schema)
    }
    writers: dict[str, dict[str, ShardWriter]] = {}
    try:
        with atomic_dir(out, sniff_hf, "a Hugging Face export") as tmp:
            for config, cols in columns.items():
                (tmp / "data" / config).mkdir(parents=True)
                writers[config] = {
                    s: ShardWriter(tmp / "data" / config, s, arrow_schema(cols), batch_rows, shard_bytes) for s in SPLITS
                }
            encoder = ChunkEncoder(tokenizer_nlp or blank_pipeline(), iob_names(schema))
            section_ids = {name: i for i, name in enumerate(schema.names(SECTIONS))}
            seen: set[str] = set()
            for doc in docs:
                aid = doc.article.id
                if aid in seen:
                    raise ExportError(f"article {aid} appears twice in the export")
                seen.add(aid)
                split = assign(aid)
                _add_document(writers["documents"][split], doc)
                ner = writers["ner"][split]
                for k, chunk in enumerate(encoder.chunks(doc)):
                    ner.add(f"{aid}-{k}", aid, chunk.start, chunk.tokens, chunk.spaces, chunk.tags)
                sec = writers["sections"][split]
                for k, span in enumerate(_checked_sections(doc, section_ids)):
                    sec.add(f"{aid}-{k}", aid, span.start, span.end, doc.article.text[span.start:span.end], section_ids[span.label])
            counts = {config: {s: w.close() for s, w in by_split.items()} for config, by_split in writers.items()}
            if not seen:
                raise ExportError(f"{out}: no documents to export")
            (tmp / "README.md").write_text(render_card(columns, counts, schema, project_name), encoding="utf-8")
    except BaseException:
        for by_split in writers.values():
            for w in by_split.values():
                w.abort()
        raise
    return ExportSummary(out, counts)


def _add_document(w: ShardWriter, doc: Document) -> None:
    art = doc.article
    w.add(
        art.id, art.text, art.title, art.url,
        [{"start": s.start, "end": s.end, "label": s.label} for s in doc.entities],
        [{"start": s.start, "end": s.end, "label": s.label} for s in doc.sections],
        [{"start": s.start, "end": s.end, "label": s.label, "score": s.score} for s in doc.entities_suggested],
        [{"start": s.start, "end": s.end, "label": s.label, "score": s.score} for s in doc.sections_suggested],
        doc.status.value, doc.annotator, doc.updated_at,
    )


def _checked_sections(doc: Document, section_ids: dict[str, int]) -> list[Span]:
    n = len(doc.article.text)
    spans = sorted(doc.sections)
    for span in spans:
        where = f"article {doc.article.id}: section ({span.start}, {span.end}, {span.label})"
        if not 0 <= span.start < span.end <= n:
            raise ExportError(f"{where} lies outside the text (length {n})")
        if span.label not in section_ids:
            raise ExportError(f"{where} has a section type the schema does not know")
    return spans


def sniff_hf(path: Path) -> bool:
    return path.is_dir() and (path / "README.md").is_file() and (path / "data" / "documents").is_dir()


def read_hf(path: Path) -> Iterator[Document]:
    """Documents of an export's ``documents`` config, every split (train, validation, test)."""
    path = Path(path)
    files = sorted(
        (path / "data" / "documents").glob("*.parquet"),
        key=lambda f: (SPLITS.index(f.name.split("-")[0]) if f.name.split("-")[0] in SPLITS else len(SPLITS), f.name),
    )
    if not files:
        raise InputError(str(path), "not a Hugging Face export: no data/documents/*.parquet")
    for f in files:
        try:
            pf = pq.ParquetFile(f)
            missing = {"id", "text"} - set(pf.schema_arrow.names)
            if missing:
                raise InputError(str(f), f"missing column(s) {sorted(missing)}")
            for batch in pf.iter_batches(batch_size=1000):
                for row in batch.to_pylist():
                    yield _document(row, f)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(str(f), f"unreadable Parquet file ({exc})") from None


def _document(row: dict[str, Any], f: Path) -> Document:
    try:
        status = Status(row.get("status") or Status.NEW.value)
    except ValueError:
        raise InputError(str(f), f"article {row['id']}: unknown status {row.get('status')!r}") from None
    updated: datetime | None = row.get("updated_at")
    return Document(
        Article(row["id"], row["text"], row.get("title"), row.get("url")),
        entities=[Span(s["start"], s["end"], s["label"]) for s in row.get("entities") or ()],
        sections=[Span(s["start"], s["end"], s["label"]) for s in row.get("sections") or ()],
        entities_suggested=[_suggestion(s) for s in row.get("entities_suggested") or ()],
        sections_suggested=[_suggestion(s) for s in row.get("sections_suggested") or ()],
        status=status,
        annotator=row.get("annotator"),
        updated_at=updated,
        source=f"{f}:{row['id']}",
    )


def _suggestion(s: dict[str, Any]) -> Suggestion:
    score = s.get("score")
    # float32 on disk: take its shortest decimal form, so 0.9 reads back as 0.9
    return Suggestion(s["start"], s["end"], s["label"], None if score is None else float(str(np.float32(score))))


register(Format("hf", "Hugging Face dataset folder (Parquet + dataset card)", read=read_hf, write=write_hf, sniff=sniff_hf))

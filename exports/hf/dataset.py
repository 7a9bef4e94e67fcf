"""Hugging Face dataset export: Parquet configs ``documents``, ``ner``, ``sections`` plus a card.

Layout (the Hub's own, see docs/export-format.md)::

    out/README.md
    out/data/{documents,ner,sections}/{train,validation,test}-00000-of-00001.parquet

Articles stream in batches of a few hundred, grouped by split; each batch becomes one Arrow
record batch per config, built column by column, and each split's slice of it goes to that
split's ``ParquetWriter`` (see :mod:`exports.hf.parquet_shards`). Nothing holds the whole table.
The folder is built under a temporary sibling name and renamed into place only when complete, so
a failed export leaves the previous one untouched.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from annotator.errors import ExportError, InputError
from annotator.model import ENTITIES, SECTIONS, Article, Document, Span, Status, Suggestion
from annotator.schema import Schema
from annotator.store.batches.article_batches import BATCH_ARTICLES, ArticleBatch, Utf8Texts, batches_of
from annotator.store.batches.documents import ProjectDocuments
from exports.atomic import atomic_dir
from exports.hf.batch_tokens import BatchText, batch_tokens
from exports.hf.card import render_card
from exports.hf.chunks import MAX_TOKENS
from exports.hf.ner_tokens import NerTokens
from exports.hf.parquet_shards import BackgroundWriter, ShardWriter
from exports.hf.schema import DOCUMENT_COLUMNS, Columns, arrow_schema, ner_columns, section_columns
from exports.hf.splits import SPLITS, SplitAssigner, text_keys
from exports.hf.tables import checked, document_rows, ner_rows, section_rows
from exports.registry import Format, register

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


def write_hf(
    docs: Iterable[Document] | ProjectDocuments,
    out: Path,
    schema: Schema,
    *,
    splits: Sequence[float] = (0.8, 0.1, 0.1),
    seed: int = 0,
    tokenizer_nlp: Language | None = None,
    project_name: str | None = None,
    card: Mapping[str, str] | None = None,
    shard_bytes: int = SHARD_BYTES,
    max_tokens: int = MAX_TOKENS,
    batch_articles: int = BATCH_ARTICLES,
    notes: Sequence[str] = (),
) -> ExportSummary:
    """Export ``docs`` as a Hugging Face dataset folder at ``out``, replacing an earlier export.

    A project's documents are read as column batches with their cached tokens; any other
    documents are regrouped into batches of ``batch_articles`` first. ``notes`` are paragraphs
    added to the card (how many articles were double-annotated and their agreement).
    """
    from annotator.nlp.tokenizer import blank_pipeline
    from annotator.store.token_cache import fingerprint

    out = Path(out)
    assign = SplitAssigner(splits, seed)

    def tokenizer_and_fingerprint() -> tuple[Language, str]:
        nlp = tokenizer_nlp or blank_pipeline()
        return nlp, fingerprint(nlp)

    pool = ThreadPoolExecutor(2, thread_name_prefix="hf-export")
    tokenizer = pool.submit(tokenizer_and_fingerprint)  # built while the first batch is read
    columns: dict[str, Columns] = {
        "documents": DOCUMENT_COLUMNS, "ner": ner_columns(schema), "sections": section_columns(schema)
    }
    arrow = {config: arrow_schema(cols) for config, cols in columns.items()}
    entity_labels, section_labels = schema.names(ENTITIES), schema.names(SECTIONS)
    writers: dict[str, dict[str, ShardWriter]] = {}
    background = BackgroundWriter()
    # A project's ids are unique in the store; a set of them would only grow with the corpus.
    batches = docs.batches() if isinstance(docs, ProjectDocuments) else _unique(batches_of(docs, batch_articles))
    try:
        with atomic_dir(out, sniff_hf, "a Hugging Face export") as tmp:
            for config in columns:
                (tmp / "data" / config).mkdir(parents=True)
                writers[config] = {s: ShardWriter(tmp / "data" / config, s, arrow[config], shard_bytes) for s in SPLITS}
            exported = 0
            for batch in batches:
                exported += len(batch)
                batch, first_of_split = _grouped_by_split(batch, assign)
                text = BatchText.of(batch.texts, batch.ids)
                entity_codes = checked(batch, text, batch.entities, entity_labels, "entity", overlaps=True)
                section_codes = checked(batch, text, batch.sections, section_labels, "section", overlaps=False)
                nlp, fingerprint_ = tokenizer.result()
                tokens = batch_tokens(batch, text, nlp, fingerprint_)
                if tokens.made and batch.remember is not None:
                    batch.remember(tokens.made, fingerprint_)
                ner, chunk_doc = ner_rows(batch, text, tokens, entity_codes, arrow["ner"], max_tokens)
                rows = {
                    "documents": (document_rows(batch, text, arrow["documents"]), np.arange(len(batch))),
                    "ner": (ner, chunk_doc),
                    "sections": (section_rows(batch, text, section_codes, arrow["sections"]), batch.sections.doc),
                }
                for config, (table, doc) in rows.items():
                    edges = np.searchsorted(doc, first_of_split).tolist()
                    for k, split in enumerate(SPLITS):
                        background.write(writers[config][split], table.slice(edges[k], edges[k + 1] - edges[k]))
            background.finish()
            # the rows still waiting, written on both cores
            closed = {(c, s): pool.submit(w.close) for c, by_split in writers.items() for s, w in by_split.items()}
            counts = {c: {s: closed[c, s].result() for s in by_split} for c, by_split in writers.items()}
            if not exported:
                raise ExportError(f"{out}: no documents to export")
            card_text = render_card(columns, counts, schema, project_name, card_of(docs, card), notes)
            (tmp / "README.md").write_text(card_text, encoding="utf-8")
    except BaseException:
        background.abort()
        pool.shutdown(cancel_futures=True)
        for by_split in writers.values():
            for w in by_split.values():
                w.abort()
        raise
    pool.shutdown()
    return ExportSummary(out, counts)


def card_of(docs: object, card: Mapping[str, str] | None) -> dict[str, str]:
    """The card settings: the project's (when exporting a project), overridden by ``card``."""
    from annotator.store import card_settings

    settings = card_settings.read(docs.project.conn) if isinstance(docs, ProjectDocuments) else {}
    return {**settings, **{k: v for k, v in (card or {}).items() if v}}


def _unique(batches: Iterator[ArticleBatch]) -> Iterator[ArticleBatch]:
    """The batches; ExportError for an article id met twice."""
    seen: set[str] = set()
    for batch in batches:
        for aid in batch.ids:
            if aid in seen:
                raise ExportError(f"article {aid} appears twice in the export")
            seen.add(aid)
        yield batch


def _grouped_by_split(batch: ArticleBatch, assign: SplitAssigner) -> tuple[ArticleBatch, np.ndarray]:
    """The batch with its articles in split order (stable), and where each split's articles begin
    (plus the end): each split's rows are then one slice of every table."""
    texts = batch.texts.raw if isinstance(batch.texts, Utf8Texts) else batch.texts
    split_of = assign.indices(text_keys(texts))
    order = np.argsort(split_of, kind="stable")
    if (np.diff(order) < 0).any():
        batch, split_of = batch.reordered(order), split_of[order]
    return batch, np.searchsorted(split_of, np.arange(len(SPLITS) + 1))


def sniff_hf(path: Path) -> bool:
    return path.is_dir() and (path / "README.md").is_file() and (path / "data" / "documents").is_dir()


def read_hf(path: Path) -> Iterator[Document]:
    """Documents of an export's ``documents`` config, every split (train, validation, test), with
    the tokens of its ``ner`` config as their source tokens."""
    path = Path(path)
    files = sorted(
        (path / "data" / "documents").glob("*.parquet"),
        key=lambda f: (SPLITS.index(f.name.split("-")[0]) if f.name.split("-")[0] in SPLITS else len(SPLITS), f.name),
    )
    if not files:
        raise InputError(str(path), "not a Hugging Face export: no data/documents/*.parquet")
    by_split: dict[str, list[Path]] = {}
    for f in files:
        by_split.setdefault(f.name.split("-")[0], []).append(f)
    for split, split_files in by_split.items():
        ids = [i for f in split_files for i in _column(f, "id")]
        tokens = NerTokens(path, split, ids)
        for f in split_files:
            try:
                pf = pq.ParquetFile(f)
                missing = {"id", "text"} - set(pf.schema_arrow.names)
                if missing:
                    raise InputError(str(f), f"missing column(s) {sorted(missing)}")
                for batch in pf.iter_batches(batch_size=1000):
                    for row in batch.to_pylist():
                        doc = _document(row, f)
                        doc.tokens = tokens.take(row["id"], doc.article.text, f"{f}:{row['id']}")
                        yield doc
            except (pa.ArrowException, OSError) as exc:
                raise InputError(str(f), f"unreadable Parquet file ({exc})") from None


def _column(f: Path, name: str) -> list[Any]:
    """One column of a documents file (its ids, read ahead to pair the ner rows with the documents)."""
    try:
        missing = {"id", "text"} - set(pq.ParquetFile(f).schema_arrow.names)
        if missing:
            raise InputError(str(f), f"missing column(s) {sorted(missing)}")
        return pq.read_table(f, columns=[name]).column(name).to_pylist()
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

"""Documents for the Hugging Face export tests, built directly (no project needed)."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from annotator.model import Article, Document, Span, Status, Suggestion, article_id

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

TEXTS = [
    "Scoop: Kazakhstan to join Abraham Accords\n"
    "Kazakhstan President Kassym-Jomart Tokayev will meet Trump on Thursday, officials tell Axios.Why it matters: "
    "the deal 🎉Israel wanted.\n\nComments",
    "Привет из Москвы. 😀Trump говорит с Axios.\n東京 and Israel met on Thursday.",
    "A short note about Axios and nothing else.",
    "👍👍 Trump\nThursday",
]
ENTITIES = {"Kazakhstan": "GPE", "Israel": "GPE", "Trump": "PERSON", "Axios": "ORG", "Thursday": "DATE",
            "Kassym-Jomart Tokayev": "PERSON"}


def find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def make_doc(text: str, status: Status = Status.DONE, sections: bool = True) -> Document:
    """A document with every known entity word labeled, a headline and a body section."""
    ents = sorted(Span(i, i + len(w), label) for w, label in ENTITIES.items() for i in find_all(text, w))
    first = text.find("\n") if "\n" in text else len(text)
    secs = [Span(0, first, "headline")] + ([Span(first + 1, len(text), "body")] if first + 1 < len(text) else [])
    return Document(
        Article(article_id(text), text, title=text[:20], url=f"https://example.com/{article_id(text)}"),
        entities=ents,
        sections=secs if sections else [],
        entities_suggested=[Suggestion(s.start, s.end, s.label, 0.75) for s in ents[:2]],
        sections_suggested=[Suggestion(0, first, "headline", None)],
        status=status,
        annotator="tester",
        updated_at=datetime(2026, 11, 27, 12, 30, 15, 123000, tzinfo=timezone.utc),
    )


def sample_docs() -> list[Document]:
    return [make_doc(t) for t in TEXTS]


def generated_docs(n: int, start: int = 0) -> list[Document]:
    """``n`` small distinct documents (ids differ), for split statistics."""
    return [make_doc(f"Story {i}: Trump met Axios on Thursday.\nMore text {i}.") for i in range(start, start + n)]


def load(path: Path, config: str | None = None, cache: Path | None = None):
    import datasets

    return datasets.load_dataset(str(path), config, cache_dir=str(cache) if cache else None)


class ChunkRows:
    """The ner rows the export makes of one document, through the export's own batch code."""

    def __init__(self, schema, max_tokens: int = 200) -> None:  # type: ignore[no-untyped-def]
        from annotator.nlp.tokenizer import blank_pipeline
        from annotator.store.token_cache import fingerprint
        from exports.hf.schema import arrow_schema, ner_columns

        self.schema, self.max_tokens = schema, max_tokens
        self.nlp = blank_pipeline()
        self.tokenizer = fingerprint(self.nlp)
        self.arrow = arrow_schema(ner_columns(schema))

    def _prepared(self, document: Document):  # type: ignore[no-untyped-def]
        """The document as a batch, its text, its tokens and its entity label codes, as the export has them."""
        from annotator.model import ENTITIES as LAYER
        from annotator.store.batches.article_batches import batches_of
        from exports.hf.batch_tokens import BatchText, batch_tokens
        from exports.hf.tables import checked

        (batch,) = batches_of([document])
        text = BatchText.of(batch.texts)
        codes = checked(batch, text, batch.entities, self.schema.names(LAYER), "entity", overlaps=True)
        return batch, text, batch_tokens(batch, text, self.nlp, self.tokenizer), codes

    def chunks(self, document: Document) -> list["ChunkRow"]:
        from exports.hf.tables import ner_rows

        batch, text, tokens, codes = self._prepared(document)
        rows, _ = ner_rows(batch, text, tokens, codes, self.arrow, self.max_tokens)
        out = []
        for row in rows.to_pylist():
            start = row["start"]
            words = row["tokens"]
            last = document.article.text.index(words[-1], start + sum(map(len, words[:-1])))
            out.append(ChunkRow(start, last + len(words[-1]), words, row["spaces"], row["ner_tags"]))
        return out

    def token_tags(self, document: Document) -> list[int]:
        """Tags of every token, blank ones included (O)."""
        from exports.hf.chunks import iob_codes

        batch, text, tokens, codes = self._prepared(document)
        ents = batch.entities
        tags, bad = iob_codes(tokens, text.base, ents.doc, ents.start, ents.end, codes)
        assert bad is None
        return tags.tolist()


class ChunkRow:
    def __init__(self, start: int, end: int, tokens: list[str], spaces: list[bool], tags: list[int]) -> None:
        self.start, self.end, self.tokens, self.spaces, self.tags = start, end, tokens, spaces, tags

"""A batch of articles put in another order keeps each article's spans, tokens and cache key."""
from __future__ import annotations

import numpy as np

from annotator.model import Article, Document, Span, Suggestion, article_id
from annotator.store.batches.article_batches import batches_of


def doc(text: str, entity: tuple[int, int, str], score: float | None) -> Document:
    d = Document(Article(article_id(text), text))
    d.entities.append(Span(*entity))
    d.sections.append(Span(0, len(text), "body"))
    d.entities_suggested.append(Suggestion(*entity, score))
    return d


def test_reordered_batch_moves_every_column_with_its_article():
    docs = [doc("Alpha met Bo.", (0, 5, "PERSON"), 0.5), doc("Cy.", (0, 2, "ORG"), None), doc("Dee and Eve.", (8, 11, "PERSON"), 0.9)]
    (batch,) = batches_of(docs)
    batch.token_blobs = [b"a", b"b", b"c"]
    remembered: list[list[tuple[int, bytes]]] = []
    batch.remember = lambda made, tokenizer: remembered.append(made)
    moved = batch.reordered(np.array([2, 0, 1]))
    assert moved.texts == [docs[2].article.text, docs[0].article.text, docs[1].article.text]
    assert moved.token_blobs == [b"c", b"a", b"b"]
    for k, d in enumerate(moved.texts):
        ents = [(int(s), int(e)) for dd, s, e in zip(moved.entities.doc, moved.entities.start, moved.entities.end) if dd == k]
        assert [d[s:e] for s, e in ents] == {0: ["Eve"], 1: ["Alpha"], 2: ["Cy"]}[k]
    assert moved.entities.doc.tolist() == [0, 1, 2] == moved.sections.doc.tolist()
    assert moved.entities_suggested.score.to_pylist() == [0.9, 0.5, None]
    assert moved.entities.label.to_pylist() == ["PERSON", "PERSON", "ORG"]
    assert moved.remember is not None
    moved.remember([(0, b"tokens of Dee and Eve")], "fp")
    assert remembered == [[(2, b"tokens of Dee and Eve")]]  # handed back under the original index

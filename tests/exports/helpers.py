"""Small builders shared by the export tests."""
from __future__ import annotations

from annotator.model import Article, Document, Span, article_id


def make_doc(text: str, entities=(), sections=(), **fields) -> Document:
    return Document(Article(article_id(text), text, **fields),
                    entities=[Span(*e) for e in entities], sections=[Span(*s) for s in sections])


def spans_text(doc: Document, layer: str = "entities") -> list[tuple[str, str]]:
    return [(doc.article.text[s.start:s.end], s.label) for s in doc.spans(layer)]

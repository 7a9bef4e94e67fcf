"""Project documents -> format -> read give back the same text and spans (CoNLL: tokens and tags)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.training import biluo_to_iob, offsets_to_biluo_tags

import exports.all_formats  # noqa: F401
from annotator.model import Article, Document, Span, Status, article_id
from annotator.nlp.tokenizer import blank_pipeline
from annotator.schema import Schema
from exports.formats.conll import sentences_of
from exports.registry import read_any, write_any

SCHEMA = Schema.default(["PERSON", "ORG", "GPE", "DATE"])
LETTERS = "abcXYZéßøДжшΩλ中文字אבعربي"
EMOJI = "🚒😀👍🏽"
word = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=7),
    st.text(alphabet=EMOJI, min_size=1, max_size=2),
    st.sampled_from([".", ",", "!", "2024", "U.S.", "Axios.Why", "don't", "-"]),
)
separator = st.sampled_from([" ", " ", " ", "\n", " \n", "  ", "\n\n"])


@st.composite
def documents(draw) -> Document:
    words = draw(st.lists(word, min_size=1, max_size=25))
    seps = draw(st.lists(separator, min_size=len(words) - 1, max_size=len(words) - 1))
    text = words[0] + "".join(s + w for s, w in zip(seps, words[1:]))
    tokens = [t for t in blank_pipeline().make_doc(text) if not t.is_space]
    n = len(tokens)
    entities: list[Span] = []
    taken = -1
    for i, length in sorted(draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 3)), max_size=5))):
        j = min(i + length, n) - 1
        if i > taken:
            entities.append(Span(tokens[i].idx, tokens[j].idx + len(tokens[j]), draw(st.sampled_from(SCHEMA.names("entities")))))
            taken = j
    cuts = sorted(set(draw(st.lists(st.integers(1, max(n - 1, 1)), max_size=3))) - {n})
    bounds = [0, *cuts, n]
    sections = [Span(tokens[a].idx, tokens[b - 1].idx + len(tokens[b - 1]), draw(st.sampled_from(SCHEMA.names("sections"))))
                for a, b in zip(bounds, bounds[1:]) if a < b]
    return Document(Article(article_id(text), text), entities=entities, sections=sections, status=Status.DONE)


def _write_read(fmt: str, doc: Document, name: str) -> list[Document]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        write_any(fmt, [doc], out, SCHEMA)
        return list(read_any(out, fmt))


@pytest.mark.parametrize("fmt,name", [("prodigy", "x.jsonl"), ("spacy", "x.spacy"), ("doccano", "x.jsonl"),
                                      ("labelstudio", "x.json"), ("brat", "x")])
@settings(max_examples=40, deadline=None)
@given(doc=documents())
def test_roundtrip_keeps_text_and_spans(fmt, name, doc):
    (back,) = _write_read(fmt, doc, name)
    assert back.article.text == doc.article.text
    assert back.article.id == doc.article.id
    assert back.entities == sorted(doc.entities)
    assert back.sections == sorted(doc.sections)


@settings(max_examples=40, deadline=None)
@given(doc=documents())
def test_roundtrip_conll_keeps_tokens_and_tags(doc):
    written = [pair for sentence in sentences_of(doc) for pair in sentence]
    (back,) = _write_read("conll", doc, "x.conll")
    words = back.article.text.split()
    rebuilt = Doc(blank_pipeline().vocab, words=words)
    tags = biluo_to_iob(offsets_to_biluo_tags(rebuilt, [(s.start, s.end, s.label) for s in back.entities]))
    assert list(zip(words, tags)) == written


@settings(max_examples=30, deadline=None)
@given(docs=st.lists(documents(), min_size=2, max_size=3))
def test_roundtrip_many_documents_in_one_file(docs):
    for fmt, name in (("prodigy", "x.jsonl"), ("conll", "x.conll"), ("labelstudio", "x.json")):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / name
            write_any(fmt, docs, out, SCHEMA)
            assert len(list(read_any(out))) == len(docs)  # detected, one document each

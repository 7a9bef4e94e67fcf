"""Chunks of the ner config: short, never cutting an entity, rebuilding their text exactly."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from annotator.errors import ExportError
from annotator.model import Article, Document, Span
from annotator.nlp.tokenizer import blank_pipeline
from exports.hf.dataset import write_hf
from exports.hf.schema import iob_names
from tests.exports.hf.hf_helpers import ChunkRows


@pytest.fixture
def encoder(schema):
    return ChunkRows(schema, max_tokens=20)


def doc_of(text: str, *ents: tuple[int, int, str]) -> Document:
    return Document(Article("a1", text), entities=[Span(*e) for e in ents])


def rebuilt(chunk) -> str:
    return Doc(blank_pipeline().vocab, words=chunk.tokens, spaces=chunk.spaces).text


def test_chunks_split_paragraphs_and_strip_blank_lines(encoder):
    text = "First para here.\n\n  Second one 😀Trump.\nThird"
    chunks = list(encoder.chunks(doc_of(text)))
    assert [text[c.start:c.end] for c in chunks] == ["First para here.", "Second one 😀Trump.", "Third"]
    assert all(rebuilt(c) == text[c.start:c.end] for c in chunks)


def test_chunks_cut_long_paragraphs_at_sentences_within_the_limit(encoder):
    sentence = "Trump met the press in the city today. "
    text = (sentence * 8).strip()
    chunks = list(encoder.chunks(doc_of(text)))
    assert len(chunks) > 1
    assert all(len(c.tokens) <= 20 for c in chunks)
    assert all(text[c.start:c.end].endswith(".") for c in chunks)
    assert all(rebuilt(c) == text[c.start:c.end] for c in chunks)


def test_chunks_never_cut_an_entity_across_a_line_break(encoder, schema):
    text = "Intro line.\nThe Bank of\nEngland said no.\nEnd."
    start = text.index("Bank")
    end = text.index("England") + len("England")
    chunks = list(encoder.chunks(doc_of(text, (start, end, "ORG"))))
    holder = next(c for c in chunks if c.start <= start < c.end)
    assert holder.end >= end
    names = iob_names(schema)
    tags = [names[t] for t in holder.tags]
    assert tags.count("B-ORG") == 1 and tags[tags.index("B-ORG") + 1].startswith("I-ORG")
    assert rebuilt(holder) == text[holder.start:holder.end]


def test_chunks_never_cut_an_entity_in_a_long_sentence(schema):
    enc = ChunkRows(schema, max_tokens=5)
    text = "a b c d Kassym Jomart Tokayev Ali Baba e f g h i j"
    start = text.index("Kassym")
    end = text.index("Baba") + 4
    chunks = list(enc.chunks(doc_of(text, (start, end, "PERSON"))))
    assert any(c.start <= start and c.end >= end for c in chunks)
    names = iob_names(schema)
    assert all(not names[c.tags[0]].startswith("I-") for c in chunks)
    assert sum(len(c.tokens) for c in chunks) == len(text.split())


def test_chunks_misaligned_entity_raises_export_error_naming_it(encoder):
    text = "Kazakhstan joins."
    with pytest.raises(ExportError, match=r"a1.*\(0, 5, GPE\).*'Kazak'"):
        list(encoder.chunks(doc_of(text, (0, 5, "GPE"))))


def test_chunks_overlapping_entities_raise_export_error(encoder):
    text = "Axios Trump said."
    with pytest.raises(ExportError, match=r"a1.*\(0, 11, ORG\).*overlaps.*\(6, 11, PERSON\)"):
        list(encoder.chunks(doc_of(text, (0, 11, "ORG"), (6, 11, "PERSON"))))


def test_chunks_unknown_label_raises_export_error(encoder):
    with pytest.raises(ExportError, match="FOOD"):
        list(encoder.chunks(doc_of("Pizza time", (0, 5, "FOOD"))))


def test_hf_misaligned_span_aborts_the_export(tmp_path, schema):
    out = tmp_path / "bad"
    with pytest.raises(ExportError, match=r"a1.*'Kazak'"):
        write_hf([doc_of("Kazakhstan joins.", (0, 5, "GPE"))], out, schema)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_chunks_iob_tags_equal_spacys_biluo_to_iob_on_conll_dev():
    """The array tagger gives exactly spaCy's offsets_to_biluo_tags + biluo_to_iob."""
    from spacy.training import biluo_to_iob, offsets_to_biluo_tags

    from annotator.schema import Schema
    from exports.formats.conll import read_conll
    from tests.conftest import CONLL_DEV

    nlp = blank_pipeline()
    rows = ChunkRows(Schema.default(["PER", "ORG", "LOC", "MISC"]), max_tokens=10_000)
    names = iob_names(rows.schema)
    checked = 0
    for document in read_conll(CONLL_DEV):
        document.tokens = None  # the tokenizer's tags (the file's own tokens: tests/exports/formats/test_conll_source_tokens.py)
        doc = nlp.make_doc(document.article.text)
        offsets = [(e.start, e.end, e.label) for e in sorted(document.entities)]
        if "-" in offsets_to_biluo_tags(doc, offsets):
            continue  # CoNLL tokens our tokenizer splits differently: not comparable
        expected = biluo_to_iob(offsets_to_biluo_tags(doc, offsets))
        assert [names[t] for t in rows.token_tags(document)] == expected
        checked += 1
    assert checked > 150

from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError, InputError
from exports.formats.conll import read_conll, sentences_of, write_conll
from exports.registry import detect
from tests.conftest import CONLL_DEV, SHARED
from tests.exports.helpers import make_doc, spans_text

SPACY = SHARED / "fixtures" / "spacy"
DOCCANO = SHARED / "fixtures" / "doccano"


def test_conll_reads_conllpp_dev_documents():
    docs = list(read_conll(CONLL_DEV))
    assert len(docs) == 216
    assert sum(len(d.entities) for d in docs) == 5942
    first = docs[0]
    assert first.article.text.startswith("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .\nLONDON 1996-08-30\n")
    assert spans_text(first)[:3] == [("LEICESTERSHIRE", "ORG"), ("LONDON", "LOC"), ("West Indian", "MISC")]
    assert detect(CONLL_DEV) == "conll"


def test_conll_reads_spacy_convert_conll_input_like_spacy():
    docs = list(read_conll(SPACY / "conll_ner_to_docs.input.conll"))
    assert len(docs) == 1
    lines = docs[0].article.text.split("\n")
    assert len(lines) == 5 and all(line.split() == ["I", "like", "London", "and", "New", "York", "City", "."] for line in lines)
    assert len(docs[0].entities) == 10
    assert {t for t, _ in spans_text(docs[0])} == {"New York City", "London"}


def test_conll_reads_iob1_sentence_per_line_like_spacy():
    doc = next(read_conll(SPACY / "iob_to_docs.input.iob"))
    assert len(doc.article.text.split("\n")) == 4
    assert len(doc.entities) == 8  # "London|I-GPE" after O opens an entity (IOB1)
    assert {t for t, _ in spans_text(doc)} == {"New York City", "London"}


def _expected_entities(path):
    out = []
    for d in json.loads(path.read_text()):
        for p in d["paragraphs"]:
            for s in p["sentences"]:
                cur: list[str] = []
                for t in s["tokens"]:
                    kind, tag = t["ner"][0], t["ner"][2:]
                    if kind in "BU":
                        cur = [t["orth"]]
                    elif kind in "IL":
                        cur.append(t["orth"])
                    if kind in "LU":
                        out.append((" ".join(cur), tag))
    return out


@pytest.mark.parametrize("name", ["ner-sent-per-line", "ner-token-per-line", "ner-token-per-line-with-pos",
                                  "ner-token-per-line-conll2003"])
def test_conll_reads_spacy_ner_examples_as_expected(name):
    data = SHARED / "fixtures" / "spacy" / "ner_example_data"
    got = [e for d in read_conll(data / f"{name}.iob") for e in spans_text(d)]
    assert got == _expected_entities(data / f"{name}.json")


def test_conll_reads_bilou(tmp_path):
    path = tmp_path / "x.bilou"
    path.write_text("New\tB-GPE\nYork\tL-GPE\nis\tO\nbig\tO\nParis\tU-GPE\nRome\tU-GPE\n")
    assert spans_text(next(read_conll(path))) == [("New York", "GPE"), ("Paris", "GPE"), ("Rome", "GPE")]


def test_conll_doccano_fixtures_read_or_fail_cleanly():
    doc = next(read_conll(DOCCANO / "data_import__tests__data__sequence_labeling__example.conll"))
    assert spans_text(doc) == [("JAPAN", "LOC"), ("Nadim Ladki", "PER")]
    trailing = list(read_conll(DOCCANO / "data_import__tests__data__sequence_labeling__labeling.trailing.conll"))
    assert len(trailing) == 1 and spans_text(trailing[0]) == [("JAPAN", "LOC"), ("CHINA", "PER")]
    invalid = DOCCANO / "data_import__tests__data__sequence_labeling__labeling.invalid.conll"
    with pytest.raises(InputError, match=r"labeling\.invalid\.conll:1: unknown tag 'SOCCERO'"):
        list(read_conll(invalid))


def test_conll_writes_iob2_columns_documents_and_sentences(tmp_path, schema):
    a = make_doc("Trump met Kassym-Jomart Tokayev.\nAxios reports it.", [(0, 5, "PERSON"), (10, 31, "PERSON"), (33, 38, "ORG")])
    b = make_doc("Kazakhstan joins.", [(0, 10, "GPE")])
    out = tmp_path / "out.conll"
    assert write_conll([a, b], out, schema) == 2
    blocks = out.read_text().split("\n\n")
    assert blocks[0] == "-DOCSTART- -X- -X- O"
    assert blocks[1].splitlines()[:4] == ["Trump -X- _ B-PERSON", "met -X- _ O", "Kassym -X- _ B-PERSON", "- -X- _ I-PERSON"]
    assert blocks[2].splitlines()[0] == "Axios -X- _ B-ORG"
    assert blocks[3] == "-DOCSTART- -X- -X- O"
    back = list(read_conll(out))
    assert [spans_text(d) for d in back] == [[("Trump", "PERSON"), ("Kassym - Jomart Tokayev", "PERSON"), ("Axios", "ORG")],
                                             [("Kazakhstan", "GPE")]]


def test_conll_never_splits_a_sentence_inside_an_entity():
    doc = make_doc("Meet Acme Inc.\nGroup today.", [(5, 20, "ORG")])
    assert [tag for s in sentences_of(doc) for _, tag in s] == ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]
    assert len(sentences_of(doc)) == 1


def test_conll_refuses_misaligned_entity(tmp_path, schema):
    doc = make_doc("Kazakhstan joins.", [(0, 4, "GPE")])
    with pytest.raises(ExportError, match=doc.article.id):
        write_conll([doc], tmp_path / "x.conll", schema)


def test_conll_sniffs_tagged_txt_but_not_prose(tmp_path):
    assert detect(DOCCANO / "data_import__pipeline__examples__sequence_labeling__example.txt") == "conll"
    prose = tmp_path / "prose.txt"
    prose.write_text("A short line\nAnother one O\nThird\nFourth line\nFifth\nSixth\n")
    assert detect(prose) == "native"

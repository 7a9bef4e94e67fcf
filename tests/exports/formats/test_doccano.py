from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import InputError
from annotator.model import Status
from exports.formats.doccano import read_doccano, write_doccano
from exports.registry import detect
from tests.conftest import SHARED
from tests.exports.helpers import make_doc, spans_text

DOCCANO = SHARED / "fixtures" / "doccano"


def test_doccano_reads_label_triples():
    path = DOCCANO / "data_export__pipeline__examples__sequence_labeling__example.jsonl"
    docs = list(read_doccano(path))
    assert [spans_text(d) for d in docs] == [[("EU", "ORG"), ("German", "MISC")], [("Peter Blackburn", "PERSON")],
                                             [("Obama", "PERSON")]]
    assert detect(path) == "doccano"


@pytest.mark.parametrize("name", ["data_export__pipeline__examples__relation_extraction__example.jsonl",
                                  "data_import__pipeline__examples__relation_extraction__example.jsonl",
                                  "data_import__tests__data__relation_extraction__example.jsonl"])
def test_doccano_reads_relation_extraction_entities_and_ignores_relations(name):
    docs = list(read_doccano(DOCCANO / name))
    assert len(docs) == 1
    assert spans_text(docs[0]) == [("Google", "ORG"), ("September 4, 1998", "DATE"), ("Larry Page", "PERSON"),
                                   ("Sergey Brin", "PERSON")]
    assert detect(DOCCANO / name) == "doccano"


def test_doccano_reads_custom_columns_by_option():
    path = DOCCANO / "data_import__pipeline__examples__sequence_labeling__example.jsonl"
    docs = list(read_doccano(path, text_field="column_data", label_field="column_label"))
    assert spans_text(docs[0]) == [("EU", "ORG")]


def test_doccano_overlapping_entities_fail_naming_line():
    path = DOCCANO / "data_import__tests__data__sequence_labeling__example_overlapping.jsonl"
    with pytest.raises(InputError, match=r"overlapping\.jsonl:1: entities spans overlap"):
        list(read_doccano(path))


def test_doccano_record_without_text_fails_naming_line():
    path = DOCCANO / "data_import__tests__data__sequence_labeling__example.jsonl"
    with pytest.raises(InputError, match=r"example\.jsonl:3: the record has no 'text'"):
        list(read_doccano(path))


def test_doccano_writes_and_reads_back_sections_and_fields(tmp_path, schema):
    doc = make_doc("Trump spoke.\nAxios: more.", [(0, 5, "PERSON")], [(0, 12, "lede"), (13, 25, "body")], title="T")
    doc.status = Status.DONE
    out = tmp_path / "out.jsonl"
    write_doccano([doc], out, schema)
    rec = json.loads(out.read_text())
    assert rec["label"] == [[0, 5, "PERSON"]] and rec["sections"] == [[0, 12, "lede"], [13, 25, "body"]]
    back = next(read_doccano(out))
    assert (back.article.id, back.article.title, back.status) == (doc.article.id, "T", Status.DONE)
    assert back.entities == doc.entities and back.sections == doc.sections

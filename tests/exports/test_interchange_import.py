"""Formats through a project: export, import into a fresh project, detection, failed runs."""
from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import InputError
from annotator.io.importing import import_documents
from annotator.model import Article, Document, Span, Status, Suggestion, article_id
from annotator.store.project import Project
from exports.registry import detect, read_any, write_any
from tests.conftest import CONLL_DEV

TEXTS = ["Trump met Kassym-Jomart Tokayev in Kazakhstan.\nWhy it matters: ties on Thursday.",
         "Axios reports 🚒 from Israel.\nMore follows."]


def _fill(project):
    docs = [
        Document(Article(article_id(TEXTS[0]), TEXTS[0], "Scoop", "https://x.test/1"),
                 entities=[Span(0, 5, "PERSON"), Span(10, 31, "PERSON"), Span(35, 45, "GPE"), Span(71, 79, "DATE")],
                 sections=[Span(0, 46, "lede"), Span(47, 80, "why_it_matters")], status=Status.DONE,
                 entities_suggested=[Suggestion(0, 5, "PERSON", 0.5)]),
        Document(Article(article_id(TEXTS[1]), TEXTS[1]), entities=[Span(0, 5, "ORG"), Span(21, 27, "GPE")],
                 sections=[Span(0, 28, "body")], status=Status.DONE),
    ]
    import_documents(project, docs)
    return docs


@pytest.mark.parametrize("fmt,name", [("prodigy", "x.jsonl"), ("spacy", "x.spacy"), ("doccano", "x.jsonl"),
                                      ("labelstudio", "x.json"), ("brat", "folder")])
def test_interchange_project_export_import_keeps_documents(tmp_path, project, schema, fmt, name):
    docs = _fill(project)
    out = tmp_path / name
    write_any(fmt, project.documents(), out, schema)
    assert detect(out) == fmt
    with Project.create(tmp_path / "copy.annotator", schema) as copy:
        result = import_documents(copy, read_any(out))
        assert len(result.added) == 2
        for d in docs:
            got = copy.document(d.article.id)
            assert got.article.text == d.article.text
            assert got.entities == d.entities and got.sections == d.sections
            assert got.status == (Status.NEW if fmt == "brat" else Status.DONE)  # brat holds no status


def test_interchange_conll_dev_imports_into_a_conll_schema_project(tmp_path):
    from annotator.schema import Schema

    with Project.create(tmp_path / "conll.annotator", Schema.from_json({"entities": {"labels": ["PER", "ORG", "LOC", "MISC"]}})) as p:
        result = import_documents(p, read_any(CONLL_DEV))
        assert len(result.added) == 216


def test_interchange_failed_run_imports_nothing(tmp_path, project):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "Trump spoke.", "label": [[0, 5, "PERSON"]]}) + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "Fine."}) + "\n" + json.dumps({"text": "Trump.", "label": [[0, 50, "PERSON"]]}) + "\n")

    def both():
        yield from read_any(good, "doccano")
        yield from read_any(bad, "doccano")

    with pytest.raises(InputError, match=r"bad\.jsonl:2: entities span \[0, 50\)"):
        import_documents(project, both())
    assert project.count() == 0


def test_interchange_detect_jsonl_shapes(tmp_path):
    cases = {"native": {"text": "a", "entities": []}, "doccano": {"text": "a", "label": [[0, 1, "X"]]},
             "prodigy": {"text": "a", "_input_hash": 1}}
    for expected, record in cases.items():
        path = tmp_path / f"{expected}.jsonl"
        path.write_text(json.dumps(record) + "\n")
        assert detect(path) == expected
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text("just text")
    assert detect(folder) == "native" and detect(folder / "a.txt") == "native"


def test_interchange_import_sniffers_try_prodigy_before_doccano():
    import exports.all_formats  # noqa: F401
    from exports.registry import FORMATS

    names = list(FORMATS)
    assert names.index("prodigy") < names.index("doccano")  # a Prodigy task can look like doccano's

from __future__ import annotations

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import InputError
from exports.formats.brat import read_brat, write_brat
from exports.registry import detect
from tests.conftest import SHARED
from tests.exports.helpers import make_doc, spans_text

BRAT = SHARED / "fixtures" / "brat" / "tutorials_news"


def test_brat_reads_every_tutorial_document_with_exact_offsets():
    docs = list(read_brat(BRAT))
    assert len(docs) == 13
    for doc in docs:
        ann = (BRAT / f"{doc.article.meta['brat_file']}.ann").read_text(encoding="utf-8")
        triggers = {line.split("\t")[1].split()[0].split(":")[1] for line in ann.splitlines() if line.startswith("E")}
        shown = [line.split("\t")[2] for line in ann.splitlines()
                 if line.startswith("T") and line.split("\t")[0] not in triggers]
        assert sorted(t for t, _ in spans_text(doc)) == sorted(shown)
    labels = {s.label for d in docs for s in d.entities}
    assert labels == {"Person", "Organization", "GPE", "Money"}  # event triggers are not entities
    assert detect(BRAT) == "brat" and detect(BRAT / "040-text_span_annotation.ann") == "brat"


def test_brat_takes_hull_of_discontinuous_span_and_ignores_other_lines(tmp_path):
    (tmp_path / "a.txt").write_text("New\nYork and Paris")
    (tmp_path / "a.ann").write_text("T1\tGPE 0 3;4 8\tNew York\nT2\tGPE 13 18\tParis\nR1\tRel Arg1:T1 Arg2:T2\n"
                                    "#1\tNote T1\tx\nT3\tGo 9 12\tand\nE1\tGo:T3 Dest:T2\nA1\tNeg E1\n")
    doc = next(read_brat(tmp_path / "a.ann"))
    assert spans_text(doc) == [("New\nYork", "GPE"), ("Paris", "GPE")]


def test_brat_missing_text_file_fails_naming_it(tmp_path):
    (tmp_path / "b.ann").write_text("T1\tGPE 0 3\tNew\n")
    with pytest.raises(InputError, match=r"b\.ann: no text file b\.txt"):
        list(read_brat(tmp_path))


def test_brat_span_past_text_fails_naming_line(tmp_path):
    (tmp_path / "c.txt").write_text("short")
    (tmp_path / "c.ann").write_text("T1\tGPE 0 3\tsho\nT2\tGPE 2 99\tx\n")
    with pytest.raises(InputError, match=r"c\.ann:2: span \[2, 99\)"):
        list(read_brat(tmp_path))


def test_brat_writes_folder_splitting_sections_at_line_breaks(tmp_path, schema):
    doc = make_doc("Headline here\nTrump spoke.\nMore text.", [(14, 19, "PERSON")], [(0, 13, "headline"), (14, 37, "body")])
    out = tmp_path / "brat"
    assert write_brat([doc], out, schema) == 1
    ann = (out / f"{doc.article.id}.ann").read_text().splitlines()
    assert ann[0] == "T1\tPERSON 14 19\tTrump"
    assert ann[2] == "T3\tsection-body 14 26;27 37\tTrump spoke. More text."
    assert "section-why_it_matters" in (out / "annotation.conf").read_text()
    back = next(read_brat(out))
    assert back.entities == doc.entities and back.sections == doc.sections and back.article.id == doc.article.id

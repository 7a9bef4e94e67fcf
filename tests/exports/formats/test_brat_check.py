"""Every span we write passes brat's own text check, and ids and labels round trip whatever their
characters.

brat is not on PyPI (a Python 2 web server), so its check is ported here: the line reading of
``Annotations._parse_ann_file`` and the span and text checks of
``TextAnnotations._parse_textbound_annotation`` (nlplab/brat, server/src/annotation.py).
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.model import Article, Document, Span
from exports.formats.brat import read_brat, write_brat
from exports.atomic import MARKER
from tests.conftest import ROOT

DISCONT_SEP = " "


def brat_check(ann: Path, text: str) -> list[str]:
    """brat's errors for the text-bound lines of ``ann`` against ``text`` (empty: brat accepts them all)."""
    errors = []
    for line in ann.read_text(encoding="utf-8").splitlines(keepends=True):  # brat iterates a codecs reader: splitlines
        if "\t" not in line:
            errors.append(f"no id: {line!r}")
            continue
        ann_id, id_tail = line.split("\t", 1)
        if not ann_id.startswith("T"):
            continue
        if "\t" in id_tail:
            data, data_tail = id_tail[:id_tail.index("\t")], id_tail[id_tail.index("\t"):]
        else:
            data, data_tail = id_tail, ""
        try:
            _type, rest = data.split(" ", 1)
            spans = []
            for span_str in rest.split(";"):
                start_str, end_str = span_str.split(" ", 2)
                end_str = end_str.rstrip()
                if any(c.isspace() for c in end_str):
                    raise ValueError("space instead of tab")
                spans.append((int(start_str), int(end_str)))
        except ValueError as exc:
            errors.append(f"{ann_id}: unparsable ({exc}): {line!r}")
            continue
        seen: list[tuple[int, int]] = []
        for start, end in spans:
            if start > end or start < 0 or end > len(text):
                errors.append(f"{ann_id}: bad offsets {start} {end}")
            if any(end >= ostart and start < oend for ostart, oend in seen):
                errors.append(f"{ann_id}: fragments overlap")
            seen.append((start, end))
        spanlen = sum(end - start for start, end in spans) + (len(spans) - 1) * len(DISCONT_SEP)
        if data_tail.strip() == "" and spanlen > 0:
            errors.append(f"{ann_id}: missing text")
        elif data_tail[0] != "\t":
            errors.append(f"{ann_id}: missing tab before text")
        elif spanlen > len(data_tail) - 1:
            errors.append(f"{ann_id}: text shorter than marked span")
        else:
            shown, after = data_tail[1:spanlen + 1], data_tail[spanlen + 1:]
            reftext = DISCONT_SEP.join(text[start:end] for start, end in spans)
            if shown != reftext:
                errors.append(f"{ann_id}: Text-bound annotation text {shown!r} does not match marked span(s) {reftext!r}")
            if after != "" and not after[0].isspace():
                errors.append(f"{ann_id}: text not separated from the rest of the line")
    return errors


def test_brat_check_catches_what_brat_rejects(tmp_path):
    (tmp_path / "a.ann").write_text("T1\tX 0 6\tTrump \nT2\tX 0 5\tTrumpx\n", encoding="utf-8")
    text = "Trump\tspoke"
    assert len(brat_check(tmp_path / "a.ann", text)) == 2  # a tab written as a space; text not separated
    (tmp_path / "b.ann").write_text("T1\tX 0 6\tTrump\t\n", encoding="utf-8")
    assert brat_check(tmp_path / "b.ann", text) == []


NASTY = ["Trump", " ", "\t", "\n", "\n\n", "\u2028", "\x0c", "Ünïcode", "😀", "a", "  ", "\x85"]
LABELS = st.sampled_from(["PERSON", "has space", "new\nline", "tab\tbed", "section-x", "ÄÖÜ", "a;b", ".dot", "semi;colon", "%41"])
IDS = st.sampled_from([".hidden", "a/b", "..", "CON", "Abc", "abc", "x" * 300, "id with space", "ok-id", "\\back", "é"])


@st.composite
def documents(draw) -> list[Document]:
    docs, seen = [], set()
    for _ in range(draw(st.integers(1, 5))):
        parts = draw(st.lists(st.sampled_from(NASTY), min_size=1, max_size=25))
        text = "".join(parts) + "."
        doc_id = draw(IDS)
        if doc_id in seen:
            continue
        seen.add(doc_id)
        cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=0, max_size=8))))
        spans = {"entities": [], "sections": []}
        for k, (a, b) in enumerate(zip(cuts[::2], cuts[1::2])):
            if text[a:b].strip():  # brat cannot show a span of whitespace only (the export refuses one)
                spans["entities" if k % 2 else "sections"].append(Span(a, b, draw(LABELS)))
        docs.append(Document(Article(doc_id, text), entities=spans["entities"], sections=spans["sections"]))
    return docs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=documents())
def test_brat_every_span_passes_brats_check_and_round_trips(tmp_path_factory, schema, docs):
    out = tmp_path_factory.mktemp("brat") / "out"
    write_brat(docs, out, schema)
    names = [p.name for p in out.iterdir() if p.name != MARKER]  # the export's own marker file
    assert all(not n.startswith(".") and len(n) < 120 for n in names)
    assert len({n.casefold() for n in names}) == len(names)  # unique on a case-insensitive file system too
    for ann in out.glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        assert brat_check(ann, text) == []
    back = {d.article.id: d for d in read_brat(out)}
    assert set(back) == {d.article.id for d in docs}
    for doc in docs:
        again = back[doc.article.id]
        assert again.article.text == doc.article.text
        assert sorted(again.entities) == sorted(doc.entities) and sorted(again.sections) == sorted(doc.sections)


def test_brat_refuses_a_span_of_whitespace_only_naming_it(tmp_path, schema):
    import pytest

    from annotator.errors import ExportError

    doc = Document(Article("a", "Trump \n spoke."), sections=[Span(5, 8, "body")])
    with pytest.raises(ExportError, match=r"article a: sections span \[5, 8\) body is only whitespace"):
        write_brat([doc], tmp_path / "out", schema)
    assert not (tmp_path / "out").exists()


def test_brat_check_passes_on_the_real_tutorial_files():
    folder = ROOT.parent / "shared" / "data" / "fixtures" / "brat" / "tutorials_news"
    for ann in sorted(folder.glob("*.ann")):
        errors = brat_check(ann, ann.with_suffix(".txt").read_text(encoding="utf-8"))
        assert errors == [], ann.name


def test_brat_tutorial_files_round_trip_through_our_export(tmp_path, schema):
    folder = ROOT.parent / "shared" / "data" / "fixtures" / "brat" / "tutorials_news"
    docs = list(read_brat(folder))
    write_brat(docs, tmp_path / "out", schema)
    for ann in (tmp_path / "out").glob("*.ann"):
        assert brat_check(ann, ann.with_suffix(".txt").read_text(encoding="utf-8")) == []
    back = {d.article.id: d for d in read_brat(tmp_path / "out")}
    assert len(back) == len(docs) == 13
    for d in docs:
        assert sorted(back[d.article.id].entities) == sorted(d.entities) and back[d.article.id].article.text == d.article.text


def test_brat_broken_manifest_fails_naming_it(tmp_path):
    import pytest

    from annotator.errors import InputError

    (tmp_path / "a.txt").write_text("Trump.")
    (tmp_path / "a.ann").write_text("T1\tPERSON 0 5\tTrump\n")
    (tmp_path / "annotator.json").write_text("{not json")
    with pytest.raises(InputError, match=r"annotator\.json:1: not valid JSON"):
        list(read_brat(tmp_path))

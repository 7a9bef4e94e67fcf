"""Section texts and article texts reach the export exactly, whichever way the export cuts them.

Sections that do not overlap are cut from the batch's UTF-8 buffer; overlapping ones (possible in
documents from files, never in a project) are sliced in Python. A project hands its texts over as
UTF-8, checked before anything is written.
"""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from annotator.errors import ExportError
from annotator.io.importing import import_documents
from annotator.model import Span
from exports.hf.dataset import write_hf
from tests.exports.hf.hf_helpers import TEXTS, generated_docs, make_doc


def section_rows(out) -> list[dict]:  # type: ignore[no-untyped-def]
    return sum((pq.read_table(f).to_pylist() for f in sorted((out / "data" / "sections").glob("*.parquet"))), [])


def test_overlapping_and_nested_sections_keep_their_exact_text(schema, tmp_path):
    docs = [make_doc(t) for t in TEXTS]
    for doc in docs:
        n = len(doc.article.text)
        doc.sections = sorted([Span(0, n, "body"), Span(1, min(n, 9), "lede"), Span(max(0, n - 5), n, "lede")])
    write_hf(docs, tmp_path / "out", schema)
    rows = section_rows(tmp_path / "out")
    texts = {d.article.id: d.article.text for d in docs}
    assert len(rows) == 3 * len(docs)
    for row in rows:
        assert row["text"] == texts[row["doc_id"]][row["start"]:row["end"]]
    assert any(not row["text"].isascii() for row in rows)


def test_a_project_export_cuts_the_same_texts_as_an_export_of_its_documents(project, schema, tmp_path):
    docs = [make_doc(t) for t in TEXTS] + generated_docs(20)
    import_documents(project, docs)
    write_hf(project.documents(batch=6), tmp_path / "columns", schema)
    write_hf(list(project.documents()), tmp_path / "objects", schema)
    for config in ("documents", "ner", "sections"):
        for f in sorted((tmp_path / "objects" / "data" / config).glob("*.parquet")):
            assert pq.read_table(f).equals(pq.read_table(tmp_path / "columns" / f.relative_to(tmp_path / "objects")))
    texts = {d.article.id: d.article.text for d in docs}
    for row in section_rows(tmp_path / "columns"):
        assert row["text"] == texts[row["doc_id"]][row["start"]:row["end"]]


def test_a_text_the_store_holds_as_broken_utf8_is_refused_naming_the_article(project, schema, tmp_path):
    docs = [make_doc(t) for t in TEXTS]
    import_documents(project, docs)
    out = tmp_path / "out"
    write_hf(project.documents(), out, schema)
    before = {f: f.read_bytes() for f in out.rglob("*") if f.is_file()}
    broken = project.conn.execute("SELECT seq, id FROM articles ORDER BY seq LIMIT 1 OFFSET 1").fetchone()
    with project.transaction() as conn:  # a damaged file: a lone continuation byte inside the text
        conn.execute("UPDATE texts SET text = CAST(CAST(text AS BLOB) || X'80' AS TEXT) WHERE seq = ?", (broken[0],))
    with pytest.raises(ExportError, match=rf"article {broken[1]}: .*not valid UTF-8"):
        write_hf(project.documents(), out, schema)
    assert {f: f.read_bytes() for f in out.rglob("*") if f.is_file()} == before

"""A project's export reads spans as columns and keeps the tokens it computed for the next export."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from annotator.io.importing import import_documents
from annotator.model import Status
from annotator.store.project import Project
from annotator.store.token_cache import SETTING
from exports.hf.dataset import write_hf
from tests.exports.hf.hf_helpers import TEXTS, generated_docs, make_doc


def tables(out) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    return {f"{f.parent.name}/{f.name}": pq.read_table(f).to_pylist() for f in sorted((out / "data").glob("*/*.parquet"))}


@pytest.fixture
def filled(project):
    docs = [make_doc(t) for t in TEXTS] + generated_docs(30)
    for i, doc in enumerate(docs):
        doc.status = Status.DONE if i % 3 else Status.NEW
    import_documents(project, docs)
    return project, docs


def cached(project: Project) -> int:
    return project.conn.execute("SELECT count(*) FROM tokens").fetchone()[0]


def test_first_export_keeps_the_tokens_and_the_next_one_writes_the_same_rows(filled, schema, tmp_path):
    project, docs = filled
    assert cached(project) == 0
    write_hf(project.documents(batch=8), tmp_path / "first", schema)
    assert cached(project) == len(docs)
    write_hf(project.documents(batch=8), tmp_path / "second", schema)
    from_documents = tmp_path / "documents"
    write_hf(list(project.documents()), from_documents, schema)  # Document objects: no cache involved
    assert tables(tmp_path / "first") == tables(tmp_path / "second") == tables(from_documents)


def test_a_status_filter_leaves_gaps_the_columns_skip(filled, schema, tmp_path):
    project, docs = filled
    write_hf(project.documents(Status.DONE, batch=7), tmp_path / "done", schema)
    write_hf(list(project.documents(Status.DONE)), tmp_path / "objects", schema)
    assert tables(tmp_path / "done") == tables(tmp_path / "objects")
    rows = sum((r for r in tables(tmp_path / "done").values()), [])
    assert {r["doc_id"] for r in rows if "doc_id" in r} <= {d.article.id for d in docs if d.status == Status.DONE}


def test_tokens_of_another_tokenizer_or_an_unknown_layout_are_not_used(filled, schema, tmp_path):
    project, _ = filled
    write_hf(project.documents(), tmp_path / "clean", schema)
    with project.transaction() as conn:
        conn.execute("UPDATE tokens SET data = X'09' WHERE seq % 2 = 0")  # a layout from some later version
    write_hf(project.documents(), tmp_path / "unknown_layout", schema)
    with project.transaction() as conn:
        conn.execute("UPDATE tokens SET data = X'02' || data WHERE seq % 2 = 1")  # garbage under the right fingerprint
        conn.execute("UPDATE project SET value = 'another-tokenizer' WHERE key = ?", (SETTING,))
    write_hf(project.documents(), tmp_path / "other_tokenizer", schema)
    assert tables(tmp_path / "clean") == tables(tmp_path / "unknown_layout") == tables(tmp_path / "other_tokenizer")
    assert project.conn.execute("SELECT value FROM project WHERE key = ?", (SETTING,)).fetchone()[0] != "another-tokenizer"


def test_cached_tokens_of_another_text_are_made_again(filled, schema, tmp_path):
    project, _ = filled
    write_hf(project.documents(), tmp_path / "clean", schema)
    before = dict(project.conn.execute("SELECT seq, data FROM tokens"))
    first, second = sorted(before)[:2]
    lengths = dict(project.conn.execute("SELECT seq, length(text) FROM texts WHERE seq IN (?, ?)", (first, second)))
    assert lengths[first] != lengths[second]  # so the swapped tokens cannot cover the texts
    with project.transaction() as conn:  # readable blobs, right tokenizer, wrong articles
        conn.execute("UPDATE tokens SET data = ? WHERE seq = ?", (before[second], first))
        conn.execute("UPDATE tokens SET data = ? WHERE seq = ?", (before[first], second))
    write_hf(project.documents(batch=7), tmp_path / "swapped", schema)
    assert tables(tmp_path / "clean") == tables(tmp_path / "swapped")
    assert dict(project.conn.execute("SELECT seq, data FROM tokens")) == before


def test_a_read_only_project_exports_without_writing(schema, tmp_path):
    path = tmp_path / "shared.annotator"
    with Project.create(path, schema) as owner:
        import_documents(owner, generated_docs(12))
    with Project.open(path, read_only=True) as viewer:
        summary = write_hf(viewer.documents(), tmp_path / "ro", schema)
        assert summary.total() == 12
        assert cached(viewer) == 0


def test_a_watcher_that_raises_stops_the_export_and_leaves_nothing(filled, schema, tmp_path):
    project, _ = filled
    seen: list[int] = []

    def on_batch(done: int) -> None:
        seen.append(done)
        if done > 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_hf(project.documents(batch=5).watched(on_batch), tmp_path / "stopped", schema)
    assert seen == [5, 10, 15]
    assert not (tmp_path / "stopped").exists()

"""An export replaces the previous one only when complete; a failure leaves it untouched."""
from __future__ import annotations

import pytest

from annotator.errors import ExportError
from annotator.model import Article, Document, Span
from exports.hf.dataset import read_hf, write_hf
from tests.exports.hf.hf_helpers import generated_docs, sample_docs


def snapshot(path):
    return {p.relative_to(path): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_hf_new_export_replaces_the_old_one(tmp_path, schema):
    out = tmp_path / "export"
    write_hf(sample_docs(), out, schema)
    write_hf(generated_docs(3), out, schema)
    assert len(list(read_hf(out))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_hf_failure_midway_leaves_the_previous_export_intact(tmp_path, schema):
    out = tmp_path / "export"
    write_hf(sample_docs(), out, schema, batch_articles=2)
    before = snapshot(out)
    bad = Document(Article("broken", "Kazakhstan joins."), entities=[Span(0, 5, "GPE")])
    with pytest.raises(ExportError, match="broken"):
        write_hf(generated_docs(20) + [bad] + generated_docs(5, start=20), out, schema, batch_articles=2)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_hf_interrupted_generator_leaves_no_half_written_folder(tmp_path, schema):
    out = tmp_path / "fresh"

    def docs():
        yield from generated_docs(10)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_hf(docs(), out, schema, batch_articles=3)
    assert list(tmp_path.iterdir()) == []


def test_hf_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path, schema):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not a Hugging Face export"):
        write_hf(sample_docs(), out, schema)
    assert (out / "notes.txt").read_text() == "keep me"


def test_hf_empty_input_and_duplicate_ids_raise(tmp_path, schema):
    with pytest.raises(ExportError, match="no documents"):
        write_hf([], tmp_path / "empty", schema)
    doc = sample_docs()[0]
    with pytest.raises(ExportError, match=f"{doc.article.id} appears twice"):
        write_hf([doc, doc], tmp_path / "dup", schema)
    assert list(tmp_path.iterdir()) == []


def test_hf_shards_large_splits(tmp_path, schema):
    out = tmp_path / "sharded"
    summary = write_hf(generated_docs(30), out, schema, splits=(1, 0, 0), batch_articles=5, shard_bytes=1)
    shards = sorted(p.name for p in (out / "data" / "documents").glob("train-*"))
    assert len(shards) == 6 and shards[0] == "train-00000-of-00006.parquet"
    assert summary.documents["train"] == 30 == len(list(read_hf(out)))


def test_hf_atomic_next_export_restores_an_export_moved_aside_by_a_killed_run(tmp_path):
    import subprocess
    import sys

    from annotator.model import Article, Document, article_id
    from annotator.schema import Schema
    from exports.hf.dataset import read_hf, write_hf

    schema = Schema.default(["PERSON"])
    out = tmp_path / "out"
    write_hf([Document(Article(article_id("First text."), "First text."))], out, schema)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out.rename(tmp_path / f".out.old-{dead.pid}")  # as a kill between the two renames leaves it
    (tmp_path / f".out.tmp-{dead.pid}").mkdir()
    write_hf([Document(Article(article_id("Second text."), "Second text."))], out, schema)
    assert [d.article.text for d in read_hf(out)] == ["Second text."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]

"""The Hugging Face export loads with datasets.load_dataset and keeps types, offsets and splits."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.tokens import Doc

from annotator.nlp.tokenizer import blank_pipeline
from exports.hf.dataset import read_hf, write_hf
from exports.hf.schema import iob_names
from exports.registry import FORMATS, detect, read_any
from tests.conftest import add_text
from tests.exports.hf.hf_helpers import TEXTS, generated_docs, load, sample_docs


@pytest.fixture
def exported(tmp_path, schema):
    docs = sample_docs() + generated_docs(40)
    out = tmp_path / "export"
    summary = write_hf(docs, out, schema, seed=3)
    return docs, out, summary


def test_hf_layout_has_every_split_file_and_a_card(exported):
    _, out, summary = exported
    assert (out / "README.md").read_text(encoding="utf-8").startswith("---\nlanguage:")
    for config in ("documents", "ner", "sections"):
        for split in ("train", "validation", "test"):
            assert (out / "data" / config / f"{split}-00000-of-00001.parquet").is_file()
    assert summary.path == out
    assert summary.total("documents") == 44
    assert not list(out.parent.glob(".export.*")), "temporary folders are cleaned up"


def test_hf_load_dataset_documents_gives_three_splits_and_exact_offsets(exported, tmp_path):
    docs, out, summary = exported
    ds = load(out, cache=tmp_path / "cache")
    assert set(ds) == {"train", "validation", "test"}
    assert {s: ds[s].num_rows for s in ds} == summary.documents
    by_id = {d.article.id: d for d in docs}
    rows = [r for s in ds for r in ds[s]]
    assert sorted(r["id"] for r in rows) == sorted(by_id)
    for row in rows:
        for ent in row["entities"]:
            doc = by_id[row["id"]]
            assert row["text"][ent["start"]:ent["end"]] == doc.article.text[ent["start"]:ent["end"]]
        assert [(e["start"], e["end"], e["label"]) for e in row["entities"]] == [
            (e.start, e.end, e.label) for e in by_id[row["id"]].entities
        ]
    emoji_row = next(r for r in rows if r["text"] == TEXTS[1])
    trump = next(e for e in emoji_row["entities"] if e["label"] == "PERSON")
    assert emoji_row["text"][trump["start"] - 1:trump["end"]] == "😀Trump"


def test_hf_ner_config_has_class_labels_in_schema_order(exported, schema, tmp_path):
    _, out, summary = exported
    ner = load(out, "ner", cache=tmp_path / "cache")
    feature = ner["train"].features["ner_tags"].feature
    assert feature.names == iob_names(schema) == ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "B-DATE", "I-DATE"]
    assert {s: ner[s].num_rows for s in ner} == {s: n for s, n in summary.chunks.items() if n}
    sections = load(out, "sections", cache=tmp_path / "cache")
    assert sections["train"].features["label"].names == schema.names("sections")


def test_hf_ner_tokens_rebuild_the_chunk_and_tags_match_entities(exported, schema, tmp_path):
    docs, out, _ = exported
    by_id = {d.article.id: d for d in docs}
    names = iob_names(schema)
    vocab = blank_pipeline().vocab
    ner = load(out, "ner", cache=tmp_path / "cache")
    seen_entities = 0
    for split in ner:
        for row in ner[split]:
            text = by_id[row["doc_id"]].article.text
            chunk = Doc(vocab, words=row["tokens"], spaces=row["spaces"]).text
            assert chunk == text[row["start"]:row["start"] + len(chunk)]
            tags = [names[t] for t in row["ner_tags"]]
            assert not tags or not tags[0].startswith("I-")
            seen_entities += sum(t.startswith("B-") for t in tags)
    assert seen_entities == sum(len(d.entities) for d in docs)


def test_hf_sections_config_text_matches_document_text(exported, schema, tmp_path):
    docs, out, _ = exported
    by_id = {d.article.id: d for d in docs}
    sections = load(out, "sections", cache=tmp_path / "cache")
    names = schema.names("sections")
    rows = [r for s in sections for r in sections[s]]
    assert len(rows) == sum(len(d.sections) for d in docs)
    for row in rows:
        doc = by_id[row["doc_id"]]
        assert row["text"] == doc.article.text[row["start"]:row["end"]]
        assert (row["start"], row["end"], names[row["label"]]) in [(s.start, s.end, s.label) for s in doc.sections]


def test_hf_parquet_metadata_uses_the_older_spelling_and_int64_labels(exported):
    _, out, _ = exported
    for config in ("documents", "ner", "sections"):
        for f in (out / "data" / config).glob("*.parquet"):
            schema = pq.read_schema(f)
            raw = schema.metadata[b"huggingface"].decode()
            assert '"_type": "List"' not in raw
            features = json.loads(raw)["info"]["features"]
            assert set(features) == set(schema.names)
    ner = pq.read_schema(out / "data/ner/train-00000-of-00001.parquet")
    assert ner.field("ner_tags").type.value_type == pa.int64()
    assert json.loads(ner.metadata[b"huggingface"])["info"]["features"]["ner_tags"]["_type"] == "Sequence"
    docs = pq.read_schema(out / "data/documents/train-00000-of-00001.parquet")
    assert isinstance(json.loads(docs.metadata[b"huggingface"])["info"]["features"]["entities"], list)
    assert str(docs.field("updated_at").type) == "timestamp[ms, tz=UTC]"
    assert docs.field("entities_suggested").type.value_type == pa.struct(
        [("start", pa.int32()), ("end", pa.int32()), ("label", pa.string()), ("score", pa.float32())]
    )


def test_hf_empty_splits_still_load(tmp_path, schema):
    out = tmp_path / "one"
    write_hf(sample_docs()[:1], out, schema, splits=(1, 0, 0))
    assert (out / "data/ner/test-00000-of-00001.parquet").is_file()
    assert pq.read_table(out / "data/documents/test-00000-of-00001.parquet").num_rows == 0
    ds = load(out, cache=tmp_path / "cache")
    assert list(ds) == ["train"] and ds["train"].num_rows == 1
    assert load(out, "ner", cache=tmp_path / "cache")["train"].num_rows >= 1


def test_hf_read_hf_round_trips_documents(exported):
    docs, out, _ = exported
    back = {d.article.id: d for d in read_hf(out)}
    assert len(back) == len(docs)
    for doc in docs:
        got = back[doc.article.id]
        assert (got.article.text, got.article.title, got.article.url) == (doc.article.text, doc.article.title, doc.article.url)
        assert (got.entities, got.sections) == (doc.entities, doc.sections)
        assert (got.entities_suggested, got.sections_suggested) == (doc.entities_suggested, doc.sections_suggested)
        assert (got.status, got.annotator, got.updated_at) == (doc.status, doc.annotator, doc.updated_at)


def test_hf_is_registered_and_sniffed(exported, tmp_path):
    _, out, _ = exported
    assert FORMATS["hf"].read is read_hf and FORMATS["hf"].write is write_hf
    assert detect(out) == "hf"
    assert detect(tmp_path) != "hf"
    assert len(list(read_any(out))) == 44


def test_hf_exports_a_project(project, schema, tmp_path):
    ids = [add_text(project, t) for t in TEXTS]
    summary = write_hf(project.documents(), tmp_path / "proj", schema, project_name="Demo news")
    assert summary.total("documents") == len(ids)
    assert "# Demo news" in (tmp_path / "proj" / "README.md").read_text(encoding="utf-8")
    assert sorted(d.article.id for d in read_hf(tmp_path / "proj")) == sorted(ids)


def test_hf_card_lists_every_column_and_the_labels(exported, schema):
    import yaml

    _, out, summary = exported
    card = (out / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(card.split("---\n")[1])
    assert [c["config_name"] for c in header["configs"]] == ["documents", "ner", "sections"]
    assert header["configs"][0]["default"] is True
    assert [i["config_name"] for i in header["dataset_info"]] == ["ner", "sections"]  # the default config: Parquet metadata
    for info in header["dataset_info"]:
        parquet = pq.read_schema(out / "data" / info["config_name"] / "train-00000-of-00001.parquet")
        assert [f["name"] for f in info["features"]] == parquet.names
    ner = next(i for i in header["dataset_info"] if i["config_name"] == "ner")
    tags = next(f for f in ner["features"] if f["name"] == "ner_tags")
    assert list(tags["sequence"]["class_label"]["names"].values()) == iob_names(schema)
    assert header["task_categories"] == ["token-classification"] and header["language"] == ["en"]
    assert header["license"] == "unknown" and header["pretty_name"] == "Annotated news articles"
    assert "B-PERSON" in card and "why_it_matters" in card
    assert f"| documents | {summary.documents['train']} | {summary.documents['validation']} |" in card


def test_hf_config_without_rows_is_left_out_of_the_card(tmp_path, schema):
    from tests.exports.hf.hf_helpers import make_doc

    out = tmp_path / "nosections"
    summary = write_hf([make_doc(t, sections=False) for t in TEXTS], out, schema, splits=(1, 0, 0))
    assert summary.total("sections") == 0
    assert (out / "data/sections/train-00000-of-00001.parquet").is_file()
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "config_name: sections" not in card.split("\n---\n")[0]
    assert load(out, cache=tmp_path / "cache")["train"].num_rows == len(TEXTS)


def test_hf_card_settings_come_from_the_project_and_data_dir_loads(project, tmp_path):
    import datasets
    import yaml

    from annotator.store import card_settings

    from annotator.io.importing import import_documents

    import_documents(project, generated_docs(60))  # every split gets rows (data_dir reads every split file)
    with project.transaction() as conn:
        card_settings.write(conn, {"language": "en, de", "license": "cc-by-4.0", "pretty_name": "Team news"})
    out = tmp_path / "card"
    summary = write_hf(project.documents(), out, project.schema)
    assert all(summary.counts[c][s] for c in ("documents", "ner", "sections") for s in ("train", "validation", "test"))
    header = yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    assert (header["language"], header["license"], header["pretty_name"]) == (["en", "de"], "cc-by-4.0", "Team news")
    for config in ("ner", "sections", "documents"):  # datasets 3.6 applied the documents features to these: it failed
        loaded = datasets.load_dataset(str(out), data_dir=f"data/{config}", cache_dir=str(tmp_path / "cache"))
        assert loaded["train"].num_rows > 0
    ner = datasets.load_dataset(str(out), data_dir="data/ner", cache_dir=str(tmp_path / "cache"))["train"]
    assert ner.features["ner_tags"].feature.names == iob_names(project.schema)
    docs = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "cache"))["train"]
    assert docs.features["entities"].feature["start"].dtype == "int32"  # the default config's types from the Parquet metadata

"""A new user's whole path: import, pre-label, edit, close, reopen, undo, export, load_dataset."""
from __future__ import annotations

import json

import datasets
import pyarrow.parquet as pq

from annotator.editing.commands import AddSpan, Editor, RemoveSpan, SetStatus
from annotator.io.importing import import_documents
from annotator.io.readers import read_path
from annotator.model import ENTITIES, Status
from annotator.nlp.prelabel import prelabel
from annotator.schema import Schema
from annotator.store.project import Project
from exports.formats.conll import read_conll
from exports.hf.dataset import write_hf
from tests.conftest import CONLL_DEV, ROOT

CONLL_SCHEMA = {"entities": {"labels": ["PER", "ORG", "LOC", "MISC", "DATE"], "map": {"PERSON": "PER", "GPE": "LOC"}}}


def test_end_to_end_seeds_and_conll_dev_to_hf_dataset(tmp_path, ruler_nlp):
    path = tmp_path / "e2e.annotator"
    with Project.create(path, Schema.from_json(CONLL_SCHEMA)) as project:
        import_documents(project, list(read_path(ROOT / "seeds")) + list(read_conll(CONLL_DEV)))
        assert project.count() == 217
        result = prelabel(project, ruler_nlp)
        assert result.articles == 217
        seed_id = project.ids()[0]
        text = project.article(seed_id).text
        editor = Editor(project)
        trump = next(s for s in project.spans(seed_id, ENTITIES) if text[s.start:s.end] == "Trump")
        editor.execute(RemoveSpan(seed_id, ENTITIES, trump.id))
        start = text.index("Abraham Accords")
        editor.execute(AddSpan(seed_id, ENTITIES, start, start + len("Abraham Accords"), "MISC"))
        for aid in project.ids()[:40]:
            editor.execute(SetStatus(aid, Status.DONE))
        spans_before_undo = project.spans(seed_id, ENTITIES)

    with Project.open(path) as project:
        editor = Editor(project)
        for _ in range(40):
            editor.undo()  # the 40 status changes
        assert project.count(Status.DONE) == 0
        for _ in range(40):
            editor.redo()
        assert project.count(Status.DONE) == 40
        assert project.spans(seed_id, ENTITIES) == spans_before_undo
        summary = write_hf(project.documents(), tmp_path / "out", project.schema)
        assert sum(summary.counts["documents"].values()) == 217

    ds = datasets.load_dataset(str(tmp_path / "out"))
    assert set(ds) == {"train", "validation", "test"}
    assert sum(len(ds[s]) for s in ds) == 217
    assert len(ds["train"]) > len(ds["validation"]) > 0
    ner = datasets.load_dataset(str(tmp_path / "out"), "ner")
    names = ner["train"].features["ner_tags"].feature.names
    assert names[:3] == ["O", "B-PER", "I-PER"] and len(names) == 11
    for split in ds.values():
        for row in split:
            for e in row["entities"]:
                assert e["label"] in CONLL_SCHEMA["entities"]["labels"]
                assert row["text"][e["start"]:e["end"]].strip() == row["text"][e["start"]:e["end"]] != ""
    seed_row = next(r for s in ds.values() for r in s if r["id"] == seed_id)
    exported = [(e["start"], e["end"], e["label"]) for e in seed_row["entities"]]
    assert exported == [(s.start, s.end, s.label) for s in spans_before_undo]
    assert (start, start + len("Abraham Accords"), "MISC") in exported
    assert (trump.start, trump.end, "PER") not in exported
    done = sum(r["status"] == "done" for s in ds.values() for r in s)
    assert done == 40


def test_end_to_end_export_metadata_uses_the_older_spelling(tmp_path, project, ruler_nlp):
    from tests.conftest import add_text

    add_text(project, "Trump told Axios on Thursday.")
    prelabel(project, ruler_nlp)
    write_hf(project.documents(), tmp_path / "out", project.schema)
    for f in (tmp_path / "out" / "data").rglob("*.parquet"):
        meta = pq.read_schema(f).metadata[b"huggingface"].decode()
        assert '"_type": "List"' not in meta
        features = json.loads(meta)["info"]["features"]
        if "ner_tags" in features:
            assert features["ner_tags"]["_type"] == "Sequence"
            assert features["ner_tags"]["feature"]["_type"] == "ClassLabel"
        if "entities" in features:
            assert isinstance(features["entities"], list)

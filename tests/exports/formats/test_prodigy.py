from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError, InputError
from annotator.io.importing import import_documents
from annotator.model import Status
from exports.formats.prodigy import input_hash, read_prodigy, write_prodigy
from exports.registry import detect
from tests.conftest import SHARED
from tests.exports.helpers import make_doc, spans_text

PRODIGY = SHARED / "fixtures" / "prodigy"
ANNOTATED = PRODIGY / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"


def test_prodigy_reads_annotated_headlines_fixture():
    docs = list(read_prodigy(ANNOTATED))
    assert len(docs) == 372  # 373 tasks, one answered "ignore"
    assert sum(len(d.entities) for d in docs) == 303
    first = docs[0]
    assert spans_text(first) == [("Uber", "ORG"), ("Silicon Valley", "LOCATION")]
    assert first.article.meta["source"] == "The New York Times"
    assert first.article.meta["_input_hash"] == 1886699658
    assert first.status == Status.DONE


def test_prodigy_skips_rejected_and_ignored_tasks(tmp_path):
    path = tmp_path / "tasks.jsonl"
    rows = [{"text": "Kept.", "spans": [], "answer": "accept"}, {"text": "Rejected.", "answer": "reject"},
            {"text": "Ignored.", "answer": "ignore"}, {"text": "Raw input."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    docs = list(read_prodigy(path))
    assert [d.article.text for d in docs] == ["Kept.", "Raw input."]
    assert [d.status for d in docs] == [Status.DONE, Status.NEW]


def test_prodigy_writes_tokens_inclusive_indices_and_hashes(tmp_path, schema):
    doc = make_doc("Kassym-Jomart Tokayev met Trump.\nAxios reports.", [(0, 21, "PERSON"), (26, 31, "PERSON")],
                   [(0, 32, "headline"), (33, 47, "body")], title="T")
    out = tmp_path / "out.jsonl"
    assert write_prodigy([doc], out, schema) == 1
    task = json.loads(out.read_text())
    tokens = task["tokens"]
    span = task["spans"][0]
    assert tokens[span["token_start"]]["start"] == 0 and tokens[span["token_end"]]["end"] == 21
    assert tokens[task["spans"][1]["token_end"]]["text"] == "Trump"
    assert task["answer"] == "accept" and task["_input_hash"] == input_hash(doc.article.text)
    assert isinstance(task["_task_hash"], int) and task["_task_hash"] != task["_input_hash"]
    assert [s["label"] for s in task["sections"]] == ["headline", "body"]
    back = next(read_prodigy(out))
    assert back.article.id == doc.article.id and back.article.title == "T"
    assert back.entities == doc.entities and back.sections == doc.sections


def test_prodigy_hash_is_stable_across_calls():
    assert input_hash("Same text") == input_hash("Same text") != input_hash("Other text")


def test_prodigy_refuses_misaligned_span_naming_article(tmp_path, schema):
    doc = make_doc("Kazakhstan joins.", [(0, 5, "GPE")])
    with pytest.raises(ExportError, match=doc.article.id + r".*\[0, 5\) GPE 'Kazak'"):
        write_prodigy([doc], tmp_path / "out.jsonl", schema)
    assert not (tmp_path / "out.jsonl").exists()


def test_prodigy_detected_from_first_record():
    assert detect(ANNOTATED) == "prodigy"
    assert detect(PRODIGY / "news_headlines.jsonl") == "native"


def test_prodigy_unknown_label_import_error_names_line_and_labels(project):
    with pytest.raises(InputError) as err:
        import_documents(project, read_prodigy(ANNOTATED))
    message = str(err.value)
    assert f"{ANNOTATED}:1" in message and "'LOCATION'" in message and "PERSON, ORG, GPE, DATE" in message
    assert project.count() == 0

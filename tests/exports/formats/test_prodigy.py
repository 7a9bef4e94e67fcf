from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError, InputError
from annotator.io.importing import import_documents
from annotator.model import Status
from exports.formats.prodigy import read_prodigy, write_prodigy
from exports.registry import detect
from tests.conftest import SHARED
from tests.exports.helpers import make_doc, spans_text

PRODIGY = SHARED / "fixtures" / "prodigy"
ANNOTATED = PRODIGY / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"


def test_prodigy_reads_annotated_headlines_fixture():
    docs = list(read_prodigy(ANNOTATED))
    assert len(docs) == 373  # 372 accepted, one answered "ignore"
    assert [d.status for d in docs].count(Status.SKIPPED) == 1
    assert sum(len(d.entities) for d in docs) == 303
    first = docs[0]
    assert spans_text(first) == [("Uber", "ORG"), ("Silicon Valley", "LOCATION")]
    assert first.article.meta["source"] == "The New York Times"
    assert first.status == Status.DONE
    assert first.tokens is not None and len(first.tokens) == len(json.loads(ANNOTATED.open().readline())["tokens"])


def test_prodigy_statuses_map_both_ways(tmp_path, schema):
    path = tmp_path / "tasks.jsonl"
    rows = [{"text": "Kept.", "spans": [], "answer": "accept"}, {"text": "Rejected.", "answer": "reject"},
            {"text": "Ignored.", "answer": "ignore"}, {"text": "Raw input."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    docs = list(read_prodigy(path))
    assert [d.article.text for d in docs] == ["Kept.", "Rejected.", "Ignored.", "Raw input."]
    assert [d.status for d in docs] == [Status.DONE, Status.SKIPPED, Status.SKIPPED, Status.NEW]
    docs.append(make_doc("Being worked on."))
    docs[-1].status = Status.IN_PROGRESS
    out = tmp_path / "out.jsonl"
    write_prodigy(docs, out, schema)
    tasks = [json.loads(line) for line in out.read_text().splitlines()]
    assert [t.get("answer") for t in tasks] == ["accept", "reject", "ignore", None, None]
    assert all("_input_hash" not in t and "_task_hash" not in t for t in tasks)  # Prodigy sets them on load
    assert [d.status for d in read_prodigy(out)] == [Status.DONE, Status.SKIPPED, Status.SKIPPED, Status.NEW, Status.IN_PROGRESS]


def test_prodigy_refuses_unknown_answer_naming_line(tmp_path):
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"text": "A."}) + "\n" + json.dumps({"text": "B.", "answer": "maybe"}) + "\n")
    with pytest.raises(InputError, match=r"tasks.jsonl.*2.*'maybe'"):
        list(read_prodigy(path))


def test_prodigy_source_tokens_written_back_exactly(tmp_path, schema):
    text = "AL-AIN , United Arab Emirates 1996-12-06"
    words = text.split(" ")
    starts = [text.index(w) for w in words]
    tokens = [{"text": w, "start": a, "end": a + len(w), "id": i, "ws": True} for i, (w, a) in enumerate(zip(words, starts))]
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": text, "tokens": tokens, "spans": [
        {"start": 0, "end": 6, "token_start": 0, "token_end": 0, "label": "GPE"}], "answer": "accept"}) + "\n")
    doc = next(read_prodigy(path))
    out = tmp_path / "out.jsonl"
    write_prodigy([doc], out, schema)
    task = json.loads(out.read_text())
    assert [t["text"] for t in task["tokens"]] == words
    assert task["spans"][0]["token_end"] == 0 and task["answer"] == "accept"


def test_prodigy_writes_tokens_inclusive_indices(tmp_path, schema):
    doc = make_doc("Kassym-Jomart Tokayev met Trump.\nAxios reports.", [(0, 21, "PERSON"), (26, 31, "PERSON")],
                   [(0, 32, "headline"), (33, 47, "body")], title="T")
    out = tmp_path / "out.jsonl"
    assert write_prodigy([doc], out, schema) == 1
    task = json.loads(out.read_text())
    tokens = task["tokens"]
    span = task["spans"][0]
    assert tokens[span["token_start"]]["start"] == 0 and tokens[span["token_end"]]["end"] == 21
    assert tokens[task["spans"][1]["token_end"]]["text"] == "Trump"
    assert "answer" not in task  # a new article is unannotated input
    assert [s["label"] for s in task["sections"]] == ["headline", "body"]
    back = next(read_prodigy(out))
    assert back.article.id == doc.article.id and back.article.title == "T"
    assert back.entities == doc.entities and back.sections == doc.sections


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


def test_prodigy_real_file_round_trips_statuses_tokens_and_spans(tmp_path, schema):
    docs = list(read_prodigy(ANNOTATED))
    out = tmp_path / "again.jsonl"
    write_prodigy(docs, out, schema)
    back = list(read_prodigy(out))
    assert [(d.article.text, d.status, d.entities) for d in back] == [(d.article.text, d.status, d.entities) for d in docs]
    assert [d.tokens for d in back] == [d.tokens for d in docs]
    original = [json.loads(line) for line in ANNOTATED.read_text().splitlines()]
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert [t["answer"] for t in written] == [t["answer"] for t in original]
    assert [[x["text"] for x in t["tokens"]] for t in written] == [[x["text"] for x in t["tokens"]] for t in original]

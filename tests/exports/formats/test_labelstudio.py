from __future__ import annotations

import json

import pytest

import exports.all_formats  # noqa: F401
from annotator.errors import InputError
from annotator.model import Suggestion
from exports.formats.labelstudio import labeling_config, read_labelstudio, write_labelstudio
from exports.registry import detect
from tests.exports.helpers import make_doc, spans_text

TEXT = "🚒 Trump met Tokayev.\nWhy it matters: ties."


def _region(start, end, label, from_name="label", **extra):
    return {"id": f"r{start}", "from_name": from_name, "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}, **extra}


def _export(tmp_path, tasks):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False))
    return path


def test_labelstudio_reads_annotations_predictions_and_layers_by_schema(tmp_path, schema):
    task = {"id": 7, "data": {"text": TEXT},
            "annotations": [{"was_cancelled": True, "result": [_region(2, 7, "PERSON")]},
                            {"result": [_region(2, 7, "PERSON"), _region(21, 42, "why_it_matters"),
                                        {"type": "relation", "from_id": "a", "to_id": "b"}]}],
            "predictions": [{"score": 0.5, "result": [_region(12, 19, "PERSON", score=0.9), _region(2, 7, "GPE")]}]}
    doc = next(read_labelstudio(_export(tmp_path, [task]), schema))
    assert spans_text(doc) == [("Trump", "PERSON")]
    assert spans_text(doc, "sections") == [("Why it matters: ties.", "why_it_matters")]
    assert doc.entities_suggested == [Suggestion(12, 19, "PERSON", 0.9), Suggestion(2, 7, "GPE", 0.5)]


def test_labelstudio_unknown_label_fails_naming_task(tmp_path, schema):
    task = {"data": {"text": TEXT}, "annotations": [{"result": [_region(2, 7, "PER")]}]}
    with pytest.raises(InputError, match=r"export\.json:task 1: label 'PER' is neither an entity label"):
        list(read_labelstudio(_export(tmp_path, [task]), schema))


def test_labelstudio_converts_utf16_offsets(tmp_path):
    region = _region(3, 8, "PERSON")  # UTF-16 units: the emoji counts twice
    region["value"]["text"] = "Trump"
    doc = next(read_labelstudio(_export(tmp_path, [{"data": {"text": TEXT}, "annotations": [{"result": [region]}]}])))
    assert spans_text(doc) == [("Trump", "PERSON")]


def test_labelstudio_writes_and_reads_back_everything(tmp_path, schema):
    doc = make_doc(TEXT, [(2, 7, "PERSON")], [(0, 20, "lede"), (21, 42, "why_it_matters")], url="https://x.test")
    doc.entities_suggested = [Suggestion(2, 7, "PERSON", 0.75), Suggestion(12, 19, "GPE", None)]
    out = tmp_path / "tasks.json"
    assert write_labelstudio([doc, make_doc("Second one.")], out, schema) == 2
    tasks = json.loads(out.read_text())
    assert len(tasks) == 2 and "annotations" not in tasks[1]
    assert tasks[0]["predictions"][0]["result"][0]["score"] == 0.75
    assert detect(out) == "labelstudio"
    back = list(read_labelstudio(out, schema))
    assert back[0].article.id == doc.article.id and back[0].article.url == "https://x.test"
    assert back[0].entities == doc.entities and back[0].sections == doc.sections
    assert back[0].entities_suggested == doc.entities_suggested


def test_labelstudio_config_names_every_label(schema):
    xml = labeling_config(schema)
    assert '<Labels name="label"' in xml and 'value="PERSON"' in xml and 'value="why_it_matters"' in xml

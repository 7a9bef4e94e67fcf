"""The Label Studio export checked with Label Studio's own library (label-studio-sdk): its
LabelInterface validates the tasks against the config we write, and its converter turns the
export into CoNLL with the same entities."""
from __future__ import annotations

import json
from collections import Counter

from label_studio_sdk.converter import Converter
from label_studio_sdk.converter.utils import parse_config
from label_studio_sdk.label_interface import LabelInterface

from annotator.model import Status, Suggestion
from annotator.schema import Schema
from exports.formats.conll import read_conll
from exports.formats.labelstudio import config_path, read_labelstudio, write_labelstudio
from tests.conftest import CONLL_DEV, ROOT
from tests.exports.helpers import make_doc

TEXT = "Trump met Tokayev.\nWhy it matters: ties."


def _docs_by_status():
    docs = []
    for status in Status:
        d = make_doc(f"{status.value}: " + TEXT, [(len(status.value) + 2, len(status.value) + 7, "PERSON")],
                     [(len(status.value) + 21, len(status.value) + 42, "why_it_matters")])
        d.status = status
        d.entities_suggested = [Suggestion(len(status.value) + 12, len(status.value) + 19, "PERSON", 0.75)]
        docs.append(d)
    return docs


def test_labelstudio_statuses_map_both_ways(tmp_path, schema):
    out = tmp_path / "tasks.json"
    docs = _docs_by_status()
    write_labelstudio(docs, out, schema)
    tasks = {t["data"]["status"]: t for t in json.loads(out.read_text())}
    assert [a["was_cancelled"] for a in tasks["done"]["annotations"]] == [False]
    assert [a["was_cancelled"] for a in tasks["skipped"]["annotations"]] == [True]
    assert "annotations" not in tasks["new"] and "annotations" not in tasks["in_progress"]
    assert tasks["in_progress"]["drafts"][0]["result"] and all("predictions" in t for t in tasks.values())
    for t in tasks.values():  # without our data.status, Label Studio's own fields say the same
        del t["data"]["status"]
    out.write_text(json.dumps(list(tasks.values())))
    back = {d.article.text: d for d in read_labelstudio(out, schema)}
    assert [back[d.article.text].status for d in docs] == [Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE, Status.SKIPPED]
    assert all(back[d.article.text].entities == d.entities for d in docs)  # "new" has spans: written as a draft


def test_labelstudio_label_interface_validates_tasks_against_written_config(tmp_path, schema):
    out = tmp_path / "tasks.json"
    write_labelstudio(_docs_by_status(), out, schema)
    xml = config_path(out).read_text()
    interface = LabelInterface(xml)
    assert {c.name for c in interface.controls} == {"label", "section"}  # entities and sections: two controls
    tasks = json.loads(out.read_text())
    for task in tasks:
        assert interface.validate_task({"data": task["data"]})
        for block in task.get("annotations", []) + task.get("drafts", []):
            assert interface.validate_annotation(block)
        for prediction in task.get("predictions", []):
            assert interface.validate_prediction(prediction, return_errors=True) == []
    bad = json.loads(json.dumps(tasks[2]["annotations"][0]))
    bad["result"][0]["value"]["labels"] = ["NOT_A_LABEL"]
    assert not interface.validate_annotation(bad)  # the check can fail


def test_labelstudio_converter_gives_conll_with_the_same_entities(tmp_path):
    docs = list(read_conll(CONLL_DEV))[:40]
    for d in docs:
        d.status = Status.DONE
    schema = Schema.from_file(ROOT / "examples" / "conll2003_schema.json")
    out = tmp_path / "tasks.json"
    write_labelstudio(docs, out, schema)
    # Label Studio's CoNLL export takes a result's first Labels control: give it the entity control
    parsed = parse_config(config_path(out).read_text())
    converter = Converter(config={"label": parsed["label"]}, project_dir=str(tmp_path))
    converter.convert_to_conll2003(str(out), str(tmp_path / "conll"), is_dir=False)
    rows = [line.split() for line in (tmp_path / "conll" / "result.conll").read_text().splitlines()]
    found, current = [], None
    for row in rows:
        if len(row) != 4 or row[0] == "-DOCSTART-":
            current = None
            continue
        token, tag = row[0], row[3]
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            current = [tag[2:], token]
            found.append(current)
        elif tag.startswith("I-"):
            current.append(token)
        else:
            current = None
    theirs = Counter((label, "".join(tokens)) for label, *tokens in found)
    ours = Counter((s.label, d.article.text[s.start:s.end].replace(" ", "")) for d in docs for s in d.entities)
    assert sum(ours.values()) > 500 and theirs == ours

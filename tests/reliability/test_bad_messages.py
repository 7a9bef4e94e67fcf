"""Issue 17 point 10: each case ends in one line naming the file and the problem, never "unexpected"."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import exports.all_formats  # noqa: F401  (registers brat for read_any)
from annotator.schema import Schema
from exports.atomic import MARKER
from exports.registry import read_any
from ui.cli import main

TEXT = "Kazakhstan joins the accords on Thursday."


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err.strip()
    assert "unexpected" not in err and "\n" not in err, err
    return code, err


def jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("article_id", ["a/b", "../../escape", "/abs/path", "x" * 300, "Upper", ".hidden"])
def test_bad_messages_odd_ids_import_and_export_or_name_the_problem(tmp_path, capsys, article_id):
    src = jsonl(tmp_path / "in.jsonl", {"id": article_id, "text": TEXT, "status": "done"})
    p = str(tmp_path / "p.annotator")
    assert run(capsys, "import", p, str(src))[0] == 0
    for fmt, out in (("hf", "hf"), ("prodigy", "out.jsonl")):  # ids are values here, never paths
        assert run(capsys, "export", p, str(tmp_path / out), "--format", fmt)[0] == 0
    # brat names files after ids: the names are made safe, stay inside OUT, and the id reads back
    before = {q for q in tmp_path.rglob("*") if "brat" not in q.parts}
    assert run(capsys, "export", p, str(tmp_path / "brat"), "--format", "brat")[0] == 0
    assert {q for q in tmp_path.rglob("*") if "brat" not in q.parts} == before  # nothing written outside OUT
    assert all(not q.name.startswith(".") or q.name == MARKER for q in (tmp_path / "brat").iterdir())
    assert [d.article.id for d in read_any(tmp_path / "brat", "brat")] == [article_id]


@pytest.mark.parametrize("field", ["id", "title", "url"])
def test_bad_messages_numeric_prodigy_fields(tmp_path, capsys, field):
    task = {"text": TEXT, "_input_hash": 1, "spans": [], "tokens": [], "_annotator": {"id": "a1", field: 123}}
    src = jsonl(tmp_path / "tasks.jsonl", task)
    code, err = run(capsys, "import", str(tmp_path / "p.annotator"), str(src), "--format", "prodigy")
    assert code == 1 and err.startswith(f"error: {src}:1: the article's {field} must be a string, not int 123")
    assert not (tmp_path / "p.annotator").exists()


def test_bad_messages_label_studio_value_as_a_list(tmp_path, capsys):
    src = tmp_path / "ls.json"
    src.write_text(json.dumps([{"data": {"text": TEXT}, "annotations": [{"result": [
        {"type": "labels", "value": [{"start": 0, "end": 10, "labels": ["GPE"]}]}]}]}]))
    code, err = run(capsys, "import", str(tmp_path / "p.annotator"), str(src), "--format", "labelstudio")
    assert code == 1 and err.startswith(f"error: {src}")


def test_bad_messages_splits_that_are_not_numbers(tmp_path, capsys):
    p = str(tmp_path / "p.annotator")
    run(capsys, "import", p, str(jsonl(tmp_path / "in.jsonl", {"text": TEXT, "status": "done"})))
    for splits in ("nan,nan,nan", "inf,0,0", "0.5,0.5,nan", "1,-0,0x"):
        code, err = run(capsys, "export", p, str(tmp_path / "out"), "--splits", splits)
        assert code == 1 and "--splits" in err and repr(splits) in err
    assert not (tmp_path / "out").exists()


def test_bad_messages_schema_on_an_existing_project(tmp_path, capsys, schema):
    p = str(tmp_path / "p.annotator")
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps({"entities": {"labels": ["PER", "LOC"]}}))
    src = str(jsonl(tmp_path / "in.jsonl", {"text": TEXT}))
    assert run(capsys, "import", p, src, "--schema", str(schema_file))[0] == 0
    assert run(capsys, "import", p, src, "--schema", str(schema_file))[0] == 0  # the same schema: fine
    code, err = run(capsys, "import", p, src, "--schema", str(tmp_path / "missing.json"))
    assert code == 1 and err == f"error: {tmp_path / 'missing.json'}: schema file not found"
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"entities": {"labels": ["ORG"]}}))
    code, err = run(capsys, "import", p, src, "--schema", str(other))
    assert code == 1 and err.startswith(f"error: {other}: --schema only applies when a project is created")


@pytest.mark.parametrize("content", ["{}", '{"entities": {"labels": []}}', '{"entities": {}, "sections": {}}'])
def test_bad_messages_schema_without_labels(tmp_path, capsys, content):
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(content)
    code, err = run(capsys, "import", str(tmp_path / "p.annotator"), str(jsonl(tmp_path / "in.jsonl", {"text": TEXT})),
                    "--schema", str(schema_file))
    assert code == 1 and err.startswith(f"error: {schema_file}: the schema defines no labels")
    assert not (tmp_path / "p.annotator").exists()


def test_bad_messages_ten_thousand_labels_look_up_by_name(tmp_path):
    names = [f"L{i}" for i in range(10_000)]
    schema = Schema.from_json({"entities": {"labels": [{"name": n, "key": None} for n in names]}})
    assert schema.has("entities", "L9999") and not schema.has("entities", "L10000")
    assert schema.label("entities", "L5000").name == "L5000"
    assert schema._names["entities"] == frozenset(names)  # one set, not a scan of the list per lookup

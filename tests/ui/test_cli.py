"""The ``annotator`` command as a user runs it (in-process, with a tiny pipeline saved to disk)."""
from __future__ import annotations

import json

import datasets
import pytest

from tests.conftest import ROOT
from ui.cli import main


@pytest.fixture
def model_path(tmp_path, ruler_nlp):
    path = tmp_path / "ruler_model"
    ruler_nlp.to_disk(path)
    return str(path)


def test_cli_import_prelabel_stats_export(tmp_path, model_path, capsys):
    project = str(tmp_path / "demo.annotator")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"entities": {"labels": ["PERSON", "GPE", "ORG", "DATE"]}}))
    assert main(["import", project, str(ROOT / "seeds"), "--schema", str(schema)]) == 0
    assert "imported 1 new article" in capsys.readouterr().out
    assert main(["prelabel", project, "--model", model_path]) == 0
    assert "pre-labeled 1 article" in capsys.readouterr().out
    assert main(["stats", project, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 1 and stats["layers"]["entities"]["spans"]["GPE"] > 0
    assert stats["layers"]["sections"]["spans"].get("headline") == 1
    out = tmp_path / "out"
    assert main(["export", project, str(out), "--status", "all"]) == 0
    ds = datasets.load_dataset(str(out))
    assert sum(len(ds[s]) for s in ds) == 1


def test_cli_errors_are_one_line_and_nonzero(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{broken\n')
    assert main(["import", str(tmp_path / "p.annotator"), str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "bad.jsonl:2" in err and "Traceback" not in err
    assert main(["stats", str(tmp_path / "missing.annotator")]) == 1
    assert "no such project file" in capsys.readouterr().err


def test_cli_unknown_model_is_a_clear_error(tmp_path, capsys):
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(ROOT / "seeds")]) == 0
    assert main(["prelabel", project, "--model", "no_such_pipeline_xyz"]) == 1
    assert "no installed spaCy pipeline 'no_such_pipeline_xyz'" in capsys.readouterr().err


def test_cli_check_lists_and_fixes_misaligned_spans_and_export_names_them(tmp_path, capsys):
    project = str(tmp_path / "p.annotator")
    data = tmp_path / "a.jsonl"
    text = "Barack Obama visited Paris yesterday."
    data.write_text(json.dumps({"text": text, "status": "done",
                                "entities": [{"start": 0, "end": 10, "label": "PERSON"}, {"start": 21, "end": 26, "label": "GPE"}]}))
    assert main(["import", project, str(data)]) == 0
    capsys.readouterr()
    assert main(["export", project, str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "[0, 10) PERSON 'Barack Oba'" in err and "check" in err
    assert not (tmp_path / "out").exists()
    assert main(["check", project]) == 1
    assert "snaps to [0, 6) 'Barack'" in capsys.readouterr().out
    assert main(["check", project, "--fix"]) == 0
    assert "snapped 1" in capsys.readouterr().out
    assert main(["check", project]) == 0
    assert main(["export", project, str(tmp_path / "out")]) == 0


def test_cli_import_renames_labels_with_map(tmp_path, capsys):
    project = str(tmp_path / "p.annotator")
    data = tmp_path / "a.jsonl"
    data.write_text(json.dumps({"text": "Paris is nice.", "entities": [{"start": 0, "end": 5, "label": "LOCATION"}]}))
    assert main(["import", project, str(data)]) == 1
    assert "unknown entities label 'LOCATION'" in capsys.readouterr().err
    assert not list(tmp_path.glob("p.annotator*"))  # a failed first import leaves nothing behind
    assert main(["import", project, str(data), "--map", "LOCATION=GPE"]) == 0
    assert main(["stats", project, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["layers"]["entities"]["spans"] == {"GPE": 1}


def test_cli_export_with_nothing_done_is_one_clear_error(tmp_path, capsys):
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(ROOT / "seeds")]) == 0
    capsys.readouterr()
    assert main(["export", project, str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no article has status 'done'" in err and "--status all" in err


def test_cli_output_into_a_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(ROOT / "seeds")]) == 0
    # `true` exits before the command writes: its output meets a closed pipe every time
    out = subprocess.run(f"'{sys.executable}' -m ui.cli stats {project} --json | true", shell=True, cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == ""


def test_cli_import_records_the_annotator_and_refuses_odd_names(tmp_path, capsys):
    import sqlite3

    data = tmp_path / "a.jsonl"
    data.write_text(json.dumps({"text": "Alice went to Paris.", "entities": [{"start": 14, "end": 19, "label": "GPE"}]}) + "\n")
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(data), "--annotator", "al\tice"]) == 1
    assert "control character" in capsys.readouterr().err
    assert main(["import", project, str(data), "--annotator", "alice"]) == 0
    conn = sqlite3.connect(project)
    assert conn.execute("SELECT annotator FROM spans").fetchall() == [("alice",)]
    assert conn.execute("SELECT annotator FROM articles").fetchall() == [("alice",)]
    conn.close()


def test_cli_reports_duplicate_texts_and_sets_the_card(tmp_path, capsys):
    import yaml

    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps({"id": i, "text": t, "status": "done"})
                              for i, t in [("a", "Trump met Axios."), ("b", "Trump met Axios."), ("c", "Other story.")]))
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(data)]) == 0
    out = capsys.readouterr().out
    assert "imported 2 new article(s)" in out and "duplicate text: b is the same text as a; kept once, as a" in out
    folder = tmp_path / "hf"
    assert main(["export", project, str(folder), "--splits", "1,0,0", "--language", "en", "--license", "cc-by-4.0",
                 "--pretty-name", "Tiny news"]) == 0
    header = yaml.safe_load((folder / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    assert (header["license"], header["pretty_name"], header["task_categories"]) == ("cc-by-4.0", "Tiny news", ["token-classification"])
    assert main(["export", project, str(tmp_path / "again"), "--splits", "1,0,0"]) == 0  # kept in the project
    again = yaml.safe_load((tmp_path / "again" / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    assert again["license"] == "cc-by-4.0" and again["pretty_name"] == "Tiny news"

from __future__ import annotations

import json

import datasets
import pytest

from annotator.store.project import Project
from tests.annotator.team.helpers import annotate
from ui.cli import main


@pytest.fixture
def team_project(tmp_path, capsys):
    data = tmp_path / "corpus.jsonl"
    names = ["Paris", "Berlin", "Alice", "Bob"]
    data.write_text("".join(json.dumps({"text": f"Story {i}: {names[i % 4]} met {names[(i + 1) % 4]} today."}) + "\n" for i in range(12)))
    project = tmp_path / "lead.annotator"
    assert main(["import", str(project), str(data)]) == 0
    assert main(["split", str(project), "--annotators", "alice,bob,carol", "--overlap", "0.5", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "6 article(s) dealt to two annotators" in out
    annotate(tmp_path / "out" / "alice.annotator", "GPE")
    annotate(tmp_path / "out" / "bob.annotator", "GPE")
    annotate(tmp_path / "out" / "carol.annotator", "PERSON")
    sources = [str(tmp_path / "out" / f"{n}.annotator") for n in ("alice", "bob", "carol")]
    assert main(["merge", str(project), *sources]) == 0
    assert "18 version(s) added" in capsys.readouterr().out
    assert main(["merge", str(project), *sources]) == 0
    assert "0 version(s) added, 0 updated, 18 unchanged" in capsys.readouterr().out
    return project


def test_cli_team_agreement_json_has_the_documented_keys(team_project, capsys):
    assert main(["agreement", str(team_project), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"articles", "f1", "kappa", "per_label", "sections"} <= set(report)
    assert report["articles"] == 6
    assert set(report["per_label"]) <= {"GPE", "PERSON"} and all("f1" in v for v in report["per_label"].values())
    assert 0 <= report["f1"] < 1  # carol labels PERSON where the others label GPE
    assert main(["agreement", str(team_project)]) == 0
    assert "most disagreement" in capsys.readouterr().out


def test_cli_team_export_layers_fill_the_annotator_column_and_card(team_project, tmp_path, capsys):
    out = tmp_path / "hf"
    assert main(["export", str(team_project), str(out)]) == 0
    ds = datasets.load_dataset(str(out), "documents")
    rows = [r for split in ds.values() for r in split]
    # 6 single articles, 2 alice/bob pairs that agree; the 4 pairs with carol conflict and are left out
    assert len(rows) == 6 + 2 and all(r["annotator"] in {"alice", "bob", "carol"} for r in rows)
    card = (out / "README.md").read_text()
    assert "6 article(s) were annotated by two or more annotators" in card
    assert main(["export", str(team_project), str(tmp_path / "alice"), "--layer", "alice", "--format", "prodigy"]) == 0
    assert main(["export", str(team_project), str(tmp_path / "all"), "--layer", "all"]) == 0
    ids = [r["id"] for split in datasets.load_dataset(str(tmp_path / "all"), "documents").values() for r in split]
    assert len(ids) == 18 and all("@" in i for i in ids)
    assert main(["export", str(team_project), str(tmp_path / "x"), "--layer", "dave"]) == 1
    assert "no layer 'dave'" in capsys.readouterr().err


def test_cli_team_merge_refuses_itself_and_reports_odd_annotators(team_project, tmp_path, capsys):
    assert main(["merge", str(team_project), str(team_project)]) == 1
    assert "merged into itself" in capsys.readouterr().err
    assert main(["--annotator", "bad\x00name", "stats", str(team_project)]) == 1
    assert "control character" in capsys.readouterr().err
    with Project.open(team_project) as p:
        assert p.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 18


def test_cli_team_merge_into_a_new_file_brings_the_articles(team_project, tmp_path, capsys):
    gold = tmp_path / "gold.annotator"
    sources = [str(tmp_path / "out" / f"{n}.annotator") for n in ("alice", "bob", "carol")]
    assert main(["merge", str(gold), *sources]) == 0
    assert "12 article(s) added to gold.annotator" in capsys.readouterr().out
    with Project.open(gold) as p, Project.open(team_project) as lead:
        assert p.count() == 12 and p.schema.to_json() == lead.schema.to_json()
        assert sorted(p.ids()) == sorted(lead.ids())
        assert all(p.article(i).text == lead.article(i).text for i in p.ids())
    assert main(["agreement", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 6
    bad = tmp_path / "bad.annotator"
    assert main(["merge", str(bad), str(tmp_path / "nope.annotator")]) == 1
    assert not bad.exists()


def test_cli_team_merge_keeps_the_target_as_it_was_to_undo_it(team_project, tmp_path):
    import sqlite3

    (kept,) = tmp_path.glob("lead.before-merge-*.annotator")  # the no-op second merge kept nothing
    conn = sqlite3.connect(kept)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM versions").fetchone() == (0,)  # as before the merge
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (12,)
    finally:
        conn.close()
    with Project.open(team_project) as lead:
        assert lead.conn.execute("SELECT count(*) FROM versions").fetchone() == (18,)

"""The model commands as a user runs them: train, models, export-model, prelabel with a trained version."""
from __future__ import annotations

import json

import spacy

from annotator.nlp.learning.model_versions import activate, get_version
from annotator.store.project import Project
from tests.annotator.nlp.learning_projects import conll_project
from ui.cli import main


def test_cli_models_train_list_export_and_resuggest(tmp_path, capsys):
    path = tmp_path / "p.annotator"
    conll_project(path, articles=24, done=14).close()
    assert main(["models", str(path)]) == 0
    assert "no trained model yet" in capsys.readouterr().out
    assert main(["train", str(path), "--steps", "10", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("model v1: trained on ") and "held-out F1" in out and "PER" in out

    with Project.open(path) as project:  # the app holds the project: models and export-model read it read-only
        activate(project, get_version(path, "v1"))
        assert main(["models", str(path), "--json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert [(v["name"], v["active"]) for v in listed] == [("v1", True)]
        assert set(listed[0]["scores"]["per_label"]) == {"PER", "ORG", "LOC", "MISC"}
        assert main(["export-model", str(path), str(tmp_path / "model")]) == 0
        assert "exported model v1" in capsys.readouterr().out
    nlp = spacy.load(tmp_path / "model")
    assert nlp.meta["performance"]["ents_f"] == listed[0]["scores"]["f1"]
    assert "## Held-out scores" in (tmp_path / "model" / "README.md").read_text()

    assert main(["prelabel", str(path), "--no-sections"]) == 0  # plain: the active version, untouched articles
    assert "pre-labeled 24 article(s)" in capsys.readouterr().out  # none was pre-labeled before
    with Project.open(path, read_only=True) as project:
        models = {r[0:2] for r in project.conn.execute("SELECT model, version FROM prelabels")}
        imported = project.conn.execute("SELECT count(*) FROM spans WHERE origin = 'imported'").fetchone()[0]
    assert models == {("en_learned", "1.0.0")} and imported > 0  # done articles keep their imported entities
    assert main(["prelabel", str(path), "--no-sections"]) == 0
    assert "pre-labeled 0 article(s)" in capsys.readouterr().out  # nothing left for this version
    assert main(["prelabel", str(path), "--no-sections", "--model", "base"]) == 0
    assert "pre-labeled 0 article(s)" in capsys.readouterr().out  # another model: only with --force
    assert main(["prelabel", str(path), "--no-sections", "--model", "base", "--force"]) == 0
    capsys.readouterr()
    assert main(["prelabel", str(path), "--no-sections"]) == 0  # the active version takes the untouched back
    assert "pre-labeled 10 article(s)" in capsys.readouterr().out


def test_cli_models_train_refusal_is_one_line(tmp_path, capsys):
    path = tmp_path / "p.annotator"
    conll_project(path, articles=5, done=3).close()
    assert main(["train", str(path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: {path}: need at least 10 done articles with entities; 3 so far"
    assert main(["export-model", str(path), str(tmp_path / "m")]) == 1
    assert "no trained model version to export" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_cli_models_train_names_labels_without_examples_and_unused_articles(tmp_path, capsys):
    from annotator.schema import Schema
    from tests.annotator.nlp.learning_projects import SCHEMA

    path = tmp_path / "p.annotator"
    project = conll_project(path, articles=14, done=14)
    with project.transaction() as conn:  # a label nobody used yet, and two done articles left bare
        data = Schema.from_file(SCHEMA).to_json()
        data["entities"]["labels"].append({"name": "DATE"})
        conn.execute("UPDATE project SET value = ? WHERE key = 'schema'", (json.dumps(data),))
        conn.execute("DELETE FROM spans WHERE article IN (SELECT seq FROM articles ORDER BY seq LIMIT 2) AND layer = 'entities'")
    project.close()
    assert main(["train", str(path), "--steps", "3", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "DATE" in captured.out  # its (zero) scores are listed
    assert "warning: no training example of DATE: this version never suggests them" in captured.err
    assert "note: 2 done article(s) without entities were not used" in captured.err


def test_cli_models_train_prints_and_lists_the_section_scores(tmp_path, capsys):
    from tests.annotator.nlp.section_projects import section_project

    path = tmp_path / "p.annotator"
    section_project(path).close()
    assert main(["train", str(path), "--steps", "10", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "sections: section classifier used for sections" in out
    rules_row = next(l for l in out.splitlines() if l.strip().startswith("rules alone"))
    learned_row = next(l for l in out.splitlines() if l.strip().startswith("rules + classifier"))
    assert main(["models", str(path), "--json"]) == 0
    sec = json.loads(capsys.readouterr().out)[0]["sections"]
    assert sec["trained"] and sec["used"] and sec["train_articles"] + sec["held_out_articles"] == 24
    assert rules_row.split()[-2:] == [f"{sec['rules']['boundary']['f']:.3f}", f"{sec['rules']['label']['f']:.3f}"]
    assert learned_row.split()[-2:] == [f"{sec['learned']['boundary']['f']:.3f}", f"{sec['learned']['label']['f']:.3f}"]
    assert (path.parent / "p.annotator.models" / "v1" / "sections" / "config.cfg").is_file()
    assert main(["models", str(path), "-v"]) == 0
    assert "rules + classifier" in capsys.readouterr().out
    assert main(["prelabel", str(path)]) == 0  # the active v1's classifier beat the rules: it suggests the sections
    capsys.readouterr()
    with Project.open(path, read_only=True) as project:
        doc = next(iter(project.documents()))
        promo = doc.article.text.index("Get Cycle Weekly")
        labels = [s.label for s in doc.sections_suggested if s.start <= promo < s.end]
    assert labels == ["boilerplate"]  # the rules alone keep it in why_it_matters (test_section_training)

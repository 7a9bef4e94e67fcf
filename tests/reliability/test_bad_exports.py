"""Hostile export targets from the command line (issue 17, points 1 and 2): each is refused with
one line naming OUT and the way out, and nothing that was there is lost."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.conftest import add_text
from tests.reliability.dump import dump_project
from ui.cli import main

SINGLE_FILE = ["prodigy", "doccano", "labelstudio", "conll", "spacy"]


@pytest.fixture
def work(tmp_path, schema) -> Path:
    """A closed project in its own folder, with two articles."""
    (tmp_path / "work").mkdir()
    path = tmp_path / "work" / "p.annotator"
    with Project.create(path, schema) as p:
        add_text(p, "Kazakhstan joins the accords on Thursday.")
        add_text(p, "Trump spoke in Israel.")
    return path


def export(capsys, project: Path, out: Path, fmt: str, *extra: str) -> tuple[int, str]:
    code = main(["export", str(project), str(out), "--format", fmt, "--status", "all", *extra])
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_bad_exports_never_replace_the_project_file(work, capsys, fmt):
    before = dump_project(work)
    for extra in ((), ("--force",)):
        code, err = export(capsys, work, work, fmt, *extra)
        assert code == 1 and err.count("\n") == 0
        assert str(work) in err and "SQLite database" in err
    assert dump_project(work) == before


@pytest.mark.parametrize("fmt", SINGLE_FILE)
def test_bad_exports_refuse_a_folder_where_a_file_goes(work, capsys, fmt):
    code, err = export(capsys, work, work.parent, fmt)
    assert code == 1 and "is a folder; this format writes one file" in err and "unexpected" not in err


def test_bad_exports_refuse_a_symlink_and_a_device(work, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    (tmp_path / "link.jsonl").symlink_to(notes)
    assert export(capsys, work, tmp_path / "link.jsonl", "prodigy", "--force")[1].endswith(
        "is a symbolic link; an export never writes through one; give the real path or a new file name")
    assert notes.read_text() == "mine"
    code, err = export(capsys, work, Path("/dev/null"), "conll", "--force")
    assert code == 1 and "not a regular file" in err


def test_bad_exports_refuse_someone_elses_file_unless_forced(work, tmp_path, capsys):
    out = tmp_path / "data.conll"
    out.write_text("my own hand-made file\n")
    code, err = export(capsys, work, out, "prodigy")
    assert code == 1 and "not a prodigy export" in err and "--force" in err
    assert out.read_text() == "my own hand-made file\n"
    assert export(capsys, work, out, "prodigy", "--force")[0] == 0


@pytest.mark.parametrize("fmt", ["brat", "hf"])
def test_bad_exports_never_empty_the_folder_holding_the_project(work, capsys, fmt):
    (work.parent / "notes.txt").write_text("mine")
    before = dump_project(work)
    code, err = export(capsys, work, work.parent, fmt)  # said at once: forcing could not help
    assert code == 1 and "holds a SQLite database" in err and "--force" not in err
    code, err = export(capsys, work, work.parent, fmt, "--force")
    assert code == 1 and "holds a SQLite database" in err
    assert dump_project(work) == before and (work.parent / "notes.txt").read_text() == "mine"


def test_bad_exports_brat_into_a_folder_of_other_files_is_refused(work, tmp_path, capsys):
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "doc1.ann").write_text("T1\tPER 0 4\tJohn\n")
    code, err = export(capsys, work, out, "brat")
    assert code == 1 and str(out) in err and "--force" in err
    assert [p.name for p in out.iterdir()] == ["doc1.ann"]


def test_bad_exports_hf_reexport_keeps_the_users_files(work, tmp_path, capsys):
    out = tmp_path / "dataset"
    assert export(capsys, work, out, "hf")[0] == 0
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("[core]")
    (out / "NOTES.md").write_text("what I changed")
    assert export(capsys, work, out, "hf")[0] == 0
    assert (out / ".git" / "config").read_text() == "[core]" and (out / "NOTES.md").read_text() == "what I changed"
    import datasets

    loaded = datasets.load_dataset(str(out), "documents")  # the marker and the notes do not confuse it
    assert sum(split.num_rows for split in loaded.values()) == 2

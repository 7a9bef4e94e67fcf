from __future__ import annotations

from collections import Counter

import pytest

from annotator.errors import ProjectError
from annotator.model import ENTITIES, Status
from annotator.store.project import Project
from annotator.team.split import deal, split
from tests.annotator.team.helpers import corpus


def test_split_deal_doubles_the_overlap_fraction_and_balances_load():
    dealt = deal([f"id{i}" for i in range(100)], 3, 0.2)
    assert sum(len(w) == 2 for w in dealt) == 20
    assert all(len(set(w)) == len(w) for w in dealt)
    load = Counter(a for w in dealt for a in w)
    assert max(load.values()) - min(load.values()) <= 1
    assert deal([f"id{i}" for i in range(100)], 3, 0.2) == dealt  # the same corpus is dealt the same way


def test_split_writes_one_project_per_annotator_with_schema_and_models(project, tmp_path):
    ids = corpus(project, 20)
    models = project.path.with_name(project.path.name + ".models")
    (models / "v1").mkdir(parents=True)
    (models / "v1" / "meta.json").write_text("{}")
    r = split(project, ["alice", "bob", "Zoë O'Brien"], 0.2, tmp_path / "out")
    assert r.doubled == 4 and r.models_copied
    seen: Counter[str] = Counter()
    for name, path in r.files.items():
        assert (path.with_name(path.name + ".models") / "v1" / "meta.json").exists()
        with Project.open(path) as p:
            assert p.annotator == name and p.assigned_annotator == name
            assert p.schema.names(ENTITIES) == project.schema.names(ENTITIES)
            assert p.count(Status.NEW) == p.count() == r.articles[name]
            for aid in p.ids():
                assert p.article(aid).text == project.article(aid).text
            seen.update(p.ids())
    assert set(seen) == set(ids) and sum(n == 2 for n in seen.values()) == 4
    assert r.files["Zoë O'Brien"].name == "Zoe_O_Brien.annotator"


@pytest.mark.parametrize("names, overlap, problem", [
    (["alice", "alice"], 0.2, "given twice"),
    (["a/b", "c"], 0.2, "contains ','"),
    (["al\x07ice", "bob"], 0.2, "control character"),
    (["adjudicated", "bob"], 0.2, "reserved"),
    (["alice"], 0.2, "at least two"),
    (["alice", "bob"], 1.5, "between 0 and 1"),
    (["a b", "a_b"], 0.2, "share a file name"),
])
def test_split_refuses_bad_names_and_overlaps(project, tmp_path, names, overlap, problem):
    corpus(project, 4)
    with pytest.raises(ProjectError, match=problem):
        split(project, names, overlap, tmp_path / "out")
    assert not list((tmp_path).glob("out/*.annotator"))


def test_split_never_overwrites(project, tmp_path):
    corpus(project, 4)
    split(project, ["alice", "bob"], 0.5, tmp_path / "out")
    before = (tmp_path / "out" / "alice.annotator").read_bytes()
    with pytest.raises(ProjectError, match="already exists"):
        split(project, ["alice", "bob"], 0.5, tmp_path / "out")
    assert (tmp_path / "out" / "alice.annotator").read_bytes() == before

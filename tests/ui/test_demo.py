"""The demo project `make run` opens: built from seeds/, pre-labeled, reused on later runs."""
from __future__ import annotations

import pytest

from annotator.model import ENTITIES, SECTIONS
from annotator.store.project import Project
from ui.demo import ensure_demo

pytestmark = pytest.mark.model


def test_demo_is_built_once_from_seeds_and_prelabeled(tmp_path):
    path = ensure_demo(tmp_path / "demo.annotator", echo=False)
    with Project.open(path) as project:
        (aid,) = project.ids()
        assert project.spans(aid, ENTITIES) and project.spans(aid, SECTIONS)
        assert project.prelabel_model(aid, ENTITIES) is not None
    stamp = path.stat().st_mtime_ns
    assert ensure_demo(path, echo=False) == path
    assert path.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob("*.building*"))

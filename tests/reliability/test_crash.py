"""Every acknowledged edit survives SIGKILL at a random moment; the journal and export still work."""
from __future__ import annotations

import pytest

from tests.reliability.crash_harness import kill_rounds, make_project


def test_crash_kills_lose_no_acknowledged_edit(tmp_path, schema):
    path = tmp_path / "crash.annotator"
    make_project(path, schema)
    stats = kill_rounds(path, tmp_path / "export", kills=5, seed=7)
    print(stats)
    assert stats.kills == 5
    assert stats.acked_steps > 0  # the kills landed while the workload was running


@pytest.mark.slow
def test_crash_fifty_kills_lose_no_acknowledged_edit(tmp_path, schema):
    path = tmp_path / "crash.annotator"
    make_project(path, schema)
    stats = kill_rounds(path, tmp_path / "export", kills=60, seed=2026)
    print(stats)
    assert stats.kills == 60
    assert stats.killed_mid_step > 0  # some kills landed inside a step, not between two

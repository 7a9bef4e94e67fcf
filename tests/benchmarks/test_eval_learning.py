"""The learning-curve script runs end to end at a tiny size (slow: it trains twice)."""
from __future__ import annotations

import json

import pytest

from annotator.nlp.learning.training_data import is_held_out
from benchmarks.eval_learning import main
from exports.formats.conll import read_conll
from tests.conftest import CONLL_DEV


@pytest.mark.slow
def test_eval_learning_curve_and_tuning_split(tmp_path):
    out = tmp_path / "curve.json"
    assert main(["--points", "12,20", "--steps", "5", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    held = sum(is_held_out(d.article.id) for d in read_conll(CONLL_DEV))
    assert [(r["articles"], r["held_out"]) for r in result["curve"]] == [(12, held), (20, held)]
    assert all(0 <= r["f1"] <= 1 for r in result["curve"]) and result["prelabel_speed"]["ratio"] > 0
    assert main(["--points", "12", "--steps", "5", "--tune", "--no-speed", "--json", str(out)]) == 0
    tuned = json.loads(out.read_text())["curve"][0]
    assert tuned["held_out"] != held  # another fifth, of the other documents only

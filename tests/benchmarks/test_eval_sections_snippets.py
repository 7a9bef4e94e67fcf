"""The cc_pages snippet scoring of benchmarks/eval_sections.py on a few real pages (shared data)."""
from __future__ import annotations

import json
import shutil

import pytest
import spacy

from benchmarks.eval_sections import NOT_BODY
from benchmarks.eval_sections_snippets import (
    body_text,
    count,
    evaldata,
    pooled,
    score_snippet_set,
    scores,
)
from tests.conftest import SHARED

CC = SHARED / "html" / "cc_pages"
RETE = "rete-mirabile.net.15jahre.html"  # checked: its three "with" snippets are in our body
FLOWFX = "flowfx.de.tmux.html"


@pytest.fixture(scope="module")
def pipe():
    from annotator.nlp.sections.tagger import add_section_pipe
    from annotator.nlp.tokenizer import customize_tokenizer
    from annotator.schema import Schema

    return add_section_pipe(customize_tokenizer(spacy.blank("en")), Schema.default([]))


def _item(name: str) -> dict:
    return next(item for item in evaldata(CC).values() if item["file"] == name)


def test_eval_sections_snippets_counts_found_missing_and_forbidden(pipe):
    kept, _, _ = body_text(CC / RETE, pipe, NOT_BODY)
    item = _item(RETE)
    assert "Im Trubel des Alltags" in item["with"]
    assert count(item, kept) == (3, 0, 0, 3)
    planted = {"with": ["Im  Trubel\ndes Alltags", "im trubel des alltags", "Kein Satz dieser Seite"],
               "without": ["Vor zehn Jahren war Twitter", "Deine E-Mail-Adresse wird nicht veröffentlicht"]}
    # whitespace-normalised, case-sensitive: the first is found, the lowercased one and the planted one missed;
    # a forbidden snippet that is in the body is a false positive, the comment-form notice is not kept
    assert count(planted, kept) == (1, 1, 2, 1)
    assert count(planted, None) == (0, 0, 3, 2)
    assert scores((1, 1, 2, 1)) == pytest.approx((0.5, 1 / 3, 0.4, 0.4))


def test_eval_sections_snippets_set_reports_unreadable_page_and_goes_on(pipe, tmp_path):
    data = {url: item for url, item in evaldata(CC).items() if item["file"] in (RETE, FLOWFX)}
    data["https://example.org/empty"] = {"file": "empty.html", "with": ["Text"], "without": ["Menü"]}
    for name in (RETE, FLOWFX):
        shutil.copy(CC / name, tmp_path / name)
    (tmp_path / "empty.html").write_text("", encoding="utf-8")
    (tmp_path / "evaldata_test.json").write_text(json.dumps(data), encoding="utf-8")
    rows, failed = score_snippet_set(tmp_path, pipe, NOT_BODY)
    assert [r["page"] for r in rows] == ["rete-mirabile.net.15jahre", "flowfx.de.tmux", "empty"]
    assert len(failed) == 1 and failed[0].startswith("empty.html: ")
    assert rows[2]["ours"] == (0, 0, 1, 1)  # a page we cannot read misses every snippet
    assert pooled(rows[:2], "ours")[0] == 6 and pooled(rows, "ours")[2] == 1

"""The section benchmark's account of missed gold words: which section holds each one."""
from __future__ import annotations

from benchmarks.eval_sections import missed_by_section


def test_eval_sections_missed_words_counted_by_the_section_holding_them():
    text = "Menu Home\nRain falls\nHeavy rain fell on Tuesday.\nPhoto by Jo Lens"
    spans = [(0, 9, "boilerplate"), (10, 20, "headline"), (21, 48, "body"), (49, 65, "boilerplate")]
    sure = [(0, 9)]  # the menu is confident boilerplate; the credit line is not
    kept = text[21:48]
    gold = "Heavy rain fell on Tuesday. Photo by Jo Lens. Home. Sunday"
    missed = missed_by_section(text, spans, sure, kept, gold)
    assert missed == {"boilerplate": 1, "boilerplate?": 4, "headline": 0, "nowhere": 1}

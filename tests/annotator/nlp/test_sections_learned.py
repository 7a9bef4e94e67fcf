"""The learned section classifier: trained on corrected articles, it fixes what the rules get wrong
on an article it has not seen, and leaves headline, lede and markers to the rules."""
from __future__ import annotations

import pytest

from annotator.errors import ModelError
from annotator.nlp.sections.tagger import SectionTagger
from annotator.nlp.sections.learned import LearnedSections, line_classes, train_section_classifier
from annotator.nlp.sections.lines import lines_of
from annotator.schema import Schema

TOWNS = ["Avon", "Brill", "Carden", "Dunmore", "Elsby", "Farrow", "Glenby", "Harlow", "Ivel", "Jarrow", "Kelso", "Lydd"]


def article(town: str, promo: str) -> str:
    return "\n".join([
        f"{town} opens new cycle lane",
        f"The town of {town} opened a new cycle lane on Monday, linking the station with the high street.",
        f"Council officers in {town} said the lane had cost less than planned and was finished early.",
        f"Why it matters: Cyclists in {town} had asked for a safe route for years, officials said.",
        promo,
        f"Local shops in {town} said they hoped the lane would bring more customers into the centre.",
    ])


PROMO = "Get Cycle Weekly delivered through your letterbox every month, twelve issues for just 11.99 pounds."


@pytest.fixture(scope="module")
def rules() -> SectionTagger:
    schema = Schema.default([])
    return SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])


def corrected(text: str, rules: SectionTagger) -> list[tuple[int, int, str]]:
    """The rules' sections with the promotion line fixed to boilerplate, as an annotator would."""
    start = text.index("Get Cycle Weekly")
    end = text.index("\n", start)
    out = []
    for s, e, label in rules.char_spans(text):
        for line in lines_of(text[s:e]):
            a, b = s + line.start, s + line.end
            out.append((a, b, "boilerplate" if a == start and b == end else label))
    return out


def test_sections_learned_fixes_the_rules_on_an_unseen_article(rules):
    train = [article(t, PROMO) for t in TOWNS]
    model = train_section_classifier([(t, corrected(t, rules), None, None) for t in train], seed=0)
    unseen = article("Moreton", "Get Cycle Weekly delivered through your letterbox every week, six issues for 5.99 pounds.")
    promo = unseen.split("\n")[4]
    at = unseen.index(promo)
    assert [label for s, e, label in rules.char_spans(unseen) if s <= at < e] == ["why_it_matters"]  # rules: story
    learned = LearnedSections(rules, model)
    spans, sure = learned.analyse(unseen)
    got = [(label, unseen[s:e]) for s, e, label in spans]
    assert ("boilerplate", promo) in got
    assert [label for label, _ in got][:3] == ["headline", "lede", "body"]
    assert "why_it_matters" in [label for label, _ in got]
    assert not any(s <= unseen.index(promo) < e for s, e in sure)  # learned boilerplate keeps its entities


def test_sections_learned_line_classes_follow_the_corrected_sections():
    text = "Menu\nA story line that is long enough.\nFooter"
    lines = lines_of(text)
    sections = [(0, 4, "boilerplate"), (5, 37, "body")]
    assert line_classes(lines, sections) == ["boilerplate", "content", None]


def test_sections_learned_needs_corrections():
    with pytest.raises(ModelError, match="no corrected lines"):
        train_section_classifier([])

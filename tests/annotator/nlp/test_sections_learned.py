"""The learned section classifier: trained on corrected articles, it fixes what the rules get wrong
on an article it has not seen (a site's repeated chrome line too), and leaves headline, lede and
markers to the rules."""
from __future__ import annotations

import pytest

from annotator.errors import ModelError
from annotator.nlp.sections.tagger import SectionTagger
from annotator.nlp.sections.learned import DEFAULTS, META, LearnedSections, line_classes, train_section_classifier
from annotator.nlp.sections.lines import lines_of
from annotator.schema import Schema
from tests.annotator.nlp.section_projects import PROMO, TOWNS, article, relabel_lines

UNSEEN_PROMO = "Get Cycle Weekly delivered through your letterbox every week, six issues for 5.99 pounds."


@pytest.fixture(scope="module")
def rules() -> SectionTagger:
    schema = Schema.default([])
    return SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])


def corrected(text: str, rules: SectionTagger) -> list[tuple[int, int, str]]:
    """The rules' sections with the promotion line fixed to boilerplate, as an annotator would."""
    start = text.index("Get Cycle Weekly")
    return relabel_lines(text, rules.char_spans(text), lambda a, _t, label: "boilerplate" if a == start else label)


def test_sections_learned_fixes_the_rules_on_an_unseen_article(rules):
    train = [article(t, i) for i, t in enumerate(TOWNS[:12])]
    model = train_section_classifier([(t, corrected(t, rules), None, None) for t in train], seed=0)
    unseen = article("Moreton", 40).replace(PROMO.format("50.99"), UNSEEN_PROMO)  # other words than trained on
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


# Articles of one site: different stories, the same chrome line inside each story (the rules keep it as body).
CHROME = "Continue reading the main story"
STORIES = [
    ("Harbour bridge reopens after repairs",
     ["Engineers reopened the harbour bridge on Tuesday after eight months of repairs to its steel frame.",
      "Drivers had faced long detours through the old town while the crossing was closed to traffic.",
      "The council said the work came in under budget and thanked residents for their patience.",
      "Ferry operators, who carried extra passengers during the closure, expect quieter crossings now."]),
    ("School choir wins national prize",
     ["A primary school choir from the valley won the national schools music prize on Saturday evening.",
      "The thirty singers performed two folk songs and a hymn in front of a panel of five judges.",
      "Their teacher said the children had rehearsed every lunchtime since the start of the spring term.",
      "The prize includes a recording session at a studio in the capital later this year."]),
    ("Farmers warn of poor apple harvest",
     ["Fruit growers in the county expect their smallest apple harvest in a decade after a wet spring.",
      "Late frosts damaged the blossom on many orchards just as the bees should have been busy.",
      "Some farms are hiring fewer pickers this autumn, and cider makers are buying fruit from abroad.",
      "The growers' association has asked the government for help with the cost of new frost fans."]),
    ("Library extends its opening hours",
     ["The central library will stay open until nine o'clock on weekdays from the first of next month.",
      "Longer hours were the most common request in a survey of more than two thousand readers.",
      "Volunteers will staff the reading rooms in the evenings, while librarians keep the daytime shifts.",
      "The library also plans a homework club for teenagers on Tuesday and Thursday nights."]),
    ("Runners raise money for hospice",
     ["More than four hundred runners took part in the annual hospice fun run along the river path.",
      "Organisers said the event raised over twenty thousand pounds for the hospice's night nursing team.",
      "The fastest runner finished the ten kilometre course in thirty-four minutes despite the heat.",
      "Several families ran in memory of relatives who had been cared for by the hospice staff."]),
    ("Town hall clock stops again",
     ["The town hall clock stopped at a quarter past four on Sunday for the third time this year.",
      "A specialist from the clockmakers' guild will inspect the mechanism when the scaffolding is up.",
      "Residents have started a petition asking for the clock to be restored rather than replaced.",
      "The mayor said a decision on the repairs would be taken at the next full council meeting."]),
]
NEW = ("Museum shows lost medieval maps",
       ["A collection of medieval maps thought lost in a fire has gone on display at the county museum.",
        "The maps were found in a locked chest in the attic of a farmhouse during building work last winter.",
        "Curators spent months cleaning the parchment and fixing the faded ink before the exhibition opened.",
        "Entry to the exhibition is free, and guided tours run every afternoon until the end of the summer."])


def site_article(story: tuple[str, list[str]], at: int = 2) -> str:
    """Headline, then the story's paragraphs with the site's chrome line after paragraph ``at``."""
    headline, paragraphs = story
    return "\n".join([headline, *paragraphs[:at], CHROME, *paragraphs[at:]])


def site_corrected(text: str, rules: SectionTagger) -> list[tuple[int, int, str]]:
    """The rules' sections, line by line, with the site's chrome line fixed to boilerplate."""
    return relabel_lines(text, rules.char_spans(text), lambda _a, line, label: "boilerplate" if line == CHROME else label)


def test_sections_learned_learns_a_sites_repeated_chrome_line(rules):
    train = [site_article(story, at=1 + i % 3) for i, story in enumerate(STORIES)]
    model = train_section_classifier([(t, site_corrected(t, rules), None, None) for t in train], seed=0)
    unseen = site_article(NEW)
    at = unseen.index(CHROME)
    assert [label for s, e, label in rules.char_spans(unseen) if s <= at < e] == ["body"]  # the rules: story
    got = [(label, unseen[s:e]) for s, e, label in LearnedSections(rules, model).char_spans(unseen)]
    assert ("boilerplate", CHROME) in got
    assert [label for label, _ in got] == ["headline", "lede", "body", "boilerplate", "body"]  # nothing else moved


def test_sections_learned_settings_are_recorded_with_the_model(rules, tmp_path):
    import spacy

    text = site_article(STORIES[0])
    model = train_section_classifier([(text, site_corrected(text, rules), None, None)], epochs=1, threshold=0.8)
    assert model.meta[META] == {**DEFAULTS, "epochs": 1, "threshold": 0.8}
    model.to_disk(tmp_path / "m")
    learned = LearnedSections(rules, spacy.load(tmp_path / "m"))
    assert (learned.features, learned.threshold, learned.promote) == (DEFAULTS["features"], 0.8, DEFAULTS["promote"])
    assert LearnedSections(rules, model, threshold=0.9, promote=not DEFAULTS["promote"]).threshold == 0.9
    del model.meta[META]  # a classifier saved before settings were recorded: the first feature set, as trained
    old = LearnedSections(rules, model)
    assert (old.features, old.threshold, old.promote) == ("base", 0.7, False)


REPORTERS = ["Anna Berg", "Tom Hale", "Ruth Okafor", "Li Wei", "Sam Price", "Nora Quinn", "Omar Said"]


def test_sections_learned_learns_a_sites_own_byline_format(rules):
    """Type fixes, not only content/boilerplate: a site signs its stories "Text and pictures: NAME"
    under the headline; the rules take that line for the headline and the headline for chrome. The
    annotator fixes both lines; after six articles the classifier is sure of the sign line on a new
    one, and leaves what it is unsure of to the rules."""
    def signed(story: tuple[str, list[str]], reporter: str) -> str:
        return "\n".join([story[0], f"Text and pictures: {reporter}", *story[1]])

    def fixed(text: str) -> list[tuple[int, int, str]]:
        sign = text.index("\n") + 1
        return relabel_lines(text, rules.char_spans(text),
                             lambda a, _t, label: "headline" if a == 0 else "byline" if a == sign else label)

    train = [signed(story, reporter) for story, reporter in zip(STORIES, REPORTERS)]
    model = train_section_classifier([(t, fixed(t), None, None) for t in train], seed=0)
    unseen = signed(NEW, REPORTERS[-1])
    sign = f"Text and pictures: {REPORTERS[-1]}"
    by_rules = [(label, unseen[s:e]) for s, e, label in rules.char_spans(unseen)]
    assert by_rules[:2] == [("boilerplate", NEW[0]), ("headline", sign)]
    got = [(label, unseen[s:e]) for s, e, label in LearnedSections(rules, model).char_spans(unseen)]
    assert got[1:3] == [("byline", sign), ("lede", NEW[1][0])]  # the sign line, always the same words: learned
    assert got[0] == by_rules[0]  # six different headlines do not make it sure of a seventh: the rules' type stays

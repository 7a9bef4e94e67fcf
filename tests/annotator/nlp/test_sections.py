"""The section component: the seed's anatomy, markers, boilerplate, hints and schema fallbacks."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.nlp.sections.tagger import PIPE_NAME, SPANS_KEY, SectionTagger, add_section_pipe, resolve_labels
from annotator.nlp.tokenizer import customize_tokenizer
from annotator.schema import Schema
from tests.conftest import SEED

HEADLINE = "Scoop: Kazakhstan to join Abraham Accords"
_TAGGER = SectionTagger(
    [l.name for l in Schema.default([]).sections],
    [(m, l.name) for l in Schema.default([]).sections for m in l.markers],
)


def _nlp(schema: Schema):
    nlp = customize_tokenizer(spacy.blank("en"))
    add_section_pipe(nlp, schema)
    return nlp


def _sections(nlp, text: str, **hints) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc.user_data.update(hints)
    doc = nlp(doc)
    return [(s.label_, s.text) for s in doc.spans[SPANS_KEY]]


def _assert_partition(text: str, spans) -> None:
    """No overlap, in order, and every non-whitespace character covered."""
    covered = [False] * len(text)
    prev_end = 0
    for span in spans:
        assert span.start_char >= prev_end, "sections overlap or are out of order"
        prev_end = span.end_char
        for i in range(span.start_char, span.end_char):
            covered[i] = True
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"uncovered text at {missing[:5]}: {text[missing[0]:missing[0] + 30]!r}"


def test_sections_seed_matches_documented_anatomy(schema):
    text = SEED.read_text(encoding="utf-8")
    got = _sections(_nlp(schema), text)
    expected = [
        ("boilerplate", "cupure logo\ntrumpbudgettrumpsdemocratszohrancourtmamdanismamdanielectionyork"),
        ("headline", HEADLINE),
        ("boilerplate", HEADLINE),
        ("lede", "Kazakhstan President Kassym-Jomart Tokayev", "U.S. officials tell Axios."),
        ("why_it_matters", "Why it matters: While Kazakhstan", "a senior U.S. official said."),
        ("big_picture", "The big picture: Trump told Axios", "in the region,\" a U.S. official said."),
        ("between_the_lines", "Between the lines: Thursday's announcement", "much more delicate diplomatically."),
        ("behind_the_scenes", "Behind the scenes: Tokayev will visit", "who would like to join the accords."),
        ("flashback", "Flashback: The normalization agreements", "regional cooperation and religious tolerance."),
        ("what_to_watch", "What to watch: A U.S. official", "peace deal is still far away."),
        ("boilerplate", "Comments\n\nSimilar News\n\nWorld news"),
    ]
    assert [label for label, _ in got] == [e[0] for e in expected]
    for (label, span_text), exp in zip(got, expected):
        if len(exp) == 2:
            assert span_text == exp[1], label
        else:
            assert span_text.startswith(exp[1]) and span_text.endswith(exp[2]), (label, span_text[:60])
    # The headline is its first occurrence; the template's repeat is the boilerplate after it.
    assert text.index(HEADLINE) < text.index(HEADLINE, text.index(HEADLINE) + 1)


def test_sections_seed_partition_the_text(schema):
    text = SEED.read_text(encoding="utf-8")
    doc = _nlp(schema)(text)
    _assert_partition(text, doc.spans[SPANS_KEY])
    assert doc.spans[SPANS_KEY][1].start_char == text.index(HEADLINE)


@pytest.mark.parametrize(
    "glue",
    ["tell Axios.Why it matters: ", "tell Axios. WHY IT MATTERS: ", "tell Axios.\nWhy it matters — ", "tell Axios. why it matters:"],
)
def test_sections_marker_tolerates_case_space_and_punctuation(schema, glue):
    text = f"Big news today\nOfficials will announce a deal on Thursday, U.S. officials {glue}It is big news for the region and beyond."
    got = _sections(_nlp(schema), text)
    labels = [label for label, _ in got]
    assert labels == ["headline", "lede", "why_it_matters"]
    assert got[2][1].lower().startswith("why it matters")


def test_sections_marker_with_curly_apostrophe(schema):
    text = "Headline here\nThe minister spoke to reporters on Monday about the plan.\nWhat they’re saying: Critics called it a mistake."
    assert [label for label, _ in _sections(_nlp(schema), text)] == ["headline", "lede", "what_they_are_saying"]


def test_sections_marker_words_inside_a_sentence_do_not_fire(schema):
    text = "Headline here\nHe explained why it matters to him and what to watch for in the coming weeks, said aides."
    labels = [label for label, _ in _sections(_nlp(schema), text)]
    assert labels == ["headline", "lede"]


def test_sections_marked_section_continues_over_lines(schema):
    text = (
        "Headline here\nThe minister spoke to reporters on Monday about the plan.\n"
        "The big picture: Prices rose for a third month in a row.\nEconomists expect more of the same next year.\n"
        "Share this article"
    )
    got = _sections(_nlp(schema), text)
    assert got[2] == ("big_picture", "The big picture: Prices rose for a third month in a row.\nEconomists expect more of the same next year.")
    assert got[3] == ("boilerplate", "Share this article")


def test_sections_boilerplate_lines(schema):
    text = (
        "Site logo\nHome | World | Business | Sport\nmamdanielectionyorkbudgettrump\n"
        "Rain falls on city\nHeavy rain fell on the city on Tuesday, flooding several streets downtown.\n"
        "Advertisement\nResidents were told to stay home until the water recedes, officials said.\n"
        "Related\nFloods hit the north\nSubscribe to our newsletter\n© 2025 Example News"
    )
    got = _sections(_nlp(schema), text)
    assert got[0] == ("boilerplate", "Site logo\nHome | World | Business | Sport\nmamdanielectionyorkbudgettrump")
    assert got[1] == ("headline", "Rain falls on city")
    assert got[2][0] == "lede"
    assert ("boilerplate", "Advertisement") in got
    assert got[-1] == ("boilerplate", "Related\nFloods hit the north\nSubscribe to our newsletter\n© 2025 Example News")


def test_sections_main_content_hint_marks_the_rest_boilerplate(schema):
    lines = [
        "Menu", "Rain falls on city", "By Jo Writer", "Heavy rain fell on the city on Tuesday, flooding streets.",
        "Residents were told to stay home until the water recedes, officials said.",
        "Readers also liked this story about the weather last year, which was very wet indeed.",
    ]
    text = "\n".join(lines)
    main = [[text.index(lines[3]), text.index(lines[4]) + len(lines[4])]]
    got = _sections(_nlp(schema), text, main_content=main, title="Rain falls on city - Example News")
    assert got == [
        ("boilerplate", "Menu"), ("headline", "Rain falls on city"), ("byline", "By Jo Writer"),
        ("lede", lines[3]), ("body", lines[4]), ("boilerplate", lines[5]),
    ]


def test_sections_title_hint_picks_the_headline(schema):
    text = "Latest stories\nWeather today\nRain falls on city\nHeavy rain fell on the city on Tuesday, flooding streets."
    got = _sections(_nlp(schema), text, title="Rain Falls On City | Example")
    assert got[:2] == [("boilerplate", "Latest stories\nWeather today"), ("headline", "Rain falls on city")]


def test_sections_missing_marked_type_becomes_body():
    schema = Schema.from_json({"sections": {"labels": ["headline", "lede", "body", "boilerplate",
                                                       {"name": "big_picture", "markers": ["The big picture"]}]}})
    text = SEED.read_text(encoding="utf-8")
    doc = _nlp(schema)(text)
    labels = [s.label_ for s in doc.spans[SPANS_KEY]]
    assert set(labels) == {"headline", "lede", "body", "big_picture", "boilerplate"}
    body = [s for s in doc.spans[SPANS_KEY] if s.label_ == "body"]
    assert body[0].text.startswith("Why it matters: While") and body[1].text.startswith("Between the lines:")
    _assert_partition(text, doc.spans[SPANS_KEY])


def test_sections_without_body_extend_the_section_before():
    schema = Schema.from_json({"sections": {"labels": ["lede", "boilerplate"]}})
    text = SEED.read_text(encoding="utf-8")
    doc = _nlp(schema)(text)
    got = [(s.label_, s.text) for s in doc.spans[SPANS_KEY]]
    assert [label for label, _ in got] == ["boilerplate", "lede", "boilerplate", "lede", "boilerplate"]
    assert got[1][1] == HEADLINE  # no headline type: the headline is content of its own
    assert got[3][1].startswith("Kazakhstan President") and got[3][1].endswith("still far away.")
    _assert_partition(text, doc.spans[SPANS_KEY])


def test_sections_without_boilerplate_leave_chrome_unlabeled():
    schema = Schema.from_json({"sections": {"labels": ["headline", "body"]}})
    text = SEED.read_text(encoding="utf-8")
    doc = _nlp(schema)(text)
    labels = {s.label_ for s in doc.spans[SPANS_KEY]}
    assert labels == {"headline", "body"}
    assert resolve_labels([(0, 5, "boilerplate"), (6, 9, "lede")], ["body"]) == [(6, 9, "body")]


def test_sections_pipe_runs_after_ner_and_replaces_itself(ruler_nlp, schema):
    add_section_pipe(ruler_nlp, schema)
    add_section_pipe(ruler_nlp, schema)
    assert ruler_nlp.pipe_names == ["entity_ruler", PIPE_NAME]
    doc = ruler_nlp(SEED.read_text(encoding="utf-8"))
    assert doc.ents and len(doc.spans[SPANS_KEY]) == 11


def test_sections_boundary_inside_a_token_stays_aligned(schema):
    # spaCy's default tokenizer keeps "2024.The" whole: the boundary falls inside that token.
    nlp = spacy.blank("en")
    add_section_pipe(nlp, schema)
    text = "Headline here\nThe minister spoke to reporters on Monday about the plan in 2024.The big picture: Prices rose."
    doc = nlp(text)
    spans = doc.spans[SPANS_KEY]
    _assert_partition(text, spans)
    assert [s.label_ for s in spans] == ["headline", "lede", "big_picture"]


def test_sections_empty_and_blank_text(schema):
    nlp = _nlp(schema)
    empty, blank = nlp(""), nlp("  \n\n ")
    assert len(empty.spans[SPANS_KEY]) == 0
    assert len(blank.spans[SPANS_KEY]) == 0


_PIECES = [
    "Why it matters: ", "the big picture:", "Axios.", "Share", "Comments", "\n", "\n\n", " ", "said.",
    "trumpbudgettrumpsdemocratszohran", "Officials said the deal was done on Thursday, aides added.",
    "What they’re saying:", "2024.The", "Scoop: Kazakhstan to join", "© 2024", "Home | World | Sport",
    # wire copy, digests, link lists, other scripts
    "SOCCER - JAPAN GET LUCKY WIN .", "LONDON 1996-12-06", "Nadim Ladki", "LONDON, Dec 6 (Reuters) - ", "By Jane Doe",
    "1. ", "2. ", "1 big thing: ", "Related coverage", "Photo: Jo Lee/Axios", "市议会星期二投票决定重建老河大桥。",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans())
def test_sections_always_partition_any_text(schema, pieces, hint):
    text = "".join(pieces)
    main = [[0, len(text) // 2]] if hint else None
    spans = _TAGGER.char_spans(text, main, "Scoop: Kazakhstan to join")
    prev = 0
    covered = [False] * len(text)
    for start, end, label in spans:
        assert prev <= start < end <= len(text) and label in schema.names("sections")
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered[start:end] = [True] * (end - start)
        prev = end
    assert all(c or ch.isspace() for c, ch in zip(covered, text))


def test_sections_malformed_main_content_hint_is_ignored(schema):
    text = SEED.read_text(encoding="utf-8")
    plain = _TAGGER.char_spans(text)
    assert _TAGGER.char_spans(text, [["a", 3], None, [50, 10], (1, 2, 3)]) == plain
    assert [label for _, _, label in plain][:3] == ["boilerplate", "headline", "boilerplate"]


@pytest.mark.parametrize("heading", ["Related stories:", "Recent posts", "Featured slide shows", "Most read"])
def test_sections_related_link_list_inside_the_story_is_boilerplate(schema, heading):
    text = (
        "Rain falls on city\nHeavy rain fell on the city on Tuesday, flooding several streets downtown.\n"
        f"{heading}\nFloods hit the north\nWhy the river rose\n"
        "Residents were told to stay home until the water recedes, officials said."
    )
    got = _sections(_nlp(schema), text)
    assert got[2] == ("boilerplate", f"{heading}\nFloods hit the north\nWhy the river rose")
    assert got[3][0] == "body" and got[3][1].startswith("Residents were told")


def test_sections_standfirst_between_headline_and_lede_is_content(schema):
    """A page's standfirst (the summary under the headline) is content; a caption the template
    repeats there is boilerplate, one carrying a photo credit is a caption (entities inside are kept)."""
    caption = "A worker repairing cables this month in Queens, officials said on Monday."
    credited = "A water main break flooded Bushwick, Brooklyn, in 1978.Credit Fred Conrad/The Times"
    lines = [
        "Menu", "Manhole fires and burst pipes", "The city's aging utilities are tough to maintain, and winter makes it worse.",
        caption, caption, credited, "By Jo Writer",
        "A series of manhole fires in Manhattan forced the evacuation of several theaters this week.",
        "Underground lies a chaotic assemblage of utilities that are lifelines for the city, officials said.",
    ]
    text = "\n".join(lines)
    main = [[text.index(lines[7]), len(text)]]
    got = _sections(_nlp(schema), text, main_content=main, title="Manhole fires and burst pipes - Example")
    assert got[:3] == [("boilerplate", "Menu"), ("headline", lines[1]), ("body", f"{lines[2]}\n{caption}")]
    assert got[3:5] == [("boilerplate", caption), ("caption", credited)]  # the template's repeat, a credited caption
    assert got[5:7] == [("byline", "By Jo Writer"), ("lede", lines[7])]


def test_sections_glued_sentence_end_reads_as_prose():
    from annotator.nlp.sections.lines import make_line

    glued = "In the late 1800s, overhead utilities were buried to lessen the exposure.CreditKirsten Luce"
    assert make_line(glued, 0, len(glued)).prose
    assert not make_line("The Walt Disney Co. Annual Report", 0, 33).prose


@pytest.mark.parametrize("caption", [
    "Andreas Thurner, left, and Todd George unveil the SC2 concept vehicle at the Los Angeles Auto Show.",
    "Un Népalais prie à Katmandou, le 30 avril 2015, devant un temple détruit. (Photo Prakash Mathema. AFP)",
    "The minister (pictured) arrives at the summit in Brussels on Thursday morning. Photo: Reuters",
])
def test_sections_caption_cues_make_a_lead_caption_a_caption(schema, caption):
    """A caption before the lede is told by who stands where in the picture or a credit in any case;
    it is neither the story's body nor boilerplate."""
    lines = ["Minister unveils plan", caption,
             "The minister unveiled a plan on Thursday to cut emissions from cars by half within a decade."]
    text = "\n".join(lines)
    got = _sections(_nlp(schema), text, main_content=[[text.index(lines[2]), len(text)]], title=lines[0])
    assert got == [("headline", lines[0]), ("caption", caption), ("lede", lines[2])]


@pytest.mark.parametrize("standfirst", [
    "The right answer, officials said, is to leave the left lane open for buses.",
    "Credit Suisse said on Monday it would cut 500 jobs. Credit markets barely moved.",
])
def test_sections_positions_and_bank_names_in_prose_do_not_make_a_standfirst_a_caption(standfirst):
    from annotator.nlp.sections.lines import is_caption, make_line

    assert not is_caption(make_line(standfirst, 0, len(standfirst)), None)
    glued = "A water main break flooded Bushwick in 1978.Credit Fred Conrad/The Times"
    assert is_caption(make_line(glued, 0, len(glued)), None)


@pytest.mark.parametrize("chrome", ["Previous", "Next", "Close", "Fullscreen", "Thumbnails", "Skip Ad", "Load more"])
def test_sections_gallery_controls_are_furniture(chrome):
    from annotator.nlp.sections.lines import is_furniture, make_line

    assert is_furniture(make_line(chrome, 0, len(chrome)))
    assert not is_furniture(make_line(f"{chrome} came the storm.", 0, len(chrome) + 16))


_STORY = [
    "Carmaker shows electric coupe",
    "The carmaker showed its first electric coupe on Wednesday at the auto show in Los Angeles, California.",
    "Andreas Thurner, left, and Todd George unveil the SC2 concept vehicle at the auto show.",
    "Photo: Jo Lee/Example",
    "The coupe will go on sale in 2027, the company said, at a price it did not give on Wednesday.",
]


def test_sections_caption_inside_the_story_is_a_caption_where_the_page_leaves_it_out(schema):
    text = "\n".join(_STORY)
    left_out = [[0, text.index(_STORY[2]) - 1], [text.index(_STORY[4]), len(text)]]
    got = _sections(_nlp(schema), text, main_content=left_out, title=_STORY[0])
    assert got[2] == ("caption", f"{_STORY[2]}\n{_STORY[3]}")  # the caption and its credit line, one span
    assert got[3] == ("body", _STORY[4])
    # In the page's main content, the same line is the story's text: only the credit line is a caption.
    got = _sections(_nlp(schema), text, main_content=[[0, len(text)]], title=_STORY[0])
    assert ("caption", _STORY[3]) in got and not any(_STORY[2] in t for label, t in got if label != "body")


def test_sections_schema_without_caption_calls_captions_unsure_boilerplate():
    schema = Schema.from_json({"entities": {"labels": ["PER"]}, "sections": {"labels": ["headline", "lede", "body", "boilerplate"]}})
    text = "\n".join(_STORY)
    spans, sure = SectionTagger(schema.names("sections"), []).analyse(text, [[0, len(text)]], _STORY[0])
    assert (text.index(_STORY[3]), len(text[:text.index(_STORY[3])]) + len(_STORY[3]), "boilerplate") in spans
    assert sure == []  # a caption is not confident boilerplate: its entities stay

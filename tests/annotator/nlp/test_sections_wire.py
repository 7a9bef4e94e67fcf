"""News wire: title, byline and dateline recognised, the first paragraph is the lede, no boilerplate;
entity suggestions are kept everywhere but in confident boilerplate."""
from __future__ import annotations

import spacy

from annotator.nlp.prelabel_workers import Analyser
from annotator.nlp.sections.tagger import SectionTagger, add_section_pipe
from annotator.nlp.tokenizer import customize_tokenizer
from annotator.schema import Schema
from exports.formats.conll import read_conll
from tests.conftest import CONLL_DEV

WIRE = "\n".join([
    "SOCCER - HOSTS GET LATE WIN , VISITORS IN SHOCK DEFEAT .",
    "Mara Quell",
    "PORTO NOVO , Atlantis 1999-03-14",
    "The hosts scored twice in the last ten minutes to beat the visitors on Sunday .",
    "Their coach said the team had earned the points after a slow first half .",
    "Scorers :",
    "Hosts - Ivo Brand ( 81st ) , Tomas Wek ( 88th )",
    "Attendance : 12,000",
])


def _tagger(schema: Schema) -> SectionTagger:
    return SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])


def _labeled(text: str, schema: Schema) -> list[tuple[str, str]]:
    return [(label, text[s:e]) for s, e, label in _tagger(schema).char_spans(text)]


def test_sections_wire_title_byline_dateline_lede_body(schema):
    got = _labeled(WIRE, schema)
    lines = WIRE.split("\n")
    assert got == [
        ("headline", lines[0]), ("byline", lines[1]), ("dateline", lines[2]), ("lede", lines[3]),
        ("body", "\n".join(lines[4:])),
    ]


def test_sections_wire_dateline_opening_the_first_paragraph(schema):
    text = ("Central bank holds rates\nLONDON, Dec 6 (Reuters) - The central bank kept its main rate on hold on"
            " Thursday, as expected.\nMarkets barely moved after the decision was announced.")
    got = _labeled(text, schema)
    assert got[:3] == [
        ("headline", "Central bank holds rates"), ("dateline", "LONDON, Dec 6 (Reuters) -"),
        ("lede", "The central bank kept its main rate on hold on Thursday, as expected."),
    ]
    assert got[3][0] == "body"


def test_sections_wire_lede_runs_to_the_first_sentence_end(schema):
    text = "BASKETBALL - TOURNAMENT RESULT .\nBELGRADE 1996-08-30\nResult in an international\nbasketball tournament on Friday :\nRed Star beat Dinamo 92-90"
    got = _labeled(text, schema)
    assert got[2] == ("lede", "Result in an international\nbasketball tournament on Friday :")
    assert got[3] == ("body", "Red Star beat Dinamo 92-90")


def test_sections_wire_schema_without_byline_and_dateline_calls_them_boilerplate():
    schema = Schema.from_json({"entities": {"labels": ["PER"]}, "sections": {"labels": ["headline", "lede", "body", "boilerplate"]}})
    labels = [label for label, _ in _labeled(WIRE, schema)]
    assert labels == ["headline", "boilerplate", "lede", "body"]
    _spans, sure = _tagger(schema).analyse(WIRE)
    assert sure == []  # byline and dateline are not confident boilerplate: their entities stay


def test_sections_conll_dev_documents_get_wire_anatomy():
    schema = Schema.from_file("examples/conll2003_schema.json")
    tagger = _tagger(schema)
    docs = list(read_conll(CONLL_DEV))
    labels = [[label for *_, label in tagger.char_spans(d.article.text)] for d in docs]
    assert len(docs) == 216
    assert not [l for l in labels if "boilerplate" in l]
    assert sum(l[:1] == ["headline"] for l in labels) >= 0.99 * len(docs)
    assert sum("dateline" in l for l in labels) >= 0.98 * len(docs)
    assert sum("lede" in l for l in labels) >= 0.99 * len(docs)


def _ruler_pipeline(schema: Schema):
    nlp = customize_tokenizer(spacy.blank("en"))
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": "Mara Quell"}, {"label": "GPE", "pattern": "PORTO NOVO"},
        {"label": "PERSON", "pattern": "Ivo Brand"}, {"label": "PERSON", "pattern": "Trump"},
        {"label": "GPE", "pattern": "Ohio"},
    ])
    add_section_pipe(nlp, schema)
    return nlp


def _entities(nlp, schema: Schema, text: str, hints: dict | None = None) -> set[str]:
    (result,) = Analyser(nlp, schema).analyse([(1, "a", text, hints or {})], batch_size=1)
    return {text[s:e] for s, e, _label in result.entities}


def test_sections_entities_kept_in_byline_dateline_and_body(schema):
    nlp = _ruler_pipeline(schema)
    assert _entities(nlp, schema, WIRE) == {"Mara Quell", "PORTO NOVO", "Ivo Brand"}


def test_sections_entities_dropped_only_in_confident_boilerplate(schema):
    nlp = _ruler_pipeline(schema)
    story = "Voters in Ohio went to the polls on Tuesday in a race that has drawn national attention, officials said."
    text = "\n".join([
        "trumpbudgettrumpsdemocratsohioelectionyork",  # tag cloud: confident
        "Related: Trump",  # link list: confident
        "Ohio votes",
        story,
        "Turnout was high across the state, according to the secretary of state's office.",
        "Share on Trump Facebook",  # chrome words: confident
        "A", "B", "C", "D", "E", "F",
        "Earlier: Trump rallies in Ohio ahead of the vote, his third visit this year, aides said on Monday.",
    ])
    tagger = _tagger(schema)
    spans, sure = tagger.analyse(text)
    last = text.split("\n")[-1]
    assert ("boilerplate" in {label for s, e, label in spans if text[s:e].endswith(last)})
    got = _entities(nlp, schema, text)
    # The prose line after the story is called boilerplate, but not confidently: its entities stay.
    assert got == {"Ohio", "Trump"}
    starts = {text.index(last) + last.index(w) for w in ("Trump", "Ohio")} | {text.index("Ohio votes"), text.index(story) + story.index("Ohio")}
    (result,) = Analyser(nlp, schema).analyse([(1, "a", text, {})], batch_size=1)
    assert {s for s, _e, _l in result.entities} == starts  # none from the share line


def test_sections_page_date_lines_do_not_make_wire_copy(schema):
    text = "\n".join([
        "The Daily Planet", "Published March 3, 2026",
        "Bridge to close for repairs",
        "The river bridge will close for three months from April, the city said on Tuesday, to repair its deck.",
        "Drivers were told to use the ring road while the work goes on, and buses will be diverted.",
        "Comments", "About us",
    ])
    labels = [label for label, _ in _labeled(text, schema)]
    assert "dateline" not in labels and labels[-1] == "boilerplate"
    assert _labeled("Trade talks resume\nUS - China trade talks resumed on Monday in Geneva, officials said.", schema)[1][0] == "lede"

"""Digests: each numbered story of a newsletter is a story of its own (headline, lede, marked
sections); only navigation, promotion and the footer are boilerplate. The newsletter is written
for this test in the shape of Axios AM (``digest_newsletter.txt``, invented people and places)."""
from __future__ import annotations

from pathlib import Path

import spacy

from annotator.nlp.prelabel_workers import Analyser
from annotator.nlp.sections.tagger import SectionTagger, add_section_pipe
from annotator.nlp.tokenizer import customize_tokenizer
from annotator.schema import Schema

DIGEST = (Path(__file__).parent / "digest_newsletter.txt").read_text(encoding="utf-8")


def _spans(schema: Schema) -> list[tuple[str, str]]:
    tagger = SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])
    return [(label, DIGEST[s:e]) for s, e, label in tagger.char_spans(DIGEST)]


def test_sections_digest_each_story_has_headline_lede_and_markers(schema):
    got = _spans(schema)
    stories = [text for label, text in got if label == "headline"]
    assert stories == [
        "1 big thing: The harbor deal nobody saw coming", "2. Senate panel moves on drone rules",
        "3. Bakers brace for a butter shortage",
    ]
    ledes = [text for label, text in got if label == "lede"]
    assert [l.split()[0] for l in ledes] == ["Port", "A", "Dairy"]
    labels = [label for label, _ in got]
    story3 = labels[labels.index("headline", labels.index("headline", labels.index("headline") + 1) + 1):]
    assert story3[:4] == ["headline", "lede", "by_the_numbers", "yes_but"]
    marked = [label for label in labels if label not in ("headline", "lede", "body", "boilerplate", "byline", "caption")]
    assert marked == ["driving_the_news", "why_it_matters", "bottom_line", "zoom_in", "what_to_watch", "by_the_numbers", "yes_but"]
    credits = [text for label, text in got if label == "caption"]
    assert credits == ["Illustration: Lina Park/Axios", "Photo: Ken Ortiz/Getty Images"]


def test_sections_digest_only_chrome_is_boilerplate(schema):
    got = _spans(schema)
    boiler = "\n".join(text for label, text in got if label == "boilerplate")
    for chrome in ("Share this story", "Invite your friends", "Unsubscribe", "3100 Clarendon Blvd", "Axios AM"):
        assert chrome in boiler
    story_text = "\n".join(text for label, text in got if label != "boilerplate")
    for content in ("Mayor Ruth Anders", "Sen. Maria Lowe", "Imports from Lisland", "back at the docks by Friday"):
        assert content in story_text


def test_sections_digest_keeps_entities_of_every_story(schema):
    nlp = customize_tokenizer(spacy.blank("en"))
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": name} for name in ("Ruth Anders", "Maria Lowe", "Lina Park", "Ken Ortiz", "Dana Holt")
    ] + [{"label": "GPE", "pattern": "Lisland"}, {"label": "ORG", "pattern": "Axios Media"}])
    add_section_pipe(nlp, schema)
    (result,) = Analyser(nlp, schema).analyse([(1, "d", DIGEST, {})], batch_size=1)
    found = {DIGEST[s:e] for s, e, _label in result.entities}
    # Story entities and credit/byline names stay; the footer's company name is confident chrome.
    assert found == {"Ruth Anders", "Maria Lowe", "Lina Park", "Ken Ortiz", "Dana Holt", "Lisland"}


def test_sections_numbered_list_inside_an_article_is_not_a_digest(schema):
    text = "\n".join([
        "How to plant a tree",
        "Planting a tree takes an hour and a spade, and the result lasts for decades if it is done right.",
        "1. Dig the hole",
        "2. Set the roots",
        "Water it every day for the first month, gardeners say, and mulch it well before winter comes.",
    ])
    tagger = SectionTagger(schema.names("sections"), [])
    labels = [label for *_, label in tagger.char_spans(text)]
    assert labels.count("headline") == 1


def test_sections_digest_saved_as_html_page(tmp_path, schema):
    import html

    from annotator.io.readers.html import read_html

    body = "".join(
        f"<h2>{html.escape(line)}</h2>" if line[:1].isdigit() else f"<p>{html.escape(line)}</p>"
        for line in DIGEST.strip().split("\n")
    )
    page = tmp_path / "digest.html"
    page.write_text(f"<html><head><title>Axios AM</title></head><body><nav><a href='/'>Home</a> <a href='/n'>Newsletters</a>"
                    f"</nav><article>{body}</article><footer>About | Careers | Privacy</footer></body></html>", encoding="utf-8")
    article = next(read_html(page)).article
    tagger = SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])
    got = [(label, article.text[s:e]) for s, e, label in tagger.char_spans(article.text, article.meta["main_content"], article.title)]
    assert [text for label, text in got if label == "headline"] == [
        "1 big thing: The harbor deal nobody saw coming", "2. Senate panel moves on drone rules",
        "3. Bakers brace for a butter shortage",
    ]
    assert [label for label, _ in got].count("lede") == 3
    assert got[-1][0] == "boilerplate" and got[-1][1].endswith("About | Careers | Privacy")
    assert "3100 Clarendon Blvd" in "".join(text for label, text in got if label == "boilerplate")

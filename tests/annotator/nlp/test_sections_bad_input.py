"""Bad input still gets sections that cover the text: no line breaks, a table-only page, other
languages and scripts, a 10 MB page."""
from __future__ import annotations

import pytest

from annotator.io.readers.html import read_html
from annotator.nlp.sections.tagger import SectionTagger
from annotator.schema import Schema

SENTENCES = [
    "The city council voted on Tuesday to rebuild the old river bridge, ending years of delay.",
    "Engineers had warned that the span was no longer safe for heavy trucks.",
    "The project will cost about 40 million dollars and take three years to finish.",
    "Residents who spoke at the meeting said they welcomed the decision but worried about traffic.",
    "A temporary ferry will run while the bridge is closed, officials said.",
]
ZH = "\n".join([
    "首页", "新闻", "河边大桥将重建",
    "市议会星期二投票决定重建老河大桥，结束了多年的拖延。工程师早前警告说，这座桥已经不能安全承载重型卡车。",
    "该项目将耗资约四千万美元，需要三年时间完成。出席会议的居民表示欢迎这一决定，但担心交通问题。",
    "评论",
])
DE = "\n".join([
    "Startseite", "Neue Brücke für die Altstadt",
    "Der Stadtrat hat am Dienstag beschlossen, die alte Flussbrücke neu zu bauen, nachdem Ingenieure vor Schäden gewarnt hatten.",
    "Die Arbeiten sollen drei Jahre dauern und rund 40 Millionen Euro kosten, teilte die Verwaltung mit.",
    "Kommentare",
])


@pytest.fixture(scope="module")
def tagger() -> SectionTagger:
    schema = Schema.default([])
    return SectionTagger(schema.names("sections"), [(m, l.name) for l in schema.sections for m in l.markers])


def assert_covers(text: str, spans: list[tuple[int, int, str]]) -> None:
    """In order, no overlap, and only whitespace between and around the spans."""
    pos = 0
    for start, end, _label in spans:
        assert start >= pos and end > start
        assert not text[pos:start].strip(), f"uncovered text at {pos}: {text[pos:pos + 40]!r}"
        pos = end
    assert not text[pos:].strip(), f"uncovered tail at {pos}"


def test_sections_text_without_line_breaks_is_cut_at_sentences(tagger):
    text = " ".join(SENTENCES * 8)  # one line of about 3,500 characters
    assert "\n" not in text and len(text) > 3000
    spans = tagger.char_spans(text)
    assert_covers(text, spans)
    labels = [label for *_, label in spans]
    assert labels[0] == "lede" and "body" in labels and "boilerplate" not in labels
    assert spans[0][1] < len(text) // 2  # the lede is not the whole text


def test_sections_table_only_page_is_covered(tmp_path, tagger):
    rows = "".join(f"<tr><td>Team {i}</td><td>{i * 3}</td><td>{40 - i}</td></tr>" for i in range(30))
    page = tmp_path / "table.html"
    page.write_text(f"<html><body><table><tr><th>Team</th><th>Won</th><th>Lost</th></tr>{rows}</table></body></html>",
                    encoding="utf-8")
    article = next(read_html(page)).article
    spans = tagger.char_spans(article.text, article.meta.get("main_content"), article.title)
    assert_covers(article.text, spans)
    assert "Team 29" in "".join(article.text[s:e] for s, e, label in spans if label != "boilerplate")


def test_sections_chinese_article_finds_headline_and_lede(tagger):
    spans = tagger.char_spans(ZH)
    assert_covers(ZH, spans)
    got = [(label, ZH[s:e]) for s, e, label in spans]
    assert ("headline", "河边大桥将重建") in got
    assert got[[label for label, _ in got].index("lede")][1].startswith("市议会星期二")
    assert got[-1] == ("boilerplate", "评论")


def test_sections_german_article_finds_headline_and_lede(tagger):
    got = [(label, DE[s:e]) for s, e, label in tagger.char_spans(DE)]
    assert got[1] == ("headline", "Neue Brücke für die Altstadt")
    assert got[2][0] == "lede" and got[2][1].startswith("Der Stadtrat")


def test_sections_ten_megabyte_page_is_covered(tagger):
    para = "\n".join(SENTENCES) + "\nShare\nRelated stories\nMore news from the city\n"
    text = (para * (10_000_000 // len(para) + 1))[:10_000_000]
    spans, sure = tagger.analyse(text)
    assert_covers(text, spans)
    assert {label for *_, label in spans} >= {"lede", "body", "boilerplate"}
    assert all(s < e for s, e in sure)

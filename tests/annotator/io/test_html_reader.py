"""Importing saved web pages: visible blocks one per line, metadata, main-content hint, bad files."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotator.errors import InputError
from annotator.io.readers import READERS, read_path
from annotator.io.readers.html import main_content_ranges, read_html
from annotator.nlp.sections.tagger import SPANS_KEY, add_section_pipe
from annotator.nlp.tokenizer import customize_tokenizer
from annotator.schema import Schema
from tests.conftest import SHARED

STORY = " ".join(["The council voted on Tuesday to build a new bridge over the river."] * 4)

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Council approves bridge - Example News</title>
<link rel="canonical" href="https://news.example.com/bridge">
<meta property="og:title" content="Council approves bridge">
<meta name="author" content="Jo Writer">
<meta property="article:published_time" content="2024-05-07T10:00:00Z">
<style>body {{ color: red }}</style>
<script>var hidden = "SCRIPT TEXT";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div hidden>HIDDEN ATTR</div><div aria-hidden="true">ARIA HIDDEN</div>
<div style="color: red; display : none">INLINE HIDDEN</div>
<template><p>TEMPLATE TEXT</p></template><noscript>NOSCRIPT TEXT</noscript>
<iframe src="https://ads.example.com/frame">IFRAME TEXT</iframe><img src="https://cdn.example.com/a.png" alt="IMG ALT">
<article>
<h1>Council approves bridge</h1>
<p class="byline">By <b>Jo Writer</b></p>
<p>{STORY}</p>
<p>Work starts next <em>spring</em>, and the bridge should open in 2027, the mayor said.<br>It will cost 40 million.</p>
<p>{STORY.replace("Tuesday", "Monday")}</p>
</article>
<footer><ul><li>Share</li><li>Comments</li></ul><p>&copy; 2024 Example News</p></footer>
</body></html>
"""


def _write(tmp_path: Path, content: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_html_reader_keeps_visible_blocks_one_per_line(tmp_path):
    doc = next(read_html(_write(tmp_path, PAGE)))
    lines = doc.article.text.split("\n")
    assert lines[:4] == ["Home World", "Council approves bridge", "By Jo Writer", STORY]
    assert "Work starts next spring, and the bridge should open in 2027, the mayor said." in lines
    assert "It will cost 40 million." in lines
    assert lines[-3:] == ["Share", "Comments", "© 2024 Example News"]
    for gone in ("SCRIPT", "color: red", "HIDDEN", "TEMPLATE", "NOSCRIPT", "IFRAME", "IMG ALT", "Example News</title>"):
        assert gone not in doc.article.text


def test_html_reader_metadata(tmp_path):
    article = next(read_html(_write(tmp_path, PAGE))).article
    assert article.title in ("Council approves bridge", "Council approves bridge - Example News")
    assert article.url == "https://news.example.com/bridge"
    assert article.meta["author"] == "Jo Writer"
    assert article.meta["date"] == "2024-05-07"
    assert article.meta["source"] == "page.html"


def test_html_reader_main_content_covers_the_story_only(tmp_path):
    article = next(read_html(_write(tmp_path, PAGE))).article
    main = article.meta["main_content"]
    assert main, "trafilatura found no main content"
    kept = " ".join(article.text[s:e] for s, e in main)
    assert STORY in kept and "It will cost 40 million." in kept
    assert "Home World" not in kept and "© 2024" not in kept
    assert all(0 <= s < e <= len(article.text) for s, e in main)


def test_html_reader_main_content_ranges_align_words():
    lines = ["Menu", "A long paragraph of the story itself, with many words.", "Share", "Second paragraph here."]
    ranges = main_content_ranges(lines, "A long paragraph of the story itself, with many words.\nSecond paragraph here.")
    text = "\n".join(lines)
    assert [text[s:e] for s, e in ranges] == [lines[1], lines[3]]
    assert main_content_ranges(lines, "") == []


def test_html_reader_sections_drop_chrome(tmp_path):
    article = next(read_html(_write(tmp_path, PAGE))).article
    nlp = customize_tokenizer(spacy.blank("en"))
    add_section_pipe(nlp, Schema.default([]))
    doc = nlp.make_doc(article.text)
    doc.user_data["main_content"] = article.meta["main_content"]
    doc.user_data["title"] = article.title
    doc = nlp(doc)
    got = [(s.label_, s.text) for s in doc.spans[SPANS_KEY]]
    assert got[:4] == [("boilerplate", "Home World"), ("headline", "Council approves bridge"),
                       ("byline", "By Jo Writer"), ("lede", STORY)]
    assert got[-1] == ("boilerplate", "Share\nComments\n© 2024 Example News")


def test_html_reader_no_external_entities_or_dtd(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    page = (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            f"<html><body><p>Before &xxe; after, a sentence long enough to count as text.</p></body></html>")
    text = next(read_html(_write(tmp_path, page))).article.text
    assert "TOP SECRET" not in text
    assert "Before" in text and "after, a sentence" in text


def test_html_reader_broken_nesting_imports(tmp_path):
    page = "<html><body><div><p>First <b>bold <i>both</b> italic?</p></div></span><p>Second para<td>cell</body>"
    text = next(read_html(_write(tmp_path, page))).article.text
    assert "First bold both italic?" in text and "Second para" in text and "cell" in text


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
     (b"<html><head><title>x</title></head><body><script>1</script></body></html>", "no visible text")],
)
def test_html_reader_refuses_bad_files_by_name(tmp_path, content, problem):
    path = _write(tmp_path, content, "bad.html")
    with pytest.raises(InputError) as err:
        next(read_html(path))
    assert "bad.html" in str(err.value) and problem in str(err.value)


def test_html_reader_is_registered_for_html_and_htm(tmp_path):
    assert READERS[".html"] is read_html and READERS[".htm"] is read_html
    _write(tmp_path, PAGE, "a.htm")
    _write(tmp_path, PAGE.replace("bridge", "tunnel"), "b.HTML")
    docs = list(read_path(tmp_path))
    assert len(docs) == 2 and "tunnel" in docs[1].article.text


CC_PAGES = sorted((SHARED / "html" / "cc_pages").glob("*.htm*"))


def test_html_reader_cc_pages_import_and_sections_partition_them():
    assert len(CC_PAGES) >= 30
    nlp = customize_tokenizer(spacy.blank("en"))
    add_section_pipe(nlp, Schema.default([]))
    for page in CC_PAGES:
        article = next(read_html(page)).article
        assert article.text.strip() and "<script" not in article.text.lower(), page.name
        doc = nlp.make_doc(article.text)
        doc.user_data["main_content"] = article.meta.get("main_content")
        doc.user_data["title"] = article.title
        doc = nlp(doc)
        spans = list(doc.spans[SPANS_KEY])
        prev = 0
        covered = [False] * len(article.text)
        for span in spans:
            assert span.start_char >= prev, f"{page.name}: overlapping sections"
            prev = span.end_char
            covered[span.start_char:span.end_char] = [True] * (span.end_char - span.start_char)
        uncovered = [i for i, ch in enumerate(article.text) if not ch.isspace() and not covered[i]]
        assert not uncovered, f"{page.name}: text not covered at {uncovered[:3]}"
        assert any(s.label_ != "boilerplate" for s in spans), f"{page.name}: no content found"


def test_html_reader_sections_keep_the_gold_story():
    """On a few benchmark pages the non-boilerplate sections hold nearly all of the gold body."""
    import re
    from collections import Counter

    data = SHARED / "html" / "scrapinghub_dev"
    pages = sorted((data / "html").glob("*.html"))[:6]
    assert pages
    nlp = customize_tokenizer(spacy.blank("en"))
    add_section_pipe(nlp, Schema.default([]))
    for page in pages:
        article = next(read_html(page)).article
        doc = nlp.make_doc(article.text)
        doc.user_data["main_content"] = article.meta.get("main_content")
        doc.user_data["title"] = article.title
        doc = nlp(doc)
        kept = " ".join(s.text for s in doc.spans[SPANS_KEY] if s.label_ != "boilerplate")
        gold = Counter(re.findall(r"\w+", (data / "gold" / f"{page.stem}.txt").read_text(encoding="utf-8").lower()))
        got = Counter(re.findall(r"\w+", kept.lower()))
        recall = sum((gold & got).values()) / sum(gold.values())
        assert recall >= 0.9, f"{page.name}: recall {recall:.2f}"


def test_html_reader_without_trafilatura_result_still_imports(tmp_path, monkeypatch):
    import annotator.io.readers.html as html_reader

    monkeypatch.setattr(html_reader, "_trafilatura", lambda source: None)
    article = next(read_html(_write(tmp_path, PAGE))).article
    assert article.title == "Council approves bridge"  # og:title
    assert article.url == "https://news.example.com/bridge"  # canonical link
    assert "main_content" not in article.meta and STORY in article.text

"""Saved web pages: every visible block of the page as one line, boilerplate included.

The text keeps the page's chrome (navigation, footers, link lists) so the annotator sees what a
scraper sees; which part is the story is a pre-label, not a deletion. trafilatura's idea of the
main content is kept as a hint: ``meta["main_content"]`` lists the ``[start, end)`` character
ranges of the lines it considers the article. Title, URL, date and author come from the page's
metadata. Nothing is fetched: the parser loads no DTD, entity, image or frame.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import lxml.html
from lxml import etree

from annotator.errors import InputError
from annotator.io.readers.html_match import matching_runs, whole_line_runs
from annotator.model import Article, Document, article_id

# Elements whose content is never shown as text.
DROPPED = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math",
    "iframe", "frame", "frameset", "object", "embed", "canvas", "audio", "video", "source",
    "track", "img", "picture", "map", "datalist", "input", "textarea",
})
# Elements that start a new line of text.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "select", "button",
})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\u2028\u2029]+")
_WORD = re.compile(r"\w+")
_DEPTH = re.compile(r"Excessive depth in document: (\d+)")
MIN_MATCH_WORDS = 3  # shorter runs shared with trafilatura's text are coincidences


def read_html(path: Path) -> Iterator[Document]:
    """One document per HTML file; InputError naming the file when it cannot be read."""
    data = _read_bytes(path)
    source = _decode(data, path)
    tree = _parse(source, path)
    lines = _visible_lines(tree)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(str(path), "the page has no visible text")
    extracted = _trafilatura(source)
    meta: dict[str, Any] = {"source": path.name, "format": "html"}
    title = url = None
    if extracted is not None:
        title, url = extracted.title or None, extracted.url or None
        for key in ("author", "date", "sitename", "description"):
            value = getattr(extracted, key, None)
            if value:
                meta[key] = value
        meta["main_content"] = main_content_ranges(lines, extracted.text or "")
    url = url or _first(tree, '//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')
    title = title or _first(tree, '//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()")
    yield Document(Article(article_id(text), text, title, url, meta), source=str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(str(path), "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), "contains NUL bytes: a binary file, not HTML")
    return data


def _decode(data: bytes, path: Path) -> str:
    from trafilatura.utils import decode_file

    text = decode_file(data)
    if not isinstance(text, str) or "\x00" in text:
        raise InputError(str(path), "cannot decode the page as text")
    bad = sum(1 for ch in text[:4096] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > 0.1 * min(len(text), 4096):
        raise InputError(str(path), "does not look like HTML text (mostly undecodable bytes)")
    return _XML_DECL.sub("", text, count=1)


def _parse(source: str, path: Path) -> lxml.html.HtmlElement:
    """The page's tree; ``huge_tree`` lifts libxml2's limits of 256 nested elements and 10 MB text
    nodes and attributes. A page past the remaining limits (2,048 levels) is refused by name:
    libxml2 would silently drop everything after that point."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, default_doctype=False, huge_tree=True
    )
    try:
        tree = lxml.html.document_fromstring(source, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(str(path), f"not readable as HTML ({exc})") from None
    if tree is None:
        raise InputError(str(path), "not readable as HTML")
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            depth = _DEPTH.search(entry.message)
            what = f"elements nested more than {depth.group(1)} deep" if depth else entry.message.strip()
            raise InputError(str(path), f"cannot be read whole: {what} (line {entry.line}); "
                                        "the text after that point would be lost")
    return tree


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _visible_lines(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, one block per line, in document order."""
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(parts)).strip()
        parts.clear()
        if line:
            lines.append(line)

    def add(text: str | None, pre: bool) -> None:
        if not text:
            return
        if not pre:
            parts.append(text)
            return
        chunks = text.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                flush()
            parts.append(chunk)

    def walk(root: etree._Element) -> None:
        # iterative: a page may nest thousands of elements, deeper than Python's recursion limit
        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            el, pre = stack.pop()
            if el is None or isinstance(el, str):  # a tail to add, or the end of a block
                add(el, pre) if el is not None else flush()
                continue
            tag = el.tag if isinstance(el.tag, str) else None
            if tag is None:  # comment or processing instruction left by the parser
                continue
            tag = tag.lower()
            if tag in DROPPED or _hidden(el):
                continue
            if tag == "br":
                flush()
                continue
            block = tag in BLOCKS
            pre = pre or tag in ("pre", "textarea")
            if block:
                flush()
                stack.append((None, pre))
            for child in reversed(el):
                stack.append((child.tail or "", pre))
                stack.append((child, pre))
            add(el.text, pre)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return lines


def main_content_ranges(lines: list[str], extracted: str) -> list[list[int]]:
    """Character ranges of the lines whose words trafilatura kept, adjacent lines merged (linear time)."""
    if not extracted.strip():
        return []
    line_words = [_WORD.findall(line.lower()) for line in lines]
    page_words = [w for words in line_words for w in words]
    owner = [i for i, words in enumerate(line_words) for _ in words]
    kept_words = _WORD.findall(extracted.lower())
    matched = [0] * len(lines)
    for a, size in matching_runs(page_words, kept_words, MIN_MATCH_WORDS):
        for k in range(a, a + size):
            matched[owner[k]] += 1
    kept_lines = {tuple(_WORD.findall(line.lower())) for line in extracted.splitlines()}
    for i in whole_line_runs(line_words, kept_lines, MIN_MATCH_WORDS):
        matched[i] = len(line_words[i])
    ranges: list[list[int]] = []
    pos = 0
    for i, line in enumerate(lines):
        words = len(line_words[i])
        if words and matched[i] * 2 >= words:
            if ranges and ranges[-1][1] == pos - 1:
                ranges[-1][1] = pos + len(line)
            else:
                ranges.append([pos, pos + len(line)])
        pos += len(line) + 1
    return ranges


def _trafilatura(source: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            source, with_metadata=True, include_comments=False, include_tables=True, fast=False
        )
    except Exception:  # trafilatura fails on odd pages; the page still imports without the hint
        return None


def _first(tree: lxml.html.HtmlElement, *xpaths: str) -> str | None:
    """The first non-empty value any of ``xpaths`` finds."""
    for xpath in xpaths:
        for found in tree.xpath(xpath):
            value = _SPACES.sub(" ", str(found)).strip()
            if value:
                return value
    return None

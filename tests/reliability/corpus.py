"""Hostile and broken input files, written on demand: name -> (bytes, expected outcome).

An outcome is ``"error"`` (an AnnotatorError naming the file, project unchanged) or the exact
article text(s) the import must produce.
"""
from __future__ import annotations

import json
import random
from typing import Callable

RTL_EMOJI = "שלום עולם — مرحبا بالعالم 👋🏽 Families 👨‍👩‍👧 fly to Zürich.\nSecond line ✈️."
GOOD = {"text": "Trump met Tokayev on Thursday.", "entities": [{"start": 0, "end": 5, "label": "PERSON"}]}


def _binary() -> bytes:
    return bytes(random.Random(0).randrange(256) for _ in range(4096))


def _jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode("utf-8")


TEXT_CASES: dict[str, tuple[bytes, object]] = {
    "binary.txt": (_binary(), "error"),
    "binary.jsonl": (_binary(), "error"),
    "binary.bin": (_binary(), "error"),
    "no_suffix": (b"plain text without a suffix", "error"),
    "invalid_utf8.txt": ("café latte".encode("latin-1"), "error"),
    "invalid_utf8.jsonl": (b'{"text": "caf\xe9"}', "error"),
    "empty.txt": (b"", "error"),
    "empty.jsonl": (b"", "error"),
    "blank_lines.jsonl": (b"\n\n  \n", "error"),
    "whitespace.txt": (b" \r\n\t\n ", "error"),
    "nul.txt": (b"before\x00after", "error"),
    "bom.txt": ("\ufeffHello from the BOM.".encode("utf-8"), ["Hello from the BOM."]),
    "crlf.txt": (b"Line one.\r\nLine two.\r\n\r\nLine four.\rLine five.", ["Line one.\nLine two.\n\nLine four.\nLine five."]),
    "rtl_emoji.txt": (RTL_EMOJI.encode("utf-8"), [RTL_EMOJI]),
    "rtl_emoji.jsonl": (_jsonl({"text": RTL_EMOJI}), [RTL_EMOJI]),
    "bom_crlf.jsonl": (b"\xef\xbb\xbf" + _jsonl({"text": "A.\r\nTrump spoke.", "entities": [[4, 9, "PERSON"]]}), ["A.\nTrump spoke."]),
    "bad_line_in_middle.jsonl": (_jsonl(GOOD, {"text": "Fine too."}, '{"text": "broken', {"text": "Never read."}), "error"),
    "not_object.jsonl": (_jsonl(GOOD, "[1, 2, 3]"), "error"),
    "no_text.jsonl": (_jsonl({"title": "no text"}), "error"),
    "span_outside.jsonl": (_jsonl({"text": "Short.", "entities": [[0, 99, "PERSON"]]}), "error"),
    "unknown_label.jsonl": (_jsonl({"text": "Short text.", "entities": [[0, 5, "WEAPON"]]}), "error"),
    "overlap.jsonl": (_jsonl({"text": "Donald Trump.", "entities": [[0, 12, "PERSON"], [7, 12, "PERSON"]]}), "error"),
    "deep.jsonl": (b"[" * 100_000, "error"),
    "surrogate_text.jsonl": (b'{"text": "half \\ud800 a pair"}', "error"),
    "surrogate_meta.jsonl": (b'{"text": "fine text", "meta": {"k": "\\udc80"}}', "error"),
    "jsonl_nul_escape.jsonl": (b'{"text": "a\\u0000b"}', "error"),  # refused like a raw NUL in .txt
    # issue 17: over spaCy's max_length an article stopped pre-labeling of the whole project
    "over_size_limit.txt": (b"word " * 200_000 + b"x", "error"),
    "over_size_limit.jsonl": (_jsonl({"text": "Fine."}, {"text": "w" * 1_000_001}), "error"),
    "at_size_limit.txt": (b"w" * 1_000_000, ["w" * 1_000_000]),
}

HTML_CASES: dict[str, tuple[bytes, object]] = {
    "scripts.html": (b"""<html><head><title>T</title><script>var leak = "SCRIPTLEAK"; fetch("http://example.com/x")</script>
<style>.a{background:url(http://example.com/bg.png)}</style></head>
<body><p>Kazakhstan joins the accords.</p><script>document.write("SCRIPTLEAK")</script>
<iframe src="http://example.com/frame">IFRAMELEAK</iframe><img src="http://example.com/pic.jpg" alt="ALTLEAK">
<object data="http://example.com/o.swf">OBJECTLEAK</object><p>Second paragraph.</p></body></html>""", "html"),
    "broken_nesting.html": (b"<div><p>Hello <b>bold <i>both</div></b> tail</i><p>Next<table><tr><td>cell</p></table>", "html"),
    "entities.html": (b'<!DOCTYPE x [<!ENTITY ext SYSTEM "http://example.com/e.txt">]><p>Before &ext; after.</p>', "html"),
    "xinclude.html": (b'<?xml version="1.0"?><html xmlns:xi="http://www.w3.org/2001/XInclude"><body><p>Text</p>'
                      b'<xi:include href="http://example.com/x.xml"/></body></html>', "html"),
    "empty.html": (b"<html><body><script>only()</script></body></html>", "error"),
    "binary.html": (_binary(), "any"),
    "zero.html": (b"", "error"),
}


_WORDS = [f"w{i}" for i in range(400)]

# Issue 17 point 4: pages that libxml2's default limits cut short without a word. name -> (maker, outcome);
# made on call (one is 50 MB). "all words": the 1,600 levels of text all come through.
DEEP_HTML: dict[str, tuple[Callable[[], bytes], object]] = {
    "unclosed_font_400.html": (lambda: ("<html><body>" + "".join(f"<font>{w} " for w in _WORDS) + "</body></html>").encode(),
                               [" ".join(_WORDS)]),
    "nested_text_every_level_1600.html": (lambda: ("<html><body>" + "".join(f"<div>{w}" for w in _WORDS * 4)
                                                   + "</div>" * 1600 + "</body></html>").encode(), "all words"),
    "nested_2000_spans.html": (lambda: b"<html><body>" + b"<span>" * 2000 + b"deep text" + b"</span>" * 2000
                               + b"<p>after</p></body></html>", ["deep text\nafter"]),
    "nested_100000_divs.html": (lambda: b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000
                                + b"<p>after</p></body></html>", "error"),
    "attribute_50mb.html": (lambda: b'<html><body><p title="' + b"x" * 50_000_000 + b'">visible words</p></body></html>',
                            ["visible words"]),
    "text_node_20mb.html": (lambda: b"<html><body><p>" + b"word " * 4_000_000 + b"</p><p>after</p></body></html>",
                            "error"),  # over the import size limit, refused by name
}

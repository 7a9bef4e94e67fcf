"""Hostile and broken input files, written on demand: name -> (bytes, expected outcome).

An outcome is ``"error"`` (an AnnotatorError naming the file, project unchanged) or the exact
article text(s) the import must produce.
"""
from __future__ import annotations

import json
import random

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

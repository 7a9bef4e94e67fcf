"""The lines of an article and what each line looks like on its own (prose, chrome, headline).

Hand-written: the signals are the layout of scraped news text (one block per line, chrome words,
glued tag clouds), which no library models; the patterns are plain ``re``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
# Scripts written without spaces (Chinese, Japanese): \w+ takes a whole clause for one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CHARS_PER_WORD = 2  # in those scripts, about two characters make a word
_FULL_STOP = re.compile(r"[。！？](?=[」』”’)）]*)")
_LINE = re.compile(r"[^\n]+")
LONG_LINE = 2000  # characters: a longer line is cut at sentence ends (text with no line breaks)
_CUT_AT = re.compile(r"[.!?…][\"”’')\]]*[ \t]+(?=\S)|[。！？][」』”’)）]*")
# A run of letters with no space long enough to be several words glued: a tag cloud.
_RUN_TOGETHER = re.compile(r"[^\W\d_]{20,}")
# Whole lines that are page furniture wherever they stand.
_FURNITURE = re.compile(
    r"(?:comments?|\d+ comments?|leave a (?:comment|reply)|share(?: this)?(?: article| story| on \w+)?|"
    r"similar news|related(?: news| articles?| stories| posts?| content| coverage)?|"
    r"more (?:news|stories|from \w+)|advertisement|sponsored(?: content)?|subscribe(?: now)?|"
    r"sign (?:up|in)|log ?in|newsletter|menu|search|trending(?: now)?|read more|most (?:read|popular)|"
    r"recommended(?: for you)?|follow us|tweet|email|print|skip to (?:main )?content|back to top|"
    r"(?:\w+ )?logo|you may also like|top stories|latest news|cookie settings|accept cookies|"
    r"unsubscribe|view in (?:your )?browser|manage (?:your )?(?:preferences|subscriptions?)|"
    r"previous|next|close|full ?screen|thumbnails|autoplay|skip ad|load more|show more)",
    re.I,
)
# Headings of link lists: the short lines under them are links to other stories.
LINK_LIST = re.compile(
    r"(?:(?:recommended )?related(?: \w+)?|read (?:more|also|next)|see also|more (?:on|about|from|stories|news)(?: \w+)?|"
    r"other (?:\w+ )?(?:stories|columns|articles|news)|"
    r"(?:featured|recent|latest|popular|top) (?:slide ?shows|galleries|videos|stories|posts|articles|news)|"
    r"you (?:may|might) also like|similar news|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?)",
    re.I,
)
# Words that give a short line away as chrome even with more text around them.
_CHROME_WORDS = re.compile(
    r"\b(?:logo|subscribe|unsubscribe|newsletter|sign up|sign in|log in|cookies?|advertisement|all rights reserved|"
    r"copyright|privacy policy|terms of (?:use|service)|follow us|share (?:this|on)|read more|related|"
    r"invite your friends|thanks for reading|view in browser|forwarded this email)\b|©|\(c\) \d{4}",
    re.I,
)
BYLINE = re.compile(r"^(?:by(?![ \t]+the\b)|von|par|por|posted by|written by|reporting by|edited by)\s", re.I)
CREDIT = re.compile(r"^(?:photo|image|illustration|chart|graphic|video|data|credit|source)s?(?: credit)?\s*:", re.I)
# A photo credit or a position in the picture inside a line: the line is a caption
# ("... in Queens.Credit Kirsten Luce", "(Photo AFP)", "X, left, meets Y").
_CREDITED = re.compile(
    r"[.!?\"”’)]Credit ?[A-Z]|\bCredits?: |\bAP Photo\b|/(?:AFP|Reuters|EPA|AP)\b|"
    r"(?i:\((?:photo|image|foto)\b|\b(?:photo|image|photograph|illustration)s?(?: by)?: |getty images|shutterstock)|"
    # who stands where in the picture: "Morgan Tsvangirai, right, meets ...", "(pictured)"
    r", (?:left|right|centre|center|second (?:left|right)|far (?:left|right))(?: to right)?,|"
    r"\((?:left|right|centre|center|pictured|above|below|top|bottom|L|R)\)|\bpictured\b",
)
# A line that stands for a picture, gallery or video: the line after it is its caption.
_MEDIA = re.compile(
    r"(?:image|photo|picture|caption|video|gallery|view photos|buy photo|enlarge(?: this image)?|full ?screen|"
    r"\d+ of \d+|play video|watch)",
    re.I,
)
TIMESTAMP = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b(?:updated|published|posted)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}\b",
    re.I,
)
_CONTACT = re.compile(r"@|https?:|www\.", re.I)
_SENTENCE_STOP = re.compile(r"[.!?…](?=[\"”’')]*(?:\s|$))")
# A sentence end glued to the next sentence by the scraper: "winter weather.Credit Kirsten Luce".
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")
SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")
# A wire title: capitals (a topic prefix "SOCCER - " optional), tokenized wire text ends with " ."
_CAPS_TITLE = re.compile(r"[^a-z]*[A-Z][^a-z]*")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    words: int

    @property
    def prose(self) -> bool:
        """Reads as running text: long enough and punctuated like sentences."""
        if self.words >= 25:
            return True
        if self.words < 8:
            return False
        if _FULL_STOP.search(self.text):  # a CJK sentence end
            return True
        # A sentence end: after a lowercase letter, digit or closing quote ("L.A. Auto" is not one).
        # Tokenized text (wire copy, CoNLL) puts a space before the stop: "said on Friday ."
        return any(
            m.start() and (self.text[m.start() - 1].islower() or self.text[m.start() - 1] in "0123456789)\"”’'"
                           or (self.text[m.start() - 1] == " " and m.start() > 1 and self.text[m.start() - 2].islower()))
            for m in _SENTENCE_STOP.finditer(self.text)
        ) or bool(_GLUED_STOP.search(self.text))


def make_line(text: str, start: int, end: int) -> Line:
    """The line ``text[start:end]`` without its surrounding whitespace."""
    raw = text[start:end]
    stripped = raw.strip()
    s = start + (len(raw) - len(raw.lstrip()))
    return Line(s, s + len(stripped), stripped, word_count(stripped))


def word_count(text: str) -> int:
    """Words of ``text``; in unspaced scripts, :data:`CHARS_PER_WORD` characters count as one."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + unspaced // CHARS_PER_WORD


def lines_of(text: str) -> list[Line]:
    """The non-blank lines; a line longer than :data:`LONG_LINE` is cut after sentence ends."""
    out = []
    for m in _LINE.finditer(text):
        if not m.group().strip():
            continue
        if m.end() - m.start() <= LONG_LINE:
            out.append(make_line(text, m.start(), m.end()))
            continue
        start = m.start()
        for cut in _CUT_AT.finditer(text, m.start(), m.end()):
            if cut.end() - start >= LONG_LINE // 4:
                out.append(make_line(text, start, cut.end()))
                start = cut.end()
        if text[start:m.end()].strip():
            out.append(make_line(text, start, m.end()))
    return out


def normalized(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def is_furniture(line: Line) -> bool:
    """Page chrome recognisable from the line alone."""
    text = line.text.strip(" \t|•·-–—:»«>")
    if _FURNITURE.fullmatch(text):
        return True
    if line.words == 1 and _RUN_TOGETHER.fullmatch(text) and text.islower():
        return True
    if line.words <= 12 and _CHROME_WORDS.search(text) and not line.prose:
        return True
    if line.text.count(" | ") >= 2 or line.text.count(" · ") >= 2:
        return True
    return False


def link_list_heading(line: Line) -> bool:
    """A heading over links to other stories ("Related coverage", "You may also like...")."""
    return bool(LINK_LIST.fullmatch(line.text.strip(" :»>.…")))


def headline_like(line: Line) -> bool:
    """A line that could be a headline: a few words, not a sentence, byline or dateline."""
    if not 2 <= line.words <= 30 or BYLINE.match(line.text) or TIMESTAMP.search(line.text) or _CONTACT.search(line.text):
        return False
    return not SENTENCE_END.search(line.text) or line.text.endswith("?") or wire_title(line)


def wire_title(line: Line) -> bool:
    """A wire title line: tokenized text ending in `` .`` (``Yeltsin endorses plan - agency .``)
    or all capitals (``SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .``)."""
    if not 2 <= line.words <= 30:
        return False
    return (line.text.endswith(" .") and not line.prose) or (bool(_CAPS_TITLE.fullmatch(line.text)) and line.words >= 3)


def is_caption(line: Line, before: Line | None) -> bool:
    """A picture's caption: it carries a photo credit, or follows a line standing for a picture."""
    return bool(_CREDITED.search(line.text)) or (before is not None and bool(_MEDIA.fullmatch(before.text.strip(" :»>"))))

"""A seeded generator of news-like articles for the benchmarks: never committed, made on demand.

Each article is ~3.5 KB: a headline, a lede, body paragraphs (some opened by a marker phrase such
as "Why it matters:") and a boilerplate footer, each a section (~8 per article), with ~40 entities
on whole tokens. Sentences come from a seeded pool with their entity offsets precomputed, so
100,000 articles take seconds to make; a numbered dateline keeps every text (and id) distinct.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator

from annotator.model import Article, Document, Span, Status, article_id

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "DATE", "MONEY", "CARDINAL", "NORP")

FIRST = ("Maria", "James", "Olena", "Kenji", "Amara", "Lars", "Priya", "Diego", "Fatima", "Tomas", "Grace", "Omar",
         "Ingrid", "Wei", "Kwame", "Sofia", "Hiroshi", "Leila", "Pavel", "Nadia")
LAST = ("Okafor", "Lindqvist", "Tanaka", "Alvarez", "Kowalski", "Haddad", "Brennan", "Nakamura", "Petrov", "Mensah",
        "Castillo", "Schmidt", "Rahman", "Dubois", "Moreau", "Kaplan", "Santos", "Fischer", "Ivanova", "Osei")
ORGS = ("European Commission", "Reuters", "World Bank", "Microsoft", "Federal Reserve", "Toyota", "United Nations",
        "Siemens", "Senate Finance Committee", "Axios", "Amnesty International", "Pfizer", "Airbus", "Samsung",
        "International Monetary Fund", "Bank of England", "NATO", "Greenpeace")
PLACES = ("Kazakhstan", "Brazil", "Germany", "Nairobi", "Texas", "Ukraine", "Tokyo", "Ottawa", "Lagos", "Chile",
          "Norway", "Jakarta", "Madrid", "Egypt", "Vietnam", "Ohio", "Peru", "Seoul")
NORPS = ("German", "Brazilian", "Kenyan", "Japanese", "Canadian", "Chilean", "Egyptian", "Norwegian")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

SENTENCES = (
    "{PERSON} said on {DATE} that {ORG} would review the plan before the end of the year.",
    "Officials in {GPE} expect the deal to add {MONEY} to the budget, according to {ORG}.",
    "The proposal drew criticism from {NORP} lawmakers, who called it rushed and poorly explained.",
    "{PERSON}, a spokesperson for {ORG}, declined to comment on the talks in {GPE}.",
    "About {CARDINAL} people attended the meeting, which ran late into the evening.",
    "Analysts at {ORG} warned that prices could keep rising through {DATE}.",
    "{PERSON} and {PERSON} met in {GPE} to discuss trade, energy and security.",
    "The agency has not said how many workers would be affected by the change.",
    "Shares of {ORG} fell sharply after the announcement, wiping out {MONEY} in value.",
    "Residents of {GPE} have waited years for the new rail line to open.",
    "{ORG} said it would hire {CARDINAL} engineers in {GPE} over the next two years.",
    "Critics argue the measure does little for families already struggling with rent.",
    "The report, published on {DATE}, found that emissions in {GPE} had fallen again.",
    "{PERSON} told reporters that the government was ready to negotiate with {ORG}.",
    "Negotiators from {GPE} and {GPE} are expected to meet again next month.",
    "The company reported revenue of {MONEY}, slightly above what investors had expected.",
    "A {NORP} court ruled on {DATE} that the contract had been awarded unlawfully.",
    "Nobody was injured, police said, but several roads were closed for hours.",
    "The decision follows months of pressure from business groups, unions and local councils, which have argued "
    "that the current rules are confusing and expensive to follow.",
    "It is not yet clear whether the new system will be ready in time, and several officials privately expressed "
    "doubts about the schedule.",
    "Supporters say the changes will make it easier for small firms to compete, while opponents fear they will "
    "weaken protections that took decades to build.",
    "The figures are preliminary and could be revised once the final data for the quarter are published.",
    "Asked about the timing, the minister said only that the government would not be rushed into a bad agreement.",
)
HEADLINES = (
    "{ORG} to cut {CARDINAL} jobs as demand slows in {GPE}",
    "{PERSON} wins backing for budget plan after long night of talks",
    "{GPE} and {GPE} agree on new rules for cross-border trade",
    "Inside the fight over {ORG}'s plan to expand in {GPE}",
)
MARKERS = ("Why it matters: ", "The big picture: ", "Driving the news: ", "What to watch: ", "Zoom in: ",
           "By the numbers: ", "Yes, but: ", "The bottom line: ")
MARKER_SECTIONS = ("why_it_matters", "big_picture", "driving_the_news", "what_to_watch", "zoom_in",
                   "by_the_numbers", "yes_but", "bottom_line")
BOILERPLATE = ("Sign up for our morning newsletter to get the day's top stories. Copyright 2026. All rights reserved. "
               "Reporting by the news desk; editing by the weekend team.")
POOL = 4000


@dataclass(frozen=True, slots=True)
class Piece:
    """A sentence with its entities as (start, end, label) offsets into it."""

    text: str
    entities: tuple[tuple[int, int, str], ...]


def _value(rng: random.Random, label: str) -> str:
    if label == "PERSON":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if label == "ORG":
        return rng.choice(ORGS)
    if label == "GPE":
        return rng.choice(PLACES)
    if label == "NORP":
        return rng.choice(NORPS)
    if label == "DATE":
        return rng.choice(DAYS) if rng.random() < 0.4 else f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    if label == "MONEY":
        return f"${rng.randint(2, 98)}.{rng.randint(1, 9)} billion"
    return f"{rng.randint(2, 40) * 50:,}"


def fill(template: str, rng: random.Random, **fixed: str) -> Piece:
    """The template with each ``{LABEL}`` slot replaced by a random name, and its entity offsets."""
    out: list[str] = []
    ents: list[tuple[int, int, str]] = []
    pos = 0
    rest = template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        label, _, rest = tail.partition("}")
        out.append(head)
        pos += len(head)
        value = fixed.get(label) or _value(rng, label)
        out.append(value)
        ents.append((pos, pos + len(value), label))
        pos += len(value)
    out.append(rest)
    return Piece("".join(out), tuple(ents))


class Corpus:
    """Seeded articles: ``Corpus(seed).documents(n)`` yields the same ``n`` documents every time."""

    def __init__(self, seed: int = 0) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.pool = [fill(rng.choice(SENTENCES), rng) for _ in range(POOL)]

    def documents(self, n: int, *, annotated: bool = True, start: int = 0) -> Iterator[Document]:
        for i in range(start, start + n):
            yield self.document(i, annotated=annotated)

    def document(self, i: int, *, annotated: bool = True) -> Document:
        rng = random.Random(self.seed * 1_000_003 + i)
        paragraphs: list[tuple[str, list[Piece]]] = []
        paragraphs.append(("headline", [fill(rng.choice(HEADLINES), rng)]))
        dateline = fill("{GPE}, {DATE} (Story " + f"{i + 1:,}" + ") — ", rng)
        paragraphs.append(("lede", [dateline, *rng.sample(self.pool, 3)]))
        markers = rng.sample(range(len(MARKERS)), 2)
        for k in range(5):
            sentences = rng.sample(self.pool, rng.randint(5, 7))
            if k in (1, 3):
                m = markers[k // 2]
                paragraphs.append((MARKER_SECTIONS[m], [Piece(MARKERS[m], ()), *sentences]))
            else:
                paragraphs.append(("body", sentences))
        paragraphs.append(("boilerplate", [Piece(BOILERPLATE, ())]))
        text_parts: list[str] = []
        entities: list[Span] = []
        sections: list[Span] = []
        pos = 0
        for p, (label, pieces) in enumerate(paragraphs):
            if p:
                text_parts.append("\n\n")
                pos += 2
            begin = pos
            for j, piece in enumerate(pieces):
                if j and not pieces[j - 1].text.endswith(" "):
                    text_parts.append(" ")
                    pos += 1
                entities.extend(Span(pos + s, pos + e, lab) for s, e, lab in piece.entities)
                text_parts.append(piece.text)
                pos += len(piece.text)
            sections.append(Span(begin, pos, label))
        text = "".join(text_parts)
        article = Article(article_id(text), text, title=paragraphs[0][1][0].text, url=f"https://news.example/{i}",
                          meta={"source": "benchmark", "n": i})
        if not annotated:
            return Document(article)
        status = (Status.DONE, Status.IN_PROGRESS, Status.NEW)[i % 3]
        return Document(article, entities=entities, sections=sections, status=status, annotator="bench")

"""Projects of small hand-made articles whose sections an annotator corrected (a promotion line
the rules keep as story, fixed to boilerplate), with the town marked as a LOC entity."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from annotator.io.importing import import_documents
from annotator.model import Article, Document, Span, Status, article_id
from annotator.nlp.learning.section_training import rules_tagger
from annotator.nlp.sections.lines import lines_of
from annotator.schema import Schema
from annotator.store.project import Project

TOWNS = ["Avon", "Brill", "Carden", "Dunmore", "Elsby", "Farrow", "Glenby", "Harlow", "Ivel", "Jarrow", "Kelso", "Lydd",
         "Marden", "Newby", "Otley", "Penrith", "Quorn", "Rydal", "Selby", "Thirsk", "Ulverston", "Ventnor", "Wigton", "Yarm"]
PROMO = "Get Cycle Weekly delivered through your letterbox every month, twelve issues for just {} pounds."


def article(town: str, i: int) -> str:
    return "\n".join([
        f"{town} opens new cycle lane",
        f"The town of {town} opened a new cycle lane on Monday, linking the station with the high street.",
        f"Council officers in {town} said the lane had cost less than planned and was finished early.",
        f"Why it matters: Cyclists in {town} had asked for a safe route for years, officials said.",
        PROMO.format(f"{10 + i}.99"),
        f"Local shops in {town} said they hoped the lane would bring more customers into the centre.",
    ])


def relabel_lines(text: str, spans: Iterable[tuple[int, int, str]], fix: Callable[[int, str, str], str],
                  ) -> list[tuple[int, int, str]]:
    """``spans`` cut line by line, each line labeled ``fix(start, line text, label)``: an annotator's
    type fixes of the sections some tagger gave."""
    return [(s + line.start, s + line.end, fix(s + line.start, line.text, label))
            for s, e, label in spans for line in lines_of(text[s:e])]


def corrected(text: str, schema: Schema, fix: bool = True) -> list[Span]:
    """The rules' sections, line by line, with the promotion line fixed to boilerplate (``fix``)."""
    start = text.index("Get Cycle Weekly") if fix else -1
    spans = relabel_lines(text, rules_tagger(schema).char_spans(text), lambda a, _t, label: "boilerplate" if a == start else label)
    return [Span(a, b, label) for a, b, label in spans]


def section_project(path: Path, towns: int = len(TOWNS), fix: bool = True) -> Project:
    """``towns`` done articles with corrected sections (the rules' own unless ``fix``) and their
    towns as LOC entities."""
    schema = Schema.default(["PER", "LOC", "ORG"])
    docs = []
    for i, town in enumerate(TOWNS[:towns]):
        text = article(town, i)
        ents = [Span(k, k + len(town), "LOC") for k in _all(text, town)]
        docs.append(Document(Article(article_id(text), text), entities=ents, sections=corrected(text, schema, fix), status=Status.DONE))
    project = Project.create(path, schema)
    import_documents(project, docs)
    return project


def _all(text: str, word: str) -> list[int]:
    out, k = [], text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out

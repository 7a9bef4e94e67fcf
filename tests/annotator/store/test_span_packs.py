"""Span packs: an export packs each article's spans; any change to the spans drops the pack; batches
read from packs, from the spans table, or from both hold the same spans in the same order."""
import sqlite3

import numpy as np
import pytest

from annotator.editing.commands import AddSpan, Editor, RelabelSpan, RemoveSpan
from annotator.io.importing import import_documents
from annotator.model import ENTITIES, SECTIONS, Article, Document, Span
from annotator.store.project import Project

TEXT = "Trump met Netanyahu in Jerusalem on Thursday.\n\nWhy it matters: Ünïcode labels too. The end."


def documents(n: int) -> list[Document]:
    docs = []
    for k in range(n):
        doc = Document(Article(f"a{k}", TEXT + f" Article {k}."))
        if k % 4 != 3:  # every fourth article has no spans at all
            doc.entities.extend([Span(0, 5, "PERSON"), Span(10, 19, "PERSON" if k % 2 else "ORG"), Span(23, 32, "GPE")])
            doc.sections.extend([Span(0, 45, "headline"), Span(47, len(TEXT), "body")])
        if k % 5 == 0:
            doc.entities.append(Span(36, 44, "ÉVÉNEMENT"))  # a label past ASCII
        docs.append(doc)
    return docs


@pytest.fixture
def schema():
    from annotator.schema import Schema

    return Schema.default(["PERSON", "ORG", "GPE", "DATE", "ÉVÉNEMENT"])


@pytest.fixture
def filled(project):
    import_documents(project, documents(23))
    return project


def spans_of(project: Project, batch: int = 5) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """Every article's spans as the batches give them (asserting their order)."""
    out = []
    for b in project.documents(batch=batch).batches():
        layers = ((ENTITIES, b.entities), (SECTIONS, b.sections))
        assert all((np.diff(columns.doc) >= 0).all() for _, columns in layers)
        for d, aid in enumerate(b.ids):
            for layer, columns in layers:
                labels = columns.label.to_pylist()
                at = np.flatnonzero(columns.doc == d).tolist()
                out.append((aid, layer, [(int(columns.start[i]), int(columns.end[i]), labels[i]) for i in at]))
    return out


def stored(project: Project) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """The same, from Document objects (one SQL read of the spans table per batch)."""
    return [(doc.article.id, layer, [(s.start, s.end, s.label) for s in sorted(doc.spans(layer))])
            for doc in project.documents() for layer in (ENTITIES, SECTIONS)]


def packed(project: Project) -> set[int]:
    return {seq for (seq,) in project.conn.execute("SELECT seq FROM span_packs")}


def test_reading_batches_packs_every_article_and_packs_read_back_the_same(filled):
    assert packed(filled) == set()
    first = spans_of(filled)
    assert packed(filled) == {filled.seq(f"a{k}") for k in range(23)}
    assert first == spans_of(filled) == stored(filled)
    assert ("a5", ENTITIES, [(0, 5, "PERSON"), (10, 19, "PERSON"), (23, 32, "GPE"), (36, 44, "ÉVÉNEMENT")]) in first
    assert ("a3", ENTITIES, []) in first and ("a3", SECTIONS, []) in first


def test_every_kind_of_edit_drops_the_pack_of_its_article_only(filled):
    spans_of(filled)
    editor = Editor(filled)
    everyone = packed(filled)
    change = editor.execute(AddSpan("a7", ENTITIES, 36, 44, "DATE"))
    assert change is not None and packed(filled) == everyone - {filled.seq("a7")}
    spans_of(filled)
    span_id = next(s.id for s in filled.spans("a8", ENTITIES) if s.start == 0)
    editor.execute(RelabelSpan("a8", ENTITIES, span_id, "ORG"))
    assert packed(filled) == everyone - {filled.seq("a8")}
    spans_of(filled)
    editor.execute(RemoveSpan("a9", ENTITIES, filled.spans("a9", ENTITIES)[0].id))
    assert packed(filled) == everyone - {filled.seq("a9")}
    spans_of(filled)
    editor.undo()
    assert packed(filled) == everyone - {filled.seq("a9")}
    assert spans_of(filled) == stored(filled)
    assert ("a7", ENTITIES, [(36, 44, "DATE")]) in spans_of(filled)  # its pack was empty before


def test_a_batch_of_packed_and_unpacked_articles_keeps_the_article_order(filled):
    spans_of(filled)
    with filled.transaction() as conn:  # raw SQL too: the triggers see every write
        conn.execute("DELETE FROM spans WHERE article = ? AND start = 0", (filled.seq("a1"),))
        conn.execute("UPDATE spans SET label = 'DATE' WHERE article = ? AND start = 23", (filled.seq("a2"),))
    assert packed(filled) == {filled.seq(f"a{k}") for k in range(23)} - {filled.seq("a1"), filled.seq("a2")}
    mixed = [b for b in filled.documents(batch=5).batches()]
    assert packed(filled) == {filled.seq(f"a{k}") for k in range(23)}
    assert len(mixed[0]) == 5
    assert spans_of(filled) == stored(filled)
    assert ("a1", ENTITIES, [(10, 19, "PERSON"), (23, 32, "GPE")]) in stored(filled)
    assert ("a2", ENTITIES, [(0, 5, "PERSON"), (10, 19, "ORG"), (23, 32, "DATE")]) in spans_of(filled)


def test_a_read_only_project_reads_without_packing(filled):
    path = filled.path
    filled.close()
    with Project.open(path, read_only=True) as reader:
        assert spans_of(reader) == stored(reader)
        assert packed(reader) == set()


def test_an_export_stopped_early_packs_only_what_it_read(filled):
    batches = filled.documents(batch=5).batches()
    next(batches)
    next(batches)  # the first batch is packed once the second is asked for
    batches.close()
    assert packed(filled) == {filled.seq(f"a{k}") for k in range(5)}


def test_a_pack_that_cannot_be_written_does_not_stop_the_reading(filled, monkeypatch):
    from annotator.store.batches import span_packs

    calls = []

    def full(*args: object) -> None:
        calls.append(args)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(span_packs, "fill", full)
    assert spans_of(filled) == stored(filled)
    assert len(calls) == 1 and packed(filled) == set()  # tried once, then read on without packing

from __future__ import annotations

from annotator.editing.alignment import fix, misaligned
from annotator.editing.commands import Editor
from annotator.io.importing import import_documents
from annotator.model import ENTITIES, SECTIONS, Article, Document, Span, article_id

TEXT = "Kazakhstan President Tokayev met Trump.\nAxios reports."


def _project_with(project, entities, sections=()):
    doc = Document(Article(article_id(TEXT), TEXT), entities=[Span(*e) for e in entities],
                   sections=[Span(*s) for s in sections])
    import_documents(project, [doc])
    return doc.article.id


def _spans(project, aid, layer=ENTITIES):
    return [(TEXT[s.start:s.end], s.label) for s in project.spans(aid, layer)]


def test_alignment_lists_misaligned_spans_with_their_snap(project):
    aid = _project_with(project, [(0, 5, "GPE"), (11, 21, "PERSON"), (21, 28, "PERSON"), (33, 38, "PERSON")],
                        [(0, 41, "lede"), (41, 54, "body")])
    items = misaligned(project, Editor(project))
    got = {(TEXT[m.start:m.end], m.layer): m.snapped and TEXT[m.snapped[0]:m.snapped[1]] for m in items}
    assert got == {("Kazak", ENTITIES): "Kazakhstan", ("President ", ENTITIES): "President",
                   ("Kazakhstan President Tokayev met Trump.\nA", SECTIONS): "Kazakhstan President Tokayev met Trump.\nAxios",
                   ("xios reports.", SECTIONS): "Axios reports."}
    assert all(m.article_id == aid for m in items)
    assert "snaps to [0, 10) 'Kazakhstan'" in next(m for m in items if m.start == 0 and m.layer == ENTITIES).describe(TEXT)


def test_alignment_fix_resizes_removes_and_each_edit_undoes(project):
    aid = _project_with(project, [(0, 5, "GPE"), (10, 11, "PERSON"), (21, 28, "PERSON")])
    editor = Editor(project)
    items = misaligned(project, editor)
    assert len(items) == 2  # the whitespace-only span has no snap
    report = fix(project, editor, items)
    assert [TEXT[m.start:m.end] for m in report.resized] == ["Kazak"]
    assert [TEXT[m.start:m.end] for m in report.removed] == [" "]
    assert _spans(project, aid) == [("Kazakhstan", "GPE"), ("Tokayev", "PERSON")]
    assert misaligned(project, editor) == []
    editor.undo()
    assert _spans(project, aid) == [("Kazakhstan", "GPE"), (" ", "PERSON"), ("Tokayev", "PERSON")]
    editor.undo()
    assert _spans(project, aid) == [("Kazak", "GPE"), (" ", "PERSON"), ("Tokayev", "PERSON")]


def test_alignment_fix_skips_a_snap_that_would_overlap(project):
    aid = _project_with(project, [(21, 26, "PERSON"), (26, 28, "PERSON")])  # "Tokay" + "ev"
    editor = Editor(project)
    items = misaligned(project, editor)
    report = fix(project, editor, items)
    assert report.resized == [] and len(report.skipped) == 2  # both halves snap onto "Tokayev"
    assert all("would overlap PERSON" in reason for _, reason in report.skipped)
    assert _spans(project, aid) == [("Tokay", "PERSON"), ("ev", "PERSON")]
    assert editor.undo_text() is None

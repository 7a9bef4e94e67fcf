"""Open-and-paint time of the article view against a bare QPlainTextEdit on the same text.

``python benchmarks/bench_view.py [--tokens 20000] [--spans 2000] [--reps 7]``

Builds a project with one article of about ``--tokens`` tokens (the seed article repeated) and
``--spans`` entity spans plus sections, then, in one run, times for each widget: set the text
(and, for the view, read and index the spans) and paint the window once (``grab``). Also times
one edit (add a span through the editor, view updates and repaints) and scrolling page by page.
Prints medians over the repetitions and the ratio view / bare.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_article(tokens: int, spans: int):  # type: ignore[no-untyped-def]
    from annotator.model import Span
    from annotator.nlp.tokenizer import blank_pipeline

    seed = (ROOT / "seeds" / "000_dee6aa68779bce6e.txt").read_text(encoding="utf-8")
    nlp = blank_pipeline()
    per_copy = len(nlp.make_doc(seed))
    text = "\n".join([seed.strip()] * (tokens // per_copy + 1))
    doc = nlp.make_doc(text)
    words = [t for t in doc if t.is_alpha and t.text[0].isupper()][: spans * 4]
    step = max(1, len(words) // spans)
    entities = [Span(t.idx, t.idx + len(t), "ORG") for t in words[::step][:spans]]
    paragraphs, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            paragraphs.append(Span(pos, pos + len(part), "body"))
        pos += len(part) + 1
    return text, len(doc), entities, paragraphs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tokens", type=int, default=20000)
    parser.add_argument("--spans", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from annotator.editing.commands import AddSpan, Editor
    from annotator.io.importing import import_documents
    from annotator.model import ENTITIES, SECTIONS, Article, Document, article_id
    from annotator.schema import Schema
    from annotator.store.project import Project
    from ui.app.view.article_view import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    text, n_tokens, entities, sections = build_article(args.tokens, args.spans)
    folder = tempfile.mkdtemp()
    project = Project.create(Path(folder) / "bench.annotator", Schema.default(["PERSON", "ORG", "GPE"]))
    aid = article_id(text)
    import_documents(project, [Document(Article(aid, text), entities=entities, sections=sections)])
    editor = Editor(project)
    editor.bounds(aid)

    def scroll_pages(w: QPlainTextEdit) -> float:
        """Median time to scroll one page and paint it, over the whole article."""
        bar = w.verticalScrollBar()
        times = []
        while bar.value() < bar.maximum() and len(times) < 400:
            t = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            w.viewport().repaint()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    def bare() -> tuple[float, float]:
        w = QPlainTextEdit()
        w.setReadOnly(True)
        w.setFont(ArticleView(project.schema).font())  # the same reading size as the view
        w.resize(1000, 800)
        w.show()
        app.processEvents()
        t = time.perf_counter()
        w.setPlainText(text)
        w.grab()
        opened = time.perf_counter() - t
        scrolled = scroll_pages(w)
        w.close()
        w.deleteLater()
        return opened, scrolled

    def view() -> dict[str, float]:
        w = ArticleView(project.schema)
        w.resize(1000, 800)
        w.show()
        app.processEvents()
        out: dict[str, float] = {}
        t0 = time.perf_counter()
        ents, secs = project.spans(aid, ENTITIES), project.spans(aid, SECTIONS)
        t1 = time.perf_counter()
        w.show_article(aid, text, ents, secs)
        w.grab()
        t2 = time.perf_counter()
        out["open"], out["read"] = t2 - t0, t1 - t0
        # one edit: replace a span, let the view re-read the layer and repaint
        free = text.index("Comments")
        t = time.perf_counter()
        change = editor.execute(AddSpan(aid, ENTITIES, free, free + len("Comments"), "PERSON", replace=True))
        t_core = time.perf_counter()
        w.set_layer(ENTITIES, project.spans(aid, ENTITIES))
        w.viewport().repaint()
        out["edit"], out["edit_core"] = time.perf_counter() - t, t_core - t
        if change:
            editor.undo()
        out["scroll"] = scroll_pages(w)
        w.close()
        w.deleteLater()
        return out

    def key_presses(n: int = 40) -> list[float]:
        """An entity key pressed on a selected word mid-article, in the main window, until the
        view has repainted: the shortcut, the gesture, the committed edit, the re-read, the paint."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from ui.app.main_window import MainWindow

        os.environ["ANNOTATOR_CONFIG_DIR"] = folder  # keep the recent list out of the user's
        win = MainWindow(project, editor)
        win.resize(1400, 900)
        win.show()
        win.activateWindow()
        app.processEvents()
        win.open_article(aid, scroll=len(text) // 2)
        win.view.setFocus()
        app.processEvents()
        lines = win.view.line_cache.lines()
        a, b = win.view.offsets.to_cp(lines[0].start), win.view.offsets.to_cp(lines[-1].end)
        taken = [(s.start, s.end) for s in project.spans(aid, ENTITIES) if s.start < b and a < s.end]
        words = [(m.start(), m.end()) for m in re.finditer(r"[a-z]{4,}", text[a:b])]
        free = [(a + s, a + e) for s, e in words if not any(x < a + e and a + s < y for x, y in taken)]
        times: list[float] = []
        for start, end in free[:n]:
            win.view.set_selection(start, end)
            before = len(win.view.entities)
            t = time.perf_counter()
            QTest.keyClick(win.view, Qt.Key.Key_2)
            win.view.viewport().repaint()
            times.append(time.perf_counter() - t)
            if len(win.view.entities) != before + 1:
                raise SystemExit(f"the key press did not add a span: {win.statusBar().currentMessage()}")
            editor.undo()
            app.processEvents()
        win.close()
        return times

    bare(), view()  # warm up fonts and caches
    bares: list[tuple[float, float]] = []
    views: list[dict[str, float]] = []
    for _ in range(args.reps):
        bares.append(bare())
        views.append(view())
        app.processEvents()

    def med(values: list[float]) -> float:
        return statistics.median(values) * 1000

    b_open, b_scroll = med([o for o, _ in bares]), med([s for _, s in bares])
    v = {k: med([r[k] for r in views]) for k in views[0]}
    print(f"article: {n_tokens} tokens, {len(text)} characters, {len(entities)} entity spans, {len(sections)} sections; "
          f"medians over {args.reps} runs")
    print(f"open + first paint: bare QPlainTextEdit {b_open:.1f} ms, ArticleView {v['open']:.1f} ms "
          f"(of which reading the spans from the project {v['read']:.1f} ms): ratio {v['open'] / b_open:.2f}x")
    print(f"scroll one page + paint: bare {b_scroll:.2f} ms, ArticleView {v['scroll']:.2f} ms: ratio {v['scroll'] / b_scroll:.2f}x")
    print(f"one edit (replace a span, re-read the layer, repaint): {v['edit']:.1f} ms, of which the core command {v['edit_core']:.1f} ms")
    presses = key_presses()
    p95 = statistics.quantiles(presses, n=20)[18] * 1000
    print(f"key press to repaint (entity key on a selected word mid-article, main window): median {med(presses):.1f} ms, "
          f"p95 {p95:.1f} ms over {len(presses)} presses")
    project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

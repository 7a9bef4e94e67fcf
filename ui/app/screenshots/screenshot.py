"""Save PNGs of the main window: ``python -m ui.app.screenshots.screenshot [PROJECT] [--out DIR]``.

Without PROJECT it uses the demo project (built from ``seeds/`` on first use). The long article
is the demo article repeated with its spans (about 20,000 words), in a project under the output
folder's temporary sibling.

Runs under whatever display there is (Xvfb in ``make screenshot``; the offscreen platform works
too). Shots, at 1280x720 (the screen issue 18 was judged on):

- ``main-window``, ``main-window-dark``: as opened, light and dark (with the find bar's placeholder);
- ``long-article-mid-scroll``: the long article scrolled to its middle;
- ``demo-mid-section``: scrolled into a section (the sticky section name);
- ``tags-column`` / ``tags-above`` / ``tags-hover``: the three label-tag layouts compared;
- ``label-bar-all``: the full label set with section types unfolded;
- ``find``: the find bar with its match count and every match highlighted;
- ``sections-list``: the span panel's sections tab; ``cheat-sheet``: Help › Keyboard Shortcuts.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

from ui.app.theme import dark_palette


def long_article(demo: Path, target: Path, copies: int = 36) -> Path:
    """The demo's first article repeated ``copies`` times with its entities and sections."""
    from annotator.io.importing import import_documents
    from annotator.model import ENTITIES, SECTIONS, Article, Document, Span, article_id
    from annotator.store.project import Project

    if target.exists():
        return target
    with Project.open(demo, read_only=True) as src:
        aid = src.ids()[0]
        text = src.article(aid).text
        ents, secs = src.spans(aid, ENTITIES), src.spans(aid, SECTIONS)
        schema = src.schema
    step = len(text) + 1
    long_text = "\n".join([text] * copies)
    entities = [Span(s.start + i * step, s.end + i * step, s.label) for i in range(copies) for s in ents]
    sections = [Span(s.start + i * step, s.end + i * step, s.label) for i in range(copies) for s in secs]
    with Project.create(target, schema) as project:
        doc = Document(Article(article_id(long_text), long_text, title="The demo article, 36 times"), entities=entities, sections=sections)
        import_documents(project, [doc])
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, nargs="?", help="project file (default: the demo project)")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(argv)

    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from ui.app.main_window import MainWindow
    from ui.app.settings import settings_file

    os.environ.setdefault("ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp())  # shots use the default preferences
    if args.project is None:
        from ui.demo import ensure_demo

        args.project = ensure_demo()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    args.out.mkdir(parents=True, exist_ok=True)
    long_path = long_article(args.project, Path(tempfile.mkdtemp()) / "long.annotator")
    w, h = (int(v) for v in args.size.split("x"))
    saved: list[Path] = []

    def shoot(path: Path, name: str, setup: Callable[[MainWindow], object] = lambda _: None) -> None:
        settings_file().unlink(missing_ok=True)  # each shot starts from the default preferences
        with Project.open(path, read_only=True) as project:
            window = MainWindow(project)
            window.resize(w, h)
            window.show()
            for _ in range(3):
                app.processEvents()
            grab = setup(window) or window
            for _ in range(5):
                app.processEvents()
            out = args.out / f"{name}.png"
            grab.grab().save(str(out))  # type: ignore[union-attr]
            saved.append(out)
            window.close()

    def mid(window: MainWindow) -> None:
        window.view.set_scroll_value(len(window.view.toPlainText()) // 2)

    def into_section(window: MainWindow) -> None:
        text = window.view.toPlainText()
        window.view.set_scroll_value(text.index("The big picture") + 200 if "The big picture" in text else len(text) // 3)

    def tags(layout: str) -> Callable[[MainWindow], None]:
        def setup(window: MainWindow) -> None:
            window.actions_by_name[f"tags:{layout}"].trigger()
            if layout == "hover" and window.view.entities:
                window.view.select_span(list(window.view.entities)[4].span_id, scroll=False)
        return setup

    def all_labels(window: MainWindow) -> None:
        window.actions_by_name["show_all_labels"].trigger()
        window.actions_by_name["sections_bar"].trigger()

    def find(window: MainWindow) -> None:
        window.show_find()
        window.find_bar.field.setText("Israel")
        window.find_bar.find()

    def sections(window: MainWindow) -> None:
        window.span_panel.tabs.setCurrentIndex(1)

    def cheat_sheet(window: MainWindow):  # type: ignore[no-untyped-def]
        from ui.app.menus.cheat_sheet import CheatSheet

        sheet = CheatSheet(window)
        sheet.show()
        return sheet

    def run() -> None:
        shoot(args.project, "main-window")
        shoot(long_path, "long-article-mid-scroll", mid)
        shoot(args.project, "demo-mid-section", into_section)
        for layout in ("column", "above", "hover"):
            shoot(args.project, f"tags-{layout}", tags(layout))
        shoot(args.project, "label-bar-all", all_labels)
        shoot(args.project, "find", find)
        shoot(args.project, "sections-list", sections)
        shoot(args.project, "cheat-sheet", cheat_sheet)
        app.setPalette(dark_palette())  # as View › Theme › Dark does
        shoot(args.project, "main-window-dark", lambda window: window.show_find())
        shoot(long_path, "long-article-mid-scroll-dark", mid)
        app.quit()

    QTimer.singleShot(200, run)
    app.exec()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

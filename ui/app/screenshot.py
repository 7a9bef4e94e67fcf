"""Save PNGs of the main window: ``python -m ui.app.screenshot [PROJECT] [--out DIR]``.

Without PROJECT it uses the demo project (built from ``seeds/`` on first use).

Runs under whatever display there is (Xvfb in ``make screenshot``; the offscreen platform works
too). Shots: the window as opened, a span selected, and the window in a dark palette.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.app.theme import dark_palette


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path, nargs="?", help="project file (default: the demo project)")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1500x950")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.model import ENTITIES
    from annotator.store.project import Project
    from ui.app.main_window import MainWindow

    if args.project is None:
        from ui.demo import ensure_demo

        args.project = ensure_demo()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    args.out.mkdir(parents=True, exist_ok=True)
    project = Project.open(args.project, read_only=True)
    w, h = (int(v) for v in args.size.split("x"))
    saved: list[Path] = []

    def open_window() -> MainWindow:
        window = MainWindow(project)
        window.resize(w, h)
        window.show()
        return window

    def shoot(window: MainWindow, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    def run() -> None:
        window = open_window()
        shoot(window, "main-window")
        if window.article_id:
            spans = project.spans(window.article_id, ENTITIES)
            if spans:
                window.view.select_span(spans[min(3, len(spans) - 1)].id)
                shoot(window, "span-selected")
        window.close()
        app.setPalette(dark_palette())  # as when the system is in dark mode at start
        window = open_window()
        shoot(window, "main-window-dark")
        window.close()
        app.quit()

    QTimer.singleShot(200, run)
    app.exec()
    project.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Save a PNG of review mode: ``python -m ui.app.screenshots.review_screenshot PROJECT [--out DIR]``.

Opens the project's review window on its most disagreeing article and grabs it (run under Xvfb
as ``xvfb-run -a python -m ui.app.screenshots.review_screenshot ...``; the offscreen platform works too).
Opening review starts the adjudication of that article: an undoable edit of PROJECT.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1400x820")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.team.agreement import agreement
    from ui.app.main_window import MainWindow
    from ui.app.team.review import ReviewWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    with Project.open(args.project) as project:
        worst = agreement(project)["most_disagreement"]
        window = MainWindow(project)
        review = ReviewWindow(window)
        for item in worst:  # the most disagreeing article where both sides have spans at a disagreement
            review.open_article(review.ids.index(item["id"]))
            both = [i for i, d in enumerate(review.items) if d.a and d.b]
            if both:
                review.d_index = both[0]
                review.render()
                break
        w, h = (int(v) for v in args.size.split("x"))
        review.resize(w, h)
        review.show()
        for _ in range(5):
            app.processEvents()
        args.out.mkdir(parents=True, exist_ok=True)
        out = args.out / "review.png"
        review.grab().save(str(out))
        review.close()
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

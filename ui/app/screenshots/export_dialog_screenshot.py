"""Save PNGs of the export's "Replace anyway?" question and the skipped-articles dialog.

``python -m ui.app.screenshots.export_dialog_screenshot [--out DIR]`` (under Xvfb:
``xvfb-run -a -s "-screen 0 1280x720x24" python -m ...``). Works on a copy of the demo project:
exports the demo into a file of someone else's notes (the question is grabbed, then answered No,
so the notes stay), then adds seven longer copies of the demo article and pre-labels with a
pipeline whose ``max_length`` only the demo article fits (the dialog is grabbed, then closed).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)

    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    import exports.all_formats  # noqa: F401
    from annotator.store.project import Project
    from ui.app import project_ops
    from ui.app.main_window import MainWindow
    from ui.demo import ensure_demo

    os.environ.setdefault("ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    shutil.copy(ensure_demo(), work / "demo.annotator")
    project = Project.open(work / "demo.annotator")
    window = MainWindow(project)
    window.resize(1280, 720)
    window.show()
    saved: list[Path] = []

    def when_asked(name: str, then: Callable[[QMessageBox], None]) -> None:
        """Grab the screen once a message box is up, then answer it."""
        def check() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, check)
                return
            for _ in range(5):
                app.processEvents()
            shot = box.screen().grabWindow(0) if app.platformName() == "xcb" else box.grab()
            out = args.out / f"{name}.png"
            shot.save(str(out))
            saved.append(out)
            then(box)
        QTimer.singleShot(50, check)

    notes = work / "notes.jsonl"
    notes.write_text("my own notes\n", encoding="utf-8")
    when_asked("export-replace-anyway", lambda box: box.button(QMessageBox.StandardButton.No).click())
    op = window.ops.export_to("prodigy", notes)
    while not op.done:
        app.processEvents()
    assert notes.read_text(encoding="utf-8") == "my own notes\n"

    from annotator.io.importing import import_documents
    from annotator.model import Article, Document, article_id

    demo_text = project.article(project.ids()[0]).text
    import_documents(project, [Document(Article(article_id(f"{i}{demo_text}"), f"{demo_text}\n(copy {i})",
                                                title=f"A long feature, part {i}")) for i in range(1, 8)])
    load = project_ops.load_prelabel_pipeline

    def short_pipeline(model: str, schema: object, allow_path: bool = False) -> object:
        nlp = load(model, schema, allow_path)  # type: ignore[arg-type]
        nlp.max_length = len(demo_text) + 1  # the demo article fits; its seven longer copies do not
        return nlp
    project_ops.load_prelabel_pipeline = short_pipeline  # type: ignore[assignment]
    when_asked("prelabel-skipped", lambda box: box.accept())
    with project.transaction() as conn:  # the demo is pre-labeled: pending again, so Pre-label All runs
        conn.execute("DELETE FROM prelabels")
    op = window.ops.prelabel(current_only=False)
    while not op.done or QApplication.activeModalWidget() is not None:
        app.processEvents()
    window.close()
    project.close()
    print("\n".join(str(p) for p in saved))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Edit-to-repaint in the main window, without and with a training running in the background.

``python benchmarks/bench_train_edit.py [--edits 200] [--done 100]``

Builds a project of the CoNLL-2003 dev documents (the first ``--done`` done with their gold
entities, the rest new), opens it in the main window (offscreen) on an untouched article, and
times edits as the annotator makes them: a span added through the editor, the window re-reading
the layer on the project's signal, and the view repainting. Then Model › Train Now starts a
training (its own low-priority process) and, once it reports progress, the same edits are timed
while it runs, and again after it ended. Prints median and 95th percentile of both, and how long the training took.
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

WORD = re.compile(r"\b[a-z]{4,}\b")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--done", type=int, default=100)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from annotator.editing.commands import AddSpan
    from annotator.model import ENTITIES, Status
    from benchmarks.eval_learning import DATA, SCHEMA
    from benchmarks.measure import percentile
    from annotator.io.importing import import_documents
    from annotator.model import Document
    from annotator.schema import Schema
    from annotator.store.project import Project
    from exports.formats.conll import read_conll
    from ui.app.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    docs = list(read_conll(DATA))
    for d in docs[: args.done]:
        d.status = Status.DONE
    folder = tempfile.mkdtemp()
    project = Project.create(Path(folder) / "bench.annotator", Schema.from_file(SCHEMA))
    import_documents(project, [d if d.status == Status.DONE else Document(d.article) for d in docs])
    window = MainWindow(project)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    article = project.ids(Status.NEW)[0]
    window.open_article(article)
    text = window.editor.text(article)
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]

    def edits(n: int) -> list[float]:
        times = []
        for i in range(n):
            start, end = words[i % len(words)]
            app.processEvents()
            t = time.perf_counter()
            change = window.editor.execute(AddSpan(article, ENTITIES, start, end, "MISC", replace=True))
            window.view.viewport().repaint()  # the view re-read the layer on the project's signal
            times.append((time.perf_counter() - t) * 1000)
            if change:
                window.editor.undo()
        return times

    edits(20)  # warm up
    idle = edits(args.edits)
    trainer = window.training.trainer
    progressed: list[int] = []
    trainer.progress.connect(lambda s, t: progressed.append(s))
    started = time.perf_counter()
    window.training.train_now()
    while not progressed and trainer.running:
        app.processEvents()
        time.sleep(0.01)  # waiting for the child's first progress line, not timing anything
    busy = edits(args.edits)
    still_training = trainer.running
    while trainer.running:
        app.processEvents()
        time.sleep(0.05)
    trained = time.perf_counter() - started
    idle_after = edits(args.edits)  # again without a training: the machine's load drifts

    def row(name: str, ms: list[float]) -> str:
        return f"{name}: median {statistics.median(ms):.2f} ms, p95 {percentile(ms, 95):.2f} ms over {len(ms)} edits"

    print(row("edit-to-repaint, no training (before)", idle))
    print(row("edit-to-repaint, training running", busy) + ("" if still_training else " (the training ended during the edits)"))
    print(row("edit-to-repaint, no training (after)", idle_after))
    print(f"training in the background: {trained:.0f} s from Train Now to the new version ({window.status_model.text()})")
    window.close()
    project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

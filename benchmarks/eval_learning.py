"""The learning curve: how good the suggestions get as an annotator marks CoNLL-2003 dev articles done.

Simulates an annotator on the 216 documents of ``conllpp_dev.txt``: every document is imported
(with the PER/ORG/LOC/MISC schema of ``examples/conll2003_schema.json``); the fixed held-out fifth
(by a hash of the article id, :func:`annotator.nlp.learning.training_data.is_held_out`) is marked done with
its gold entities from the start and is never trained on; the others are annotated in file order
(each gold entity added with the editor, then the article set done) and the project trains
(:func:`annotator.nlp.learning.learn.train_version`, the code ``annotator train`` runs) after 25, 50, 100
and all of them. Each point prints the held-out F1 (and per label) and the training time. The
articles not yet done are the unlabeled pool that ``--self-train`` may use (held-out ones never
are). Then pre-labeling with the last version is timed against plain ``nlp.pipe`` of the same model.

Run: ``make eval-learning`` or ``python benchmarks/eval_learning.py [--points 25,50] [--json OUT]``
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.editing.commands import AddSpan, Editor, SetStatus  # noqa: E402
from annotator.io.importing import import_documents  # noqa: E402
from annotator.model import ENTITIES, Document, Status  # noqa: E402
from annotator.nlp.learning.learn import train_version  # noqa: E402
from annotator.nlp.pipeline import load_pipeline  # noqa: E402
from annotator.nlp.prelabel import prelabel  # noqa: E402
from annotator.nlp.learning.training import Schedule  # noqa: E402
from annotator.nlp.learning.training_data import is_held_out, predict_spans  # noqa: E402
from annotator.schema import Schema  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from exports.formats.conll import read_conll  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "conll2003" / "conllpp_dev.txt"
SCHEMA = ROOT / "examples" / "conll2003_schema.json"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--points", default="25,50,100,all", help="training articles at each training ('all': every other one)")
    p.add_argument("--steps", type=int, default=0, help="0: 300 below 50 articles, 1000 from there")
    p.add_argument("--dropout", type=float, default=Schedule.dropout)
    p.add_argument("--learn-rate", type=float, default=Schedule.learn_rate)
    p.add_argument("--batch-start", type=int, default=Schedule.batch_start)
    p.add_argument("--batch-stop", type=int, default=Schedule.batch_stop)
    p.add_argument("--self-train", type=float, default=0.0, help="untouched articles labeled by a first model, per done one")
    p.add_argument("--tune", action="store_true",
                   help="leave the held-out fifth out entirely and score on another hash-chosen fifth of the rest "
                        "(for choosing settings without looking at the held-out documents)")
    p.add_argument("--order", choices=["file", "least-sure"], default="file",
                   help="least-sure: after each training, annotate next the articles on which the newest version and "
                        "the one before it (or the base) disagree most (1 - F1 of their entities)")
    p.add_argument("--no-speed", action="store_true", help="skip timing pre-labeling against nlp.pipe")
    p.add_argument("--json", type=Path, help="write the results here")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    schedule = Schedule(steps=args.steps, dropout=args.dropout, learn_rate=args.learn_rate,
                        batch_start=args.batch_start, batch_stop=args.batch_stop)
    docs = list(read_conll(args.data))
    if args.tune:  # new ids, so the project's hash picks another fifth: the real held-out is never seen
        docs = [_renamed(d, f"tune:{d.article.id}") for d in docs if not is_held_out(d.article.id)]
    held = [d for d in docs if is_held_out(d.article.id)]
    order = [d for d in docs if not is_held_out(d.article.id)]
    points = [len(order) if p == "all" else int(p) for p in args.points.split(",")]
    print(f"{'TUNING split: ' if args.tune else ''}{len(docs)} documents: {len(held)} held out (by hash), {len(order)} to annotate, order {args.order}; {schedule}, "
          f"self-train {args.self_train}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.create(Path(tmp) / "learning.annotator", Schema.from_file(SCHEMA))
        with project:
            import_documents(project, [_as(d, Status.DONE) for d in held] + [_bare(d) for d in order])
            editor, done = Editor(project), 0
            versions: list[Path] = []
            for point in points:
                for d in order[done:point]:
                    annotate(editor, d)
                done = point
                v = train_version(project, schedule, self_train=args.self_train)
                if args.order == "least-sure" and point != points[-1]:
                    previous = versions[-1] if versions else None
                    order[done:] = least_sure_first(order[done:], v.pipeline_path, previous, project.model_name)
                versions.append(v.pipeline_path)
                rows.append({"articles": v.train_articles, "f1": v.scores.f1, "precision": v.scores.precision,
                             "recall": v.scores.recall, "per_label": {l: s["f"] for l, s in v.scores.per_label.items()},
                             "train_seconds": v.seconds, "steps": v.steps, "version": v.name, "accepted": v.accepted,
                             "held_out": v.held_out_articles,
                             "entities_annotated": sum(len(d.entities) for d in order[:done]),
                             "characters_annotated": sum(len(d.article.text) for d in order[:done])})
                print(f"after {v.train_articles:>3} articles: held-out F1 {v.scores.f1:.3f} (P {v.scores.precision:.3f} "
                      f"R {v.scores.recall:.3f}; " + " ".join(f"{l} {s['f']:.3f}" for l, s in v.scores.per_label.items())
                      + f") in {v.seconds:.0f} s, {v.steps} steps, {v.name}{'' if v.accepted else ' not accepted'}; "
                      f"{rows[-1]['entities_annotated']} entities annotated",
                      flush=True)
            speed = None if args.no_speed else prelabel_speed(docs, v.pipeline_path)
    result = {"schedule": vars(schedule), "self_train": args.self_train, "order": args.order, "curve": rows, "prelabel_speed": speed}
    if speed:
        print(f"pre-labeling with {v.name}: {speed['prelabel_docs_per_s']:.1f} docs/s, plain nlp.pipe "
              f"{speed['pipe_docs_per_s']:.1f} docs/s: {speed['ratio']:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


def annotate(editor: Editor, doc: Document) -> None:
    """What the annotator does: add each gold entity, then mark the article done."""
    for span in doc.entities:
        editor.execute(AddSpan(doc.article.id, ENTITIES, span.start, span.end, span.label))
    editor.execute(SetStatus(doc.article.id, Status.DONE))


def least_sure_first(docs: list[Document], newest: Path, previous: Path | None, base: str) -> list[Document]:
    """``docs`` with those the two newest models disagree on most first (ties keep file order)."""
    texts = [d.article.text for d in docs]
    a = load_pipeline(str(newest))
    b = load_pipeline(str(previous)) if previous else load_pipeline(base, allow_path=False)
    schema = Schema.from_file(SCHEMA)
    ours = predict_spans(a, schema.map_model_label, texts)
    theirs = predict_spans(b, schema.map_model_label, texts)

    def disagreement(i: int) -> float:
        x, y = set(ours[i]), set(theirs[i])
        return 1 - 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0

    ranked = sorted(range(len(docs)), key=lambda i: (-disagreement(i), i))
    return [docs[i] for i in ranked]


def prelabel_speed(docs: list[Document], pipeline: Path, rounds: int = 5) -> dict[str, float]:
    """Pre-labeling the documents' texts into a fresh project with the version (store writes and token
    cache, no sections) against plain ``nlp.pipe`` of the same loaded pipeline; best of ``rounds``, alternated."""
    nlp = load_pipeline(str(pipeline))
    texts = [d.article.text for d in docs]
    best_pipe = best_pre = float("inf")
    for i in range(rounds):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best_pipe = min(best_pipe, time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as tmp, Project.create(Path(tmp) / f"speed{i}.annotator", Schema.from_file(SCHEMA)) as p:
            import_documents(p, [_bare(d) for d in docs])
            started = time.perf_counter()
            prelabel(p, nlp)
            best_pre = min(best_pre, time.perf_counter() - started)
    n = len(texts)
    return {"articles": n, "pipe_docs_per_s": n / best_pipe, "prelabel_docs_per_s": n / best_pre, "ratio": best_pipe / best_pre}


def _renamed(doc: Document, new_id: str) -> Document:
    doc.article = replace(doc.article, id=new_id)
    return doc


def _as(doc: Document, status: Status) -> Document:
    doc.status = status
    return doc


def _bare(doc: Document) -> Document:
    return Document(doc.article)


if __name__ == "__main__":
    sys.exit(main())

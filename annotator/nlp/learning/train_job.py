"""A training run in its own process, for the desktop app: ``python -m annotator.nlp.learning.train_job PROJECT``.

The app holds the project open (and its lock); this process is its helper: it lowers its own
priority, trains (:func:`annotator.nlp.learning.learn.train_version`), and when the new version is accepted
re-suggests every untouched article with it (:func:`annotator.nlp.learning.suggester.resuggestable`;
pre-labeling never overwrites human or imported work, and each write is one transaction, so the
annotator keeps editing meanwhile). It reports one JSON object a line on stdout: ``{"progress":
[done, total]}`` while training, then ``{"version": ..., "accepted": ..., "f1": ..., ...}`` or
``{"error": message}``. Killing it at any point leaves no half version.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from annotator.errors import AnnotatorError
from annotator.nlp.learning.learn import train_version
from annotator.nlp.pipeline import pipeline_id
from annotator.nlp.prelabel import prelabel, prelabel_pipeline
from annotator.nlp.learning.suggester import resuggestable
from annotator.nlp.learning.training import Schedule
from annotator.store.connection import connect
from annotator.store.project import Project

NICE = 10


def emit(**data: object) -> None:
    print(json.dumps(data), flush=True)


def run(path: str, steps: int = 0) -> dict[str, object]:
    """Train, activate if better, re-suggest the untouched articles; returns the final report."""
    project = Project(path, connect(path, create=False))  # the app's helper: the app holds the lock
    try:
        version = train_version(project, Schedule(steps=steps), progress=lambda s, t: emit(progress=[s, t]))
        report: dict[str, object] = {
            "version": version.name, "accepted": version.accepted, "f1": version.scores.f1,
            "baseline_f1": version.baseline.f1, "compared_with": version.compared_with,
            "train_articles": version.train_articles, "seconds": version.seconds, "resuggested": 0,
            "sections": version.sections.get("note", ""),
        }
        if version.accepted:
            nlp = prelabel_pipeline(str(version.pipeline_path), project.schema, section_model=version.section_model_path)
            ids = resuggestable(project, *pipeline_id(nlp))
            report["resuggested"] = prelabel(project, nlp, force=True, article_ids=ids).articles if ids else 0
        return report
    finally:
        project.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.nlp.learning.train_job", description=__doc__.split("\n")[0])
    parser.add_argument("project")
    parser.add_argument("--steps", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        os.nice(NICE)
    except OSError:
        pass
    try:
        emit(**run(args.project, args.steps))
    except AnnotatorError as exc:
        emit(error=str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

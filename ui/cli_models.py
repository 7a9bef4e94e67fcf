"""Model commands of the command line: train, models, export-model. No Qt."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from tqdm import tqdm

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_train(args: argparse.Namespace) -> int:
    from annotator.nlp.learning.learn import labels_without_examples, train_version
    from annotator.nlp.learning.training import Schedule
    from annotator.store.project import Project

    with Project.open(args.project) as project:
        bar = tqdm(total=0, unit="step", file=sys.stderr, desc="training", disable=args.quiet)

        def progress(step: int, total: int) -> None:
            bar.total = total
            bar.update(step - bar.n)

        try:
            v = train_version(project, Schedule(steps=args.steps), progress=progress)
        finally:
            bar.close()
    print(f"model {v.name}: trained on {v.train_articles} done article(s) in {v.seconds:.0f} s ({v.steps} steps); "
          f"held-out F1 {v.scores.f1:.3f} on {v.held_out_articles} article(s)")
    _print_scores(v)
    if v.without_entities:
        print(f"note: {v.without_entities} done article(s) without entities were not used", file=sys.stderr)
    missing = labels_without_examples(v)
    if missing:
        print(f"warning: no training example of {', '.join(missing)}: this version never suggests them", file=sys.stderr)
    _print_sections(v)
    verdict = "is now the project's suggester" if v.accepted else "is kept but not used"
    print(f"{v.name} {verdict}: {v.compared_with} scored F1 {v.baseline.f1:.3f} on the same held-out articles")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from annotator.nlp.learning.model_versions import active_version, list_versions
    from annotator.store.project import Project

    from annotator.nlp.learning.learn import schema_drift

    with Project.open(args.project, read_only=True) as project:
        versions = list_versions(project.path)
        active = active_version(project)
        drifted = {v.name for v in versions if any(schema_drift(project, v))}
    active_name = active.name if active else None
    if args.json:
        print(json.dumps([{**v.to_json(), "active": v.name == active_name, "labels_match_schema": v.name not in drifted}
                          for v in versions], indent=2))
        return 0
    if not versions:
        print(f"{args.project}: no trained model yet; the base pipeline suggests (`annotator train` makes one)")
        return 0
    print(f"{'version':<8} {'date':<20} {'train':>5} {'held-out':>8} {'F1':>6}  active")
    for v in versions:
        mark = "*" if v.name == active_name else ("" if v.accepted else "(not better)")
        mark += " (trained on other labels than the schema has now)" if v.name in drifted else ""
        print(f"{v.name:<8} {v.created_at:<20} {v.train_articles:>5} {v.held_out_articles:>8} {v.scores.f1:>6.3f}  {mark}")
        if args.verbose:
            _print_scores(v, indent="    ")
            _print_sections(v, indent="    ")
    if active is None:
        print("active: the base pipeline")
    return 0


def cmd_export_model(args: argparse.Namespace) -> int:
    from annotator.errors import ModelError
    from annotator.nlp.learning.model_versions import active_version, get_version, list_versions
    from annotator.store.project import Project
    from exports.model_export import export_model

    with Project.open(args.project, read_only=True) as project:
        if args.version:
            version = get_version(project.path, args.version)
        else:
            version = active_version(project) or (list_versions(project.path) or [None])[-1]
        if version is None:
            raise ModelError(f"{args.project}: no trained model version to export; run `annotator train {args.project}`")
        out = export_model(version, Path(args.out), Path(args.project).name)
    print(f"exported model {version.name} (held-out F1 {version.scores.f1:.3f}) to {out}; spacy.load({str(out)!r}) loads it")
    return 0


def _print_scores(v: object, indent: str = "  ") -> None:
    scores = v.scores  # type: ignore[attr-defined]
    print(f"{indent}{'label':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for label, s in scores.per_label.items():
        print(f"{indent}{label:<12} {s['p']:>6.3f} {s['r']:>6.3f} {s['f']:>6.3f}")


def _print_sections(v: object, indent: str = "  ") -> None:
    """The version's held-out section scores: boundary and label F1, rules alone and with the classifier."""
    sec = v.sections  # type: ignore[attr-defined]
    if not sec:
        return
    print(f"sections: {sec.get('note', '')}")
    if not sec.get("trained"):
        return
    print(f"{indent}{'held-out sections (' + str(sec['held_out_articles']) + ' articles)':<32} {'boundary F1':>11} {'label F1':>9}")
    for key, name in (("rules", "rules alone"), ("learned", "rules + classifier")):
        s = sec[key]
        print(f"{indent}{name:<32} {s['boundary']['f']:>11.3f} {s['label']['f']:>9.3f}")


def add_commands(add: Add) -> None:
    """Register the model subcommands with ``ui.cli.build_parser``'s ``add`` helper."""
    p = add("train", cmd_train, "train a new model version from the done articles; it suggests if it beats the current one")
    p.add_argument("project")
    p.add_argument("--steps", type=int, default=0, help="training steps (default: 300 below 50 articles, else 1000)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = add("models", cmd_models, "list the trained model versions: date, articles, held-out scores, the active one")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", "-v", action="store_true", help="per-label held-out scores")

    p = add("export-model", cmd_export_model, "write a model version as a spaCy pipeline folder with a model card")
    p.add_argument("project")
    p.add_argument("out")
    p.add_argument("--version", help="vN (default: the active version, else the newest)")

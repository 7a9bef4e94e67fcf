"""Team commands of the ``annotator`` command line: split, merge, agreement."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.model import Document, Status
    from annotator.store.project import Project

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_split(args: argparse.Namespace) -> int:
    from annotator.store.project import Project
    from annotator.team.split import split

    with Project.open(args.project, read_only=True) as project:
        r = split(project, [n for n in args.annotators.split(",") if n.strip()], args.overlap, Path(args.out_dir))
    for name, path in r.files.items():
        print(f"{name}: {r.articles[name]} article(s) -> {path}")
    print(f"{r.doubled} article(s) dealt to two annotators" + ("; model folder copied" if r.models_copied else ""))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.store.project import Project
    from annotator.team.merge import create_target, merge

    target = Path(args.target)
    created = not target.exists()
    project = create_target(target, args.sources[0]) if created else Project.open(target)
    before = None if created else _keep_as_it_was(target)
    try:
        r = merge(project, args.sources)
    except BaseException:
        project.close()
        if before is not None:
            before.unlink(missing_ok=True)  # the merge rolled back: TARGET is as it was
        if created:  # a failed merge into a new file leaves nothing behind
            for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm", ".lock"))):
                leftover.unlink(missing_ok=True)
        raise
    project.close()
    c = r.counts
    if before is not None and not (c["added"] or c["updated"] or r.articles_added):
        before.unlink()  # nothing changed: nothing to undo
    elif before is not None:
        print(f"{target.name} as it was before this merge: {before} (copy it over {target.name} to undo the merge)")
    print(f"merged {len(r.annotators)} annotator(s) ({', '.join(sorted(r.annotators))}): "
          f"{c['added']} version(s) added, {c['updated']} updated, {c['unchanged']} unchanged"
          + (f"; {r.articles_added} article(s) added to {target.name}" if r.articles_added else ""))
    for label, n in sorted(r.dropped_labels.items()):
        print(f"warning: label {label} is not in {args.target}'s schema: {n} span(s) left out", file=sys.stderr)
    for line in r.mismatched:
        print(f"warning: {line}", file=sys.stderr)
    return 1 if r.problems else 0


def _keep_as_it_was(target: Path) -> Path:
    """A copy of ``target`` (SQLite online backup) taken before a merge changes it: the merge's undo."""
    from datetime import datetime

    from annotator.store.backup import backup

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = target.with_name(f"{target.stem}.before-merge-{stamp}{target.suffix}")
    n = 1
    while out.exists():
        n += 1
        out = target.with_name(f"{target.stem}.before-merge-{stamp}-{n}{target.suffix}")
    return backup(target, out).path


def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.store.project import Project
    from annotator.team.agreement import agreement, format_report

    with Project.open(args.project, read_only=True) as project:
        report = agreement(project)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report, args.top))
    return 0


def add_commands(add: Add) -> None:
    p = add("split", cmd_split, "hand out a corpus: one project per annotator, a fraction dealt to two")
    p.add_argument("project")
    p.add_argument("--annotators", required=True, help="comma-separated names, e.g. alice,bob,carol")
    p.add_argument("--overlap", type=float, default=0.2, help="fraction of the articles dealt to two annotators")
    p.add_argument("out_dir")

    p = add("merge", cmd_merge, "bring annotators' projects into TARGET (created if missing), each as that annotator's layer")
    p.add_argument("target")
    p.add_argument("sources", nargs="+")

    p = add("agreement", cmd_agreement, "agreement between annotators on the articles done by two or more")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--top", type=int, default=10, help="how many most-disagreeing articles to list")


def team_export(project: Project, layer: str | None, status: Status | None) -> tuple[Iterable[Document], int, list[str]]:
    """What ``export`` writes: the project's documents as before when it has no team layers and
    no ``--layer``; else the chosen layer, with card notes on double annotation and agreement."""
    from annotator.store.identity import ADJUDICATED
    from annotator.store.layers.trusted import has_team_layers
    from annotator.team.layers import layer_documents

    if layer is None and not has_team_layers(project):
        return project.documents(status), project.count(status), []
    docs = list(layer_documents(project, layer or ADJUDICATED, status))
    return docs, len(docs), card_notes(project, layer or ADJUDICATED)


def card_notes(project: Project, layer: str) -> list[str]:
    """The card's paragraphs on the layer, double annotation and agreement."""
    from annotator.team.agreement import agreement

    report = agreement(project)
    notes = [(f"Layer exported: `{layer}` (adjudicated where an article was adjudicated, else done annotations; "
              "the `annotator` column names whose annotations each row holds).")]
    if report["articles"]:
        def num(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.3f}"
        notes.append(f"{report['articles']} article(s) were annotated by two or more annotators "
                     f"({', '.join(report['annotators'])}). Their agreement on entities: pairwise span F1 "
                     f"{num(report['f1'])} exact, {num(report['f1_overlap'])} overlap; Cohen's kappa on token tags "
                     f"{num(report['kappa'])}; Krippendorff's alpha {num(report['alpha'])}. On sections: span F1 "
                     f"{num(report['sections']['f1'])}, kappa {num(report['sections']['kappa'])}.")
    return notes

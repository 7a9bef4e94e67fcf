"""The ``annotator`` command line. Imports no Qt unless the desktop app is asked for."""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from annotator.errors import AnnotatorError, ExportError
from annotator.model import Status
from annotator.nlp.pipeline import DEFAULT_MODEL
from ui import cli_backup
from ui.cli_models import add_commands as add_model_commands
from ui.cli_team import add_commands as add_team_commands, team_export

if TYPE_CHECKING:
    from annotator.store.project import Project


def cmd_import(args: argparse.Namespace) -> int:
    from exports.importing import import_paths
    from ui.project_ops import open_or_create

    path = Path(args.project)
    created = not path.exists()
    label_map = _label_map(args.map)
    if not created and args.schema:
        _same_schema(path, args.schema)
    project = open_or_create(path, args.schema, args.model)
    try:
        result = import_paths(project, args.paths, args.format, label_map=label_map, annotator=args.annotator)
        print(f"imported {len(result.added)} new article(s), {result.unchanged} already there; {project.count()} in {path}")
        for given, kept in result.duplicates[:10]:
            print(f"duplicate text: {given} is the same text as {kept}; kept once, as {kept}")
        if len(result.duplicates) > 10:
            print(f"... {len(result.duplicates)} duplicate texts in all (their ids are in each kept article's meta, duplicate_ids)")
    except BaseException:
        project.close()
        if created:  # a failed first import leaves no empty project behind
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", ".lock"))):
                leftover.unlink(missing_ok=True)
        raise
    project.close()
    return 0


def cmd_prelabel(args: argparse.Namespace) -> int:
    from annotator.store.project import Project
    from ui.project_ops import run_prelabel

    with Project.open(args.project) as project:
        r = run_prelabel(project, args.model, force=args.force, n_process=args.n_process, batch_size=args.batch_size,
                         sections=not args.no_sections)
    print(f"pre-labeled {r.articles} article(s): {r.entities} entity and {r.sections} section suggestions, "
          f"{r.applied} layer(s) set as current annotations; {r.words_per_second:,.0f} words/s")
    for article_id, why in r.skipped:
        print(f"warning: {args.project}: article {article_id} not pre-labeled: {why}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.metrics.stats import project_stats

    with _reading(args) as project:
        stats = project_stats(project)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"{stats['project']}: {stats['articles']} articles, model {stats['model']}")
    print("  " + ", ".join(f"{k} {v}" for k, v in stats["status"].items()))
    for layer, data in stats["layers"].items():
        overall = data["scores"]["overall"]
        scored = (f"suggestions vs current: P {overall['precision']:.3f} R {overall['recall']:.3f} F1 {overall['f1']:.3f} "
                  f"over {data['articles_scored']} pre-labeled article(s)") if data["articles_scored"] else "not pre-labeled yet"
        print(f"  {layer}: {sum(data['spans'].values())} spans; {scored}")
        for label, n in data["spans"].items():
            fared = data["suggestions"].get(label, {})
            print(f"    {label:<22} {n:>6}  " + " ".join(f"{k}={v}" for k, v in fared.items()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import exports.all_formats  # noqa: F401
    from exports.registry import write_any

    status = None if args.status == "all" else Status(args.status)
    options: dict[str, object] = {}
    if args.format == "hf":
        options = {"splits": _splits(args.splits), "seed": args.seed}
    card = {"language": args.language, "license": args.license, "pretty_name": args.pretty_name}
    with _reading(args, writes=any(card.values())) as project:  # card settings are kept in the project
        if any(card.values()):
            from annotator.store import card_settings

            with project.transaction() as conn:
                card_settings.write(conn, card)
        docs, n, notes = team_export(project, args.layer, status)  # (adjudicated, annotator, all) layers
        if args.format == "hf" and notes:
            options["notes"] = notes
        if n == 0:
            hint = "; use --status all to export every article" if status else ""
            raise AnnotatorError(f"{args.project}: no article has status {args.status!r}, nothing to export{hint}")
        try:
            write_any(args.format, docs, Path(args.out), project.schema, force=args.force, **options)
        except ExportError:
            _list_misaligned(project, status, args.project)
            raise
    print(f"exported {n} article(s) as {args.format} to {args.out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from annotator.editing.alignment import fix, misaligned
    from annotator.editing.commands import Editor

    if args.fix and args.read_only:
        raise AnnotatorError("check: --fix edits the project and cannot be combined with --read-only")
    with _reading(args, writes=args.fix) as project:
        editor = Editor(project)
        items = misaligned(project, editor)
        for m in items:
            print(m.describe(editor.text(m.article_id)))
        if not items:
            print("every span is on token boundaries")
            return 0
        if not args.fix:
            return 1
        report = fix(project, editor, items)
        print(f"snapped {len(report.resized)} and removed {len(report.removed)} span(s); each is one undoable edit")
        for m, why in report.skipped:
            print(f"left as is: {m.describe()}: {why}", file=sys.stderr)
    return 1 if report.skipped else 0


@contextmanager
def _reading(args: argparse.Namespace, writes: bool = False) -> Iterator[Project]:
    """The project of a command that reads it: read-only (no lock) when asked or when the app
    holds it, with a note on stderr saying so."""
    from annotator.store.access import open_for_reading
    from annotator.store.project import Project

    if writes:
        project = Project.open(args.project)
    else:
        project, note = open_for_reading(args.project, read_only=getattr(args, "read_only", False))
        if note:
            print(f"note: {args.project}: {note}", file=sys.stderr)
    try:
        yield project
    finally:
        project.close()


def _list_misaligned(project: Project, status: Status | None, name: str) -> None:
    """After a failed export, name every span off the token boundaries, not just the first."""
    from annotator.editing.alignment import misaligned
    from annotator.editing.commands import Editor

    editor = Editor(project)
    items = misaligned(project, editor, project.ids(status))
    for m in items:
        print(m.describe(editor.text(m.article_id)), file=sys.stderr)
    if items:
        print(f"{len(items)} span(s) are not on token boundaries; `annotator check {name} --fix` snaps them", file=sys.stderr)


def _same_schema(project_path: Path, schema_file: str) -> None:
    """``--schema`` on an existing project: fine when it is the project's schema, an error otherwise
    (a project's labels are fixed when it is created)."""
    from annotator.schema import Schema
    from annotator.store.access import open_for_reading

    given = Schema.from_file(schema_file)
    project, _ = open_for_reading(project_path, read_only=True)
    with project:
        same = given.to_json() == project.schema.to_json()
    if not same:
        raise AnnotatorError(f"{schema_file}: --schema only applies when a project is created; {project_path} already "
                             "exists with other labels (import without --schema, or into a new project file)")


def _label_map(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise AnnotatorError(f"--map takes FROM=TO, like LOCATION=LOC, not {pair!r}")
        mapping[source] = target
    return mapping


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app.launch import run_app

    return run_app(Path(args.project) if getattr(args, "project", None) else None)


def cmd_demo(args: argparse.Namespace) -> int:
    from ui.demo import ensure_demo

    path = ensure_demo()
    if args.headless:
        print(f"demo project: {path}")
        return cmd_stats(argparse.Namespace(project=path, json=False))
    args.project = path
    return cmd_gui(args)


def _splits(text: str) -> tuple[float, float, float]:
    try:
        parts = tuple(float(x) for x in text.split(","))
    except ValueError:
        raise AnnotatorError(f"--splits takes three numbers like 0.8,0.1,0.1, not {text!r}") from None
    if len(parts) != 3 or not all(math.isfinite(p) and p >= 0 for p in parts) or abs(sum(parts) - 1.0) > 1e-6:
        raise AnnotatorError(f"--splits takes three non-negative fractions adding up to 1, not {text!r}")
    return parts  # type: ignore[return-value]


READ_ONLY_HELP = ("read without taking the writer's lock (works while the app has the project open, and on "
                  "read-only media); used anyway when the project is busy")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotator", description="Annotate news articles: entities and section types.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--annotator", dest="as_annotator", help="who annotates (default: the project's, else the system user)")
    sub = parser.add_subparsers(dest="command")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=fn)
        return p

    p = add("import", cmd_import, "import articles (txt, jsonl, html, folders, or an interchange format); creates the project if missing")
    p.add_argument("project")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", help="input format (detected from extension and content when omitted)")
    p.add_argument("--schema", help="label schema JSON, used when the project is created")
    p.add_argument("--model", default=DEFAULT_MODEL, help="pipeline whose labels make the default schema")
    p.add_argument("--map", action="append", default=[], metavar="FROM=TO", help="rename a label on import, e.g. LOCATION=LOC")
    p.add_argument("--annotator", help="record the imported annotations as this annotator's")

    p = add("prelabel", cmd_prelabel, "suggest entities and section types with spaCy")
    p.add_argument("project")
    p.add_argument("--model", help="base, latest, vN, an installed pipeline name or a path (default: the active trained version, else the base)")
    p.add_argument("--force", action="store_true", help="pre-label articles that already have suggestions again")
    p.add_argument("--n-process", type=int, default=1, help="worker processes for bulk runs")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--no-sections", action="store_true", help="suggest entities only")

    p = add("stats", cmd_stats, "progress, spans per label, and how the suggestions fared")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)

    p = add("export", cmd_export, "export annotated articles (default: Hugging Face Parquet dataset folder)")
    p.add_argument("project")
    p.add_argument("out")
    p.add_argument("--format", default="hf", help="hf, prodigy, spacy, conll, doccano, labelstudio, brat")
    p.add_argument("--status", default="done", choices=["done", "all", "new", "in_progress", "skipped"])
    p.add_argument("--splits", default="0.8,0.1,0.1", help="train,validation,test fractions (hf)")
    p.add_argument("--seed", type=int, default=0, help="seed of the hash-based split (hf)")
    p.add_argument("--force", action="store_true",
                   help="write over a file or into a folder that is not an earlier export (never a project file)")
    p.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)
    p.add_argument("--language", help="dataset card language(s), ISO 639-1, comma-separated (hf; kept in the project)")
    p.add_argument("--license", help="dataset card license, a Hub license id such as cc-by-4.0 (hf; kept in the project)")
    p.add_argument("--pretty-name", help="dataset card title (hf; kept in the project)")
    p.add_argument("--layer", help="adjudicated (default: adjudicated, else done), an annotator's name, or all")

    p = add("check", cmd_check, "list spans off token boundaries; --fix snaps them (undoable)")
    p.add_argument("project")
    p.add_argument("--fix", action="store_true")
    p.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)

    cli_backup.add_commands(add)

    add_model_commands(add)

    add_team_commands(add)

    p = add("gui", cmd_gui, "open the desktop app")
    p.add_argument("project", nargs="?")

    p = add("demo", cmd_demo, "open the demo project built from seeds/")
    p.add_argument("--headless", action="store_true", help="build it and print its stats instead of opening the window")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func, args.project = cmd_gui, None
    try:
        if args.as_annotator:
            from annotator.store.identity import ENV, check_name

            os.environ[ENV] = check_name(args.as_annotator, "--annotator")
        return int(args.func(args))
    except AnnotatorError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`annotator stats | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001  (one clear line instead of a traceback)
        if args.debug:
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

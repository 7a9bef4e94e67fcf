"""``annotator backup``: a consistent copy of a project, safe while the app has it open."""
from __future__ import annotations

import argparse
from typing import Callable

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_backup(args: argparse.Namespace) -> int:
    from annotator.store.backup import backup

    result = backup(args.project, args.out, force=args.force)
    print(f"backed up {result.articles} article(s) to {result.path} ({result.bytes / 1e6:,.1f} MB, one file)")
    return 0


def add_commands(add: Add) -> None:
    p = add("backup", cmd_backup, "copy a project with SQLite's online backup (safe while the app has it open)")
    p.add_argument("project")
    p.add_argument("out", help="the copy's file name (or a folder to put it in)")
    p.add_argument("--force", action="store_true", help="replace an existing file at OUT (never the project itself)")

"""Opening a project to read it (stats, export, check) while the app may hold it.

A reader never needs the writer's lock: SQLite's WAL lets it read what was saved while the app
keeps writing. A command that only reads opens the project for writing when it is free (so an
export can keep the tokens it made for the next one), and read-only otherwise, with a note saying
why: the app has it open, or its folder is on read-only media or a full disk.
"""
from __future__ import annotations

from pathlib import Path

from annotator.store.lock import LockError
from annotator.store.project import Project


def open_for_reading(path: str | Path, *, read_only: bool = False) -> tuple[Project, str | None]:
    """The open project and a one-line note when it was opened read-only without being asked."""
    note: str | None = None
    if not read_only:
        try:
            return Project.open(path), None
        except LockError as exc:
            note = f"{exc.reason}; reading it read-only" + (", as saved so far" if exc.busy else "")
    project = Project.open(path, read_only=True)
    return project, note or project.note

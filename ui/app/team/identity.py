"""Who annotates in the desktop app: asked once on first run, kept in the user's config folder."""
from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.errors import AnnotatorError
from annotator.store.identity import ENV, check_name, system_name
from annotator.store.project import Project
from ui.app.recent import recent_file

Ask = Callable[[QWidget | None, str], str | None]  # (parent, suggested name) -> name, or None when cancelled


def identity_file():  # type: ignore[no-untyped-def]
    return recent_file().with_name("identity.json")


def saved_name() -> str | None:
    try:
        name = json.loads(identity_file().read_text(encoding="utf-8")).get("annotator")
        return check_name(name) if isinstance(name, str) else None
    except (OSError, ValueError, AnnotatorError):
        return None


def save_name(name: str) -> None:
    path = identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"annotator": check_name(name)}), encoding="utf-8")


def ask_dialog(parent: QWidget | None, suggested: str) -> str | None:
    name, ok = QInputDialog.getText(parent, "Who is annotating?",
                                    "Your name, recorded with every annotation you make:", text=suggested)
    return name if ok else None


def ensure_annotator(project: Project, parent: QWidget | None = None, ask: Ask | None = None) -> None:
    """Record edits under the user's name: ``--annotator`` and a name stored in the project win;
    otherwise the saved name; without one, ``ask`` once and save the answer (the system user name
    when the question is cancelled). Without ``ask`` (windows opened later), nothing is asked."""
    import os

    if os.environ.get(ENV) or project.assigned_annotator:
        return
    name = saved_name()
    if name is None and ask is None:
        return
    if name is None:
        while True:
            answer = ask(parent, system_name())  # type: ignore[misc]
            try:
                name = check_name(answer) if answer is not None else system_name()
                break
            except AnnotatorError as exc:
                answer = None
                if parent is not None and hasattr(parent, "report"):
                    parent.report(str(exc), error=True)
        save_name(name)
    project.annotator = name

"""Building a team: a corpus, its split, and annotators' work done through the editor."""
from __future__ import annotations

from pathlib import Path

from annotator.editing.commands import AddSpan, Editor, SetStatus
from annotator.model import ENTITIES, Status
from annotator.store.project import Project
from annotator.team.split import split
from tests.conftest import add_text

NAMES = ["Paris", "Berlin", "Alice", "Bob"]


def corpus(project: Project, n: int) -> list[str]:
    """``n`` articles, each naming a city and a person."""
    return [add_text(project, f"Story {i}: {NAMES[i % 4]} met {NAMES[(i + 1) % 4]} in the morning.") for i in range(n)]


def annotate(path: Path, label: str = "GPE", name: str | None = None, limit: int | None = None) -> list[str]:
    """Label the word after "Story N:" as ``label`` and accept the article, as the project's annotator."""
    done = []
    with Project.open(path) as project:
        if name:
            project.set_annotator(name)
        editor = Editor(project)
        for aid in project.ids()[:limit]:
            text = project.article(aid).text
            start = text.index(":") + 2
            editor.execute(AddSpan(aid, ENTITIES, start, text.index(" ", start), label, replace=True))
            editor.execute(SetStatus(aid, Status.DONE))
            done.append(aid)
    return done


def team(project: Project, out: Path, names: list[str], overlap: float = 0.5) -> dict[str, Path]:
    return split(project, names, overlap, out).files

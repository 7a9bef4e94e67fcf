"""The recently opened projects, kept as JSON in the user's config folder."""
from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

MAX_RECENT = 10


def recent_file() -> Path:
    """Where the list lives; ``ANNOTATOR_CONFIG_DIR`` overrides the folder (tests, portable use)."""
    folder = os.environ.get("ANNOTATOR_CONFIG_DIR") or platformdirs.user_config_dir("news-annotator", appauthor=False)
    return Path(folder) / "recent.json"


def recent_projects() -> list[Path]:
    """Recent project paths, newest first, leaving out files that are gone."""
    try:
        items = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in items if isinstance(p, str) and Path(p).exists()]


def add_recent(path: Path) -> None:
    path = Path(path).resolve()
    items = [path] + [p for p in recent_projects() if p.resolve() != path]
    target = recent_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps([str(p) for p in items[:MAX_RECENT]], indent=1), encoding="utf-8")


def last_project() -> Path | None:
    items = recent_projects()
    return items[0] if items else None

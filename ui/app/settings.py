"""The annotator's view preferences (theme, label bar, tag layout), kept as JSON beside the
recent-projects list so they hold for every project."""
from __future__ import annotations

import json
from typing import Any

from ui.app.recent import recent_file

DEFAULTS: dict[str, Any] = {"theme": "system", "show_all_labels": False, "sections_expanded": False, "tag_layout": "column"}


def settings_file():  # type: ignore[no-untyped-def]
    return recent_file().with_name("settings.json")


def load_settings() -> dict[str, Any]:
    """The saved preferences over the defaults; a missing or damaged file gives the defaults."""
    try:
        saved = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    if not isinstance(saved, dict):
        saved = {}
    return {k: saved.get(k, v) if isinstance(saved.get(k, v), type(v)) else v for k, v in DEFAULTS.items()}


def save_setting(name: str, value: Any) -> None:
    values = load_settings()
    values[name] = value
    target = settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(values, indent=1), encoding="utf-8")

"""The seed articles and example schemas, wherever the app runs from.

In a wheel they are package data (``ui.seeds``, ``ui.examples``: setup.py maps the top-level
``seeds/`` and ``examples/`` folders there); in a source checkout they are those folders.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ROOT = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Traversable:
    """``seeds`` or ``examples``: the packaged folder, or the checkout's."""
    packaged = resources.files("ui") / name  # a folder inside the regular package ui, not a namespace package
    return packaged if packaged.is_dir() else ROOT / name  # else a source checkout


def example_schema(name: str) -> Path | None:
    """A packaged example schema by file name (``conll2003_schema.json``, or without ``.json``)."""
    folder = data_dir("examples")
    for candidate in (name, f"{name}.json"):
        entry = folder / candidate
        if entry.is_file():
            return Path(str(entry))
    return None

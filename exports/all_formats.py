"""Import every interchange format so that each registers itself in :mod:`exports.formats`.

The CLI does ``import exports.all_formats`` and then uses ``read_any`` / ``write_any`` / ``detect``.
The order is the order sniffers are tried in: the specific JSONL shapes before the generic ones.
"""
from __future__ import annotations

from . import brat, conll, hf, labelstudio, prodigy, spacy_docbin  # noqa: F401
from . import doccano  # noqa: F401  (after prodigy: a Prodigy task can look like doccano's)

__all__ = ["brat", "conll", "doccano", "hf", "labelstudio", "prodigy", "spacy_docbin"]

"""Import every interchange format so that each registers itself in :mod:`exports.registry`.

The CLI does ``import exports.all_formats`` and then uses ``read_any`` / ``write_any`` / ``detect``.
The order is the order sniffers are tried in: the specific JSONL shapes before the generic ones.
"""
from __future__ import annotations

# isort: off  (the import order is the sniffing order)
from exports.formats import brat, conll  # noqa: F401
from exports.hf import dataset as hf  # noqa: F401
from exports.formats import labelstudio, prodigy, spacy_docbin  # noqa: F401
from exports.formats import doccano  # noqa: F401  (after prodigy: a Prodigy task can look like doccano's)
# isort: on

__all__ = ["brat", "conll", "doccano", "hf", "labelstudio", "prodigy", "spacy_docbin"]

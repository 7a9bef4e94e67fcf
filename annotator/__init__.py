"""The core: pure Python, never imports Qt, ``ui`` or ``exports``.

Layers, each importing only those below it (checked by import-linter, see ``pyproject.toml``):

- ``editing``, ``io``, ``metrics``: commands and undo, readers and import, figures;
- ``nlp``: spaCy pipelines, tokenizing, pre-labeling, section rules;
- ``store``: the SQLite project file and everything kept in it;
- the base modules ``schema``, ``model`` and ``errors``, which everything may import.
"""

"""Edits as command objects with do/undo, journaled in the store, and span alignment fixes.

Every change an interface makes goes through :class:`~annotator.editing.commands.Editor`.
May import ``annotator.nlp`` (token bounds), ``annotator.store`` and the base modules.
"""

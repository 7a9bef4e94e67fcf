"""Input: readers that turn files (txt, jsonl, html, folders) into documents, and the import into a project.

May import ``annotator.nlp``, ``annotator.store`` and the base modules. Interchange formats of
other tools (CoNLL, Prodigy, ...) live in ``exports.formats``, which builds on this package.
"""

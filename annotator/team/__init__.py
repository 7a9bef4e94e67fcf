"""Several annotators on one corpus: split, merge, agreement and the layer to train on.

Above ``store`` and next to ``editing``, ``io`` and ``metrics`` (which it never imports): the
adjudication edits themselves are commands in :mod:`annotator.editing.adjudication`.
"""

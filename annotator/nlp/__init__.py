"""Language work: the spaCy pipeline, tokenizing and snapping, pre-labeling, section rules.

May import ``annotator.store`` and the base modules; never ``editing``, ``io`` or ``metrics``.
Model training and model versions belong here too.
"""

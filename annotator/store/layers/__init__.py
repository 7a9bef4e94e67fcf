"""Annotators' layers in the project file: each annotator's version of an article (``versions``),
and which annotations count for training and export (``trusted``: adjudicated, then done)."""

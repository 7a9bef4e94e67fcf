"""Figures over a project: progress, spans per label, how the suggestions fared.

Reads through ``annotator.store``; may import ``annotator.nlp`` and the base modules.
"""

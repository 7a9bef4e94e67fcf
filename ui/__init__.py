"""The interfaces: ``cli`` (no Qt at import time) and ``app`` (the PySide6 desktop app).

May import ``exports`` and ``annotator``; nothing below imports ``ui``.
"""

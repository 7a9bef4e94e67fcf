"""Interchange: the Hugging Face dataset folder (``hf``) and the peer tools' formats (``formats``).

Every format has ``read_*`` and ``write_*`` and registers itself in :mod:`exports.registry`;
``exports.all_formats`` imports them all. May import ``annotator``, never ``ui`` or Qt.
"""

"""The project file: SQLite connection, migrations, lock, edit journal, caches and batch readers.

Everything that reads or writes the project file lives here. It imports only the base modules
(``annotator.model``, ``annotator.schema``, ``annotator.errors``), never ``nlp``, ``editing``,
``io`` or ``metrics``.
"""

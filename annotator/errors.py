"""Named errors with messages a user can act on.

Every error the core raises on purpose derives from :class:`AnnotatorError`; the CLI prints its
message as one line and the desktop app shows it in a dialog.
"""
from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every expected, user-facing error."""


class InputError(AnnotatorError):
    """An input file cannot be imported; names the file, the line or record, and the problem."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used (not a project, newer version, locked...)."""


class SchemaError(AnnotatorError):
    """A label schema is malformed or does not fit the project."""


class SpanError(AnnotatorError):
    """An edit would break an invariant: overlap, out of range, unknown label, empty span."""


class ExportError(AnnotatorError):
    """An export cannot be written; names the article and span when one is at fault."""


class ExportRefused(ExportError):
    """An export would replace something it did not write, and forcing it may: the CLI's
    ``--force``, the app's "Replace anyway?". Never raised for what forcing cannot replace
    (a project file, a link, a device): those stay plain :class:`ExportError`.

    ``problem`` and ``if_forced`` let a front end word its own question without the CLI flag.
    """

    def __init__(self, target: str, problem: str, instead: str, if_forced: str) -> None:
        self.target, self.problem, self.if_forced = str(target), problem, if_forced
        super().__init__(f"{self.target}: {problem}; {instead}, or use --force to {if_forced}")


class ModelError(AnnotatorError):
    """A spaCy pipeline cannot be found or loaded."""


class Cancelled(Exception):
    """Raised by long work (import, pre-labeling, export, training) that the user cancelled."""


class TrainingError(AnnotatorError):
    """A model cannot be trained from the project as it is (too few done articles, read-only...)."""

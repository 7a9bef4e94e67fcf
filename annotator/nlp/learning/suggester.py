"""Which model suggests, and which articles get its suggestions again.

``--model`` takes ``base`` (the project's base pipeline), ``latest`` (the newest trained version,
accepted or not), ``vN``, an installed pipeline name or a pipeline folder; without it the active
version suggests, or the base pipeline while there is none. When a newer active version exists,
every untouched article (no human edit of its entities, not done or skipped, no imported
entities) gets its suggestions again; human and imported work is never overwritten.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator.errors import ModelError
from annotator.model import ENTITIES, Origin, Status
from annotator.nlp.learning.learn import schema_drift
from annotator.nlp.learning.model_versions import VERSION_NAME, ModelVersion, active_version, get_version, list_versions
from annotator.store.project import LAYER_BIT, Project


@dataclass(frozen=True)
class Suggester:
    """A model to pre-label with: what to load, and the trained version it is, if any."""

    target: str
    allow_path: bool
    version: ModelVersion | None = None

    @property
    def section_model(self) -> Path | None:
        """The version's section classifier, when it beat the rules on its held-out slice."""
        return self.version.section_model_path if self.version else None

    @property
    def label(self) -> str:
        return self.version.name if self.version else self.target


def resolve_suggester(project: Project, spec: str | None = None) -> Suggester:
    """The model ``spec`` names for this project (None: the active version, else the base)."""
    version: ModelVersion | None
    if spec is None:
        version = active_version(project)
        if version is None:
            return Suggester(project.model_name, allow_path=False)
    elif spec == "base":
        return Suggester(project.model_name, allow_path=False)
    elif spec == "latest":
        versions = list_versions(project.path)
        if not versions:
            raise ModelError(f"{project.path}: no trained model version yet; run `annotator train {project.path}`")
        version = versions[-1]
    elif VERSION_NAME.match(spec):
        version = get_version(project.path, spec)
    else:
        return Suggester(spec, allow_path=True)
    check_labels(project, version)
    return Suggester(str(version.pipeline_path), allow_path=True, version=version)


def check_labels(project: Project, version: ModelVersion) -> None:
    """Refuse a version trained on other entity labels than the project's schema has now."""
    added, removed = schema_drift(project, version)
    if added or removed:
        change = "; ".join(p for p in (f"added {', '.join(added)}" if added else "",
                                      f"removed {', '.join(removed)}" if removed else "") if p)
        raise ModelError(f"{project.path}: model {version.name} was trained on the labels {', '.join(version.labels)}, "
                         f"but the schema changed since ({change}); train again or pre-label with --model base")


def resuggestable(project: Project, model: str, version: str) -> list[str]:
    """Articles to pre-label with (model, version): never pre-labeled, or untouched with another model's suggestions."""
    rows = project.conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN prelabels p ON p.article = a.seq AND p.layer = ? "
        "WHERE p.article IS NULL OR ("
        "  a.status NOT IN (?, ?) AND (a.touched & ?) = 0 AND (p.model != ? OR p.version != ?)"
        "  AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.article = a.seq AND s.layer = ? AND s.origin != ?)"
        ") ORDER BY a.seq",
        (ENTITIES, Status.DONE.value, Status.SKIPPED.value, LAYER_BIT[ENTITIES], model, version,
         ENTITIES, Origin.SUGGESTED.value),
    )
    return [r[0] for r in rows]

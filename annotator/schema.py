"""A project's label schema: entity labels and section types, with keys, colours and mappings.

A schema file is JSON::

    {"entities": {"labels": ["PER", "ORG", "LOC", "MISC"], "map": {"PERSON": "PER", "GPE": "LOC"}},
     "sections": {"labels": ["headline", "lede", "body", "boilerplate"]}}

A label may also be an object ``{"name": ..., "key": ..., "color": ..., "markers": [...]}``;
``markers`` (section types only) are the phrases that open a marked section ("Why it matters:").
Model labels absent from ``map`` keep their name when the schema has that label, and are dropped
otherwise.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

from annotator.errors import SchemaError
from annotator.model import ENTITIES, LAYERS, SECTIONS

# Colours legible under dark text on a light background and as a tint on a dark one.
PALETTE: tuple[str, ...] = (
    "#f4a261", "#8ecae6", "#b5e48c", "#f28482", "#cdb4db", "#ffd166", "#90e0ef", "#e9c46a",
    "#a3c4f3", "#ffafcc", "#c9f299", "#f7b267", "#bde0fe", "#d4a373", "#caffbf", "#ffc6ff",
    "#9bf6ff", "#fdffb6", "#e5989b", "#b8c0ff",
)
ENTITY_KEYS = "1234567890qwertyuiop"
SECTION_KEYS = "hlbxmgfdscvjkzna"

# The section types of docs/sections.md, in schema order, with their marker phrases.
DEFAULT_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("headline", ()),
    ("lede", ()),
    ("body", ()),
    ("boilerplate", ()),
    ("why_it_matters", ("Why it matters",)),
    ("big_picture", ("The big picture",)),
    ("driving_the_news", ("Driving the news",)),
    ("between_the_lines", ("Between the lines",)),
    ("behind_the_scenes", ("Behind the scenes",)),
    ("flashback", ("Flashback",)),
    ("what_to_watch", ("What to watch", "What to watch for", "What's next")),
    ("zoom_in", ("Zoom in",)),
    ("zoom_out", ("Zoom out",)),
    ("yes_but", ("Yes, but",)),
    ("by_the_numbers", ("By the numbers",)),
    ("what_they_are_saying", ("What they're saying", "What they are saying")),
    ("state_of_play", ("State of play",)),
    ("reality_check", ("Reality check",)),
    ("catch_up_quick", ("Catch up quick",)),
    ("the_other_side", ("The other side",)),
    ("details", ("Details", "The details")),
    ("context", ("Context",)),
    ("go_deeper", ("Go deeper",)),
    ("bottom_line", ("The bottom line", "Bottom line")),
    ("byline", ()),
    ("dateline", ()),
    ("caption", ()),
)

# The annotator-friendly default: these labels first (so they get the first keys), OntoNotes'
# numeric and rarely annotated types last and marked rare (hidden from the label bar until
# "Show All Labels"); labels of other models keep their order, between the two.
COMMON_ENTITIES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT")
RARE_ENTITIES = ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "TIME", "FAC", "LANGUAGE", "LAW",
                 "WORK_OF_ART", "PRODUCT")
COMMON_SECTIONS = ("headline", "lede", "body", "boilerplate", "why_it_matters", "big_picture",
                   "driving_the_news", "between_the_lines", "what_to_watch")


@dataclass(frozen=True, slots=True)
class Label:
    """One entity label or section type as the annotator sees it."""

    name: str
    color: str
    key: str | None = None
    markers: tuple[str, ...] = ()
    rare: bool = False  # hidden from the label bar unless the annotator asks for all labels

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "color": self.color, "key": self.key}
        if self.markers:
            out["markers"] = list(self.markers)
        if self.rare:
            out["rare"] = True
        return out


@dataclass(frozen=True)
class Schema:
    """Entity labels and section types of a project, in their fixed order."""

    entities: tuple[Label, ...]
    sections: tuple[Label, ...]
    entity_map: dict[str, str] = field(default_factory=dict)

    def labels(self, layer: str) -> tuple[Label, ...]:
        if layer == ENTITIES:
            return self.entities
        if layer == SECTIONS:
            return self.sections
        raise SchemaError(f"unknown layer {layer!r}; layers are {', '.join(LAYERS)}")

    def names(self, layer: str) -> list[str]:
        return [label.name for label in self.labels(layer)]

    def label(self, layer: str, name: str) -> Label:
        found = self._by_name[layer].get(name) if layer in LAYERS else None
        if found is not None:
            return found
        self.labels(layer)  # an unknown layer is named as such
        raise SchemaError(f"unknown {layer} label {name!r}; the project has {', '.join(self.names(layer))}")

    def has(self, layer: str, name: str) -> bool:
        return name in self._names[layer]

    @cached_property
    def _names(self) -> dict[str, frozenset[str]]:
        """Label names per layer, for lookups in constant time (a schema may have thousands)."""
        return {ENTITIES: frozenset(l.name for l in self.entities), SECTIONS: frozenset(l.name for l in self.sections)}

    @cached_property
    def _by_name(self) -> dict[str, dict[str, Label]]:
        return {ENTITIES: {l.name: l for l in self.entities}, SECTIONS: {l.name: l for l in self.sections}}

    def map_model_label(self, model_label: str) -> str | None:
        """The project label a model's entity label becomes, or None when it is dropped."""
        target = self.entity_map.get(model_label, model_label)
        return target if self.has(ENTITIES, target) else None

    def to_json(self) -> dict[str, Any]:
        return {
            "entities": {"labels": [l.to_json() for l in self.entities], "map": dict(self.entity_map)},
            "sections": {"labels": [l.to_json() for l in self.sections]},
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "schema") -> Schema:
        """Build a schema from its JSON form, filling in keys and colours left out."""
        if not isinstance(data, dict):
            raise SchemaError(f"{source}: a schema is a JSON object with 'entities' and 'sections'")
        unknown = set(data) - {"entities", "sections"}
        if unknown:
            raise SchemaError(f"{source}: unknown schema key(s) {sorted(unknown)}")
        ent = data.get("entities", {})
        sec = data.get("sections", {})
        if not isinstance(ent, dict) or not isinstance(sec, dict):
            raise SchemaError(f"{source}: 'entities' and 'sections' must be JSON objects")
        entities = _labels(ent.get("labels", []), ENTITY_KEYS, 0, f"{source}: entities")
        sections = (
            _labels(sec["labels"], SECTION_KEYS, len(entities), f"{source}: sections")
            if "labels" in sec
            else default_sections(len(entities))
        )
        mapping = ent.get("map", {})
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            raise SchemaError(f"{source}: entities.map must map model labels to label names")
        names = {l.name for l in entities}
        bad = sorted(v for v in set(mapping.values()) if v not in names)
        if bad:
            raise SchemaError(f"{source}: entities.map targets {bad} are not entity labels")
        _check_keys(entities + sections, source)
        return cls(entities, sections, dict(mapping))

    @classmethod
    def from_file(cls, path: str | Path) -> Schema:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"{path}: schema file not found") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SchemaError(f"{path}: not a JSON schema file ({exc})") from None
        except OSError as exc:
            raise SchemaError(f"{path}: cannot read the schema file ({exc.strerror})") from None
        schema = cls.from_json(data, str(path))
        given = data.get("entities", {}).get("labels") or data.get("sections", {}).get("labels")
        if not given:
            raise SchemaError(f"{path}: the schema defines no labels; list them under entities.labels "
                              "(and sections.labels, or the default news section types are used)")
        return schema

    @classmethod
    def default(cls, entity_labels: Iterable[str]) -> Schema:
        """The pipeline's own entity labels and the standard news section types."""
        names = list(dict.fromkeys(entity_labels))
        return cls(_labels(names, ENTITY_KEYS, 0, "entities"), default_sections(len(names)), {})

    @classmethod
    def friendly(cls, entity_labels: Iterable[str]) -> Schema:
        """The default with the common labels first (first keys) and the rare ones last, marked."""
        names = list(dict.fromkeys(entity_labels))
        common = len(COMMON_ENTITIES)
        names.sort(key=lambda n: COMMON_ENTITIES.index(n) if n in COMMON_ENTITIES else common + (n in RARE_ENTITIES))
        items = [{"name": n, "rare": n in RARE_ENTITIES} for n in names]
        sections = tuple(replace(l, rare=l.name not in COMMON_SECTIONS) for l in default_sections(len(names)))
        return cls(_labels(items, ENTITY_KEYS, 0, "entities"), sections, {})


def default_sections(colour_offset: int = 0) -> tuple[Label, ...]:
    return tuple(
        Label(name, PALETTE[(colour_offset + i) % len(PALETTE)], SECTION_KEYS[i] if i < len(SECTION_KEYS) else None, markers)
        for i, (name, markers) in enumerate(DEFAULT_SECTIONS)
    )


def _labels(items: Any, keys: str, colour_offset: int, where: str) -> tuple[Label, ...]:
    if not isinstance(items, list):
        raise SchemaError(f"{where}: 'labels' must be a list")
    out: list[Label] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise SchemaError(f"{where}: label {i + 1} needs a non-empty 'name'")
        name = item["name"].strip()
        if name in seen:
            raise SchemaError(f"{where}: label {name!r} is listed twice")
        seen.add(name)
        key = item.get("key", keys[i] if i < len(keys) else None)
        if key is not None and (not isinstance(key, str) or len(key) != 1):
            raise SchemaError(f"{where}: key of {name!r} must be one character")
        color = item.get("color") or PALETTE[(colour_offset + i) % len(PALETTE)]
        markers = item.get("markers", [])
        if not isinstance(markers, list) or not all(isinstance(m, str) and m.strip() for m in markers):
            raise SchemaError(f"{where}: markers of {name!r} must be a list of phrases")
        rare = item.get("rare", False)
        if not isinstance(rare, bool):
            raise SchemaError(f"{where}: 'rare' of {name!r} must be true or false")
        out.append(Label(name, str(color), key, tuple(m.strip() for m in markers), rare))
    return tuple(out)


def _check_keys(labels: tuple[Label, ...], source: str) -> None:
    owner: dict[str, str] = {}
    for label in labels:
        if label.key is None:
            continue
        if label.key in owner:
            raise SchemaError(f"{source}: key {label.key!r} is given to both {owner[label.key]!r} and {label.name!r}")
        owner[label.key] = label.name

"""Column types of the Hugging Face export, in three spellings from one description.

Each config's columns are described once (:data:`DOCUMENT_COLUMNS`, :func:`ner_columns`,
:func:`section_columns`) and rendered as the Arrow schema, the ``huggingface`` Parquet metadata
(the older ``"_type": "Sequence"`` spelling that datasets 3.x and 5.x both read, see
huggingface/datasets issue 7739) and the card's ``dataset_info`` features.

A kind is a dtype string (``"string"``, ``"int32"``...), ``Seq(kind)`` for a list of values,
``Structs(columns)`` for a list of structs, or ``Classes(names)`` for a class label (int64).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Union

import pyarrow as pa

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Schema

TIMESTAMP = "timestamp[ms, tz=UTC]"


@dataclass(frozen=True)
class Seq:
    item: Kind


@dataclass(frozen=True)
class Structs:
    columns: tuple[tuple[str, Kind], ...]


@dataclass(frozen=True)
class Classes:
    names: tuple[str, ...]


Kind = Union[str, Seq, Structs, Classes]
Columns = tuple[tuple[str, Kind], ...]

SPAN = Structs((("start", "int32"), ("end", "int32"), ("label", "string")))
SCORED_SPAN = Structs((("start", "int32"), ("end", "int32"), ("label", "string"), ("score", "float32")))

DOCUMENT_COLUMNS: Columns = (
    ("id", "string"),
    ("text", "string"),
    ("title", "string"),
    ("url", "string"),
    ("entities", SPAN),
    ("sections", SPAN),
    ("entities_suggested", SCORED_SPAN),
    ("sections_suggested", SCORED_SPAN),
    ("status", "string"),
    ("annotator", "string"),
    ("updated_at", TIMESTAMP),
)

_ARROW_SCALARS: dict[str, pa.DataType] = {
    "string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_(),
    "float32": pa.float32(), TIMESTAMP: pa.timestamp("ms", tz="UTC"),
}


def iob_names(schema: Schema) -> list[str]:
    """``O`` then ``B-``/``I-`` per entity label, in schema order."""
    names = ["O"]
    for label in schema.names(ENTITIES):
        names += [f"B-{label}", f"I-{label}"]
    return names


def ner_columns(schema: Schema) -> Columns:
    return (
        ("id", "string"),
        ("doc_id", "string"),
        ("start", "int32"),
        ("tokens", Seq("string")),
        ("spaces", Seq("bool")),
        ("ner_tags", Seq(Classes(tuple(iob_names(schema))))),
    )


def section_columns(schema: Schema) -> Columns:
    return (
        ("id", "string"),
        ("doc_id", "string"),
        ("start", "int32"),
        ("end", "int32"),
        ("text", "string"),
        ("label", Classes(tuple(schema.names(SECTIONS)))),
    )


def arrow_type(kind: Kind) -> pa.DataType:
    if isinstance(kind, str):
        return _ARROW_SCALARS[kind]
    if isinstance(kind, Seq):
        return pa.list_(arrow_type(kind.item))
    if isinstance(kind, Structs):
        return pa.list_(pa.struct([pa.field(n, arrow_type(k)) for n, k in kind.columns]))
    return pa.int64()  # class labels must be int64, or datasets drops the names


def hf_feature(kind: Kind) -> Any:
    """The feature in the pre-4.0 JSON spelling of ``datasets``."""
    if isinstance(kind, str):
        return {"dtype": kind, "_type": "Value"}
    if isinstance(kind, Seq):
        return {"feature": hf_feature(kind.item), "_type": "Sequence"}
    if isinstance(kind, Structs):
        return [{n: hf_feature(k) for n, k in kind.columns}]
    return {"names": list(kind.names), "_type": "ClassLabel"}


def arrow_schema(columns: Columns) -> pa.Schema:
    """The Arrow schema with the ``huggingface`` metadata that keeps the class labels."""
    features = {name: hf_feature(kind) for name, kind in columns}
    meta = {b"huggingface": json.dumps({"info": {"features": features}}).encode("utf-8")}
    return pa.schema([pa.field(n, arrow_type(k)) for n, k in columns], metadata=meta)


def yaml_feature(name: str, kind: Kind) -> dict[str, Any]:
    """One entry of the card's ``dataset_info.features``."""
    return {"name": name, **_yaml_body(kind)}


def _yaml_body(kind: Kind) -> dict[str, Any]:
    if isinstance(kind, str):
        return {"dtype": kind}
    if isinstance(kind, Seq):
        inner = _yaml_body(kind.item)
        return {"sequence": inner["dtype"] if set(inner) == {"dtype"} else inner}
    if isinstance(kind, Structs):
        return {"list": [yaml_feature(n, k) for n, k in kind.columns]}
    return {"dtype": {"class_label": {"names": {str(i): n for i, n in enumerate(kind.names)}}}}

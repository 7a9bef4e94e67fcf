import json

import pytest

from annotator.errors import SchemaError
from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Schema


def test_schema_from_json_maps_model_labels_and_drops_unmapped():
    schema = Schema.from_json({"entities": {"labels": ["PER", "ORG", "LOC", "MISC"], "map": {"PERSON": "PER", "GPE": "LOC"}},
                               "sections": {"labels": ["headline", "lede", "body", "boilerplate"]}})
    assert schema.map_model_label("PERSON") == "PER"
    assert schema.map_model_label("ORG") == "ORG"
    assert schema.map_model_label("DATE") is None
    assert schema.names(SECTIONS) == ["headline", "lede", "body", "boilerplate"]


def test_schema_labels_get_keys_and_colours_and_objects_are_kept():
    schema = Schema.from_json({"entities": {"labels": [{"name": "PER", "key": "p", "color": "#123456"}, "ORG"]}})
    per, org = schema.labels(ENTITIES)
    assert (per.key, per.color) == ("p", "#123456")
    assert org.key and org.color.startswith("#")
    keys = [l.key for l in schema.labels(ENTITIES) + schema.labels(SECTIONS) if l.key]
    assert len(keys) == len(set(keys))


def test_schema_default_has_the_news_section_types_with_markers():
    schema = Schema.default(["PERSON", "ORG"])
    assert {"headline", "lede", "body", "boilerplate", "why_it_matters"} <= set(schema.names(SECTIONS))
    assert "Why it matters" in schema.label(SECTIONS, "why_it_matters").markers


def test_schema_round_trips_through_json():
    schema = Schema.default(["PERSON", "ORG"])
    assert Schema.from_json(json.loads(json.dumps(schema.to_json()))) == schema


@pytest.mark.parametrize("data, problem", [
    ([], "JSON object"),
    ({"entities": {"labels": ["A", "A"]}}, "listed twice"),
    ({"entities": {"labels": ["A"], "map": {"X": "B"}}}, "not entity labels"),
    ({"entities": {"labels": [{"name": "A", "key": "x"}, {"name": "B", "key": "x"}]}}, "given to both"),
    ({"labels": []}, "unknown schema key"),
])
def test_schema_rejects_malformed_schemas(data, problem):
    with pytest.raises(SchemaError, match=problem):
        Schema.from_json(data)


def test_schema_from_file_names_the_file(tmp_path):
    bad = tmp_path / "schema.json"
    bad.write_text("{not json")
    with pytest.raises(SchemaError, match="schema.json"):
        Schema.from_file(bad)


def test_schema_friendly_puts_common_labels_first_and_marks_the_rest_rare():
    schema = Schema.friendly(["CARDINAL", "DATE", "GPE", "LAW", "ORG", "PERSON"])
    names = schema.names(ENTITIES)
    assert names[:4] == ["PERSON", "ORG", "GPE", "DATE"] and set(names[4:]) == {"CARDINAL", "LAW"}
    assert [l.key for l in schema.labels(ENTITIES)][:4] == ["1", "2", "3", "4"]
    assert [l.name for l in schema.labels(ENTITIES) if l.rare] == names[4:]
    common = [l.name for l in schema.labels(SECTIONS) if not l.rare]
    assert common[:4] == ["headline", "lede", "body", "boilerplate"] and len(common) < len(schema.labels(SECTIONS)) / 2
    assert Schema.from_json(json.loads(json.dumps(schema.to_json()))) == schema


def test_schema_friendly_keeps_other_models_labels_visible():
    schema = Schema.friendly(["MISC", "PER", "ORG", "LOC"])
    assert schema.names(ENTITIES) == ["ORG", "LOC", "MISC", "PER"]
    assert not any(l.rare for l in schema.labels(ENTITIES))


def test_schema_rare_must_be_a_boolean():
    with pytest.raises(SchemaError, match="'rare' of 'A'"):
        Schema.from_json({"entities": {"labels": [{"name": "A", "rare": "yes"}]}}, "s.json")

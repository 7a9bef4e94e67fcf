"""Shared reader helpers: record line numbers, archive size checks."""
from __future__ import annotations

import zlib

import pytest

from annotator.errors import InputError
from exports.common import check_inflated_size, iter_records


def test_common_iter_records_numbers_lines_of_jsonl_and_pretty_objects(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"a": 1}\n\n{"b": 2}\n{\n  "c": 3\n}\n\n\n{"d": 4}\n{"e": ]\n')
    seen = []
    with pytest.raises(InputError) as exc:
        for line, value in iter_records(path):
            seen.append((line, value))
    assert seen == [(1, {"a": 1}), (3, {"b": 2}), (4, {"c": 3}), (9, {"d": 4})]
    assert exc.value.line == 10 and exc.value.path == str(path)


def test_common_iter_records_line_numbers_hold_across_many_records(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"i": {i}}}\n' + "\n" * (i % 3) for i in range(10_000)))
    lines = [line for line, _ in iter_records(path)]
    expected, line = [], 1
    for i in range(10_000):
        expected.append(line)
        line += 1 + i % 3
    assert lines == expected


def test_common_archive_refused_before_it_inflates_past_the_limit(tmp_path):
    bomb = tmp_path / "bomb.spacy"
    bomb.write_bytes(zlib.compress(b"\0" * 50_000_000, 9))  # 50 MB from about 50 KB
    with pytest.raises(InputError, match=r"bomb.spacy: decompresses to more than 10,000,000 bytes"):
        check_inflated_size(bomb, limit=10_000_000)
    check_inflated_size(bomb, limit=60_000_000)
    (tmp_path / "junk.spacy").write_bytes(b"not zlib at all")
    with pytest.raises(InputError, match="junk.spacy: not a spaCy DocBin file"):
        check_inflated_size(tmp_path / "junk.spacy")

"""The benchmark harness runs end to end at tiny sizes and writes a well-formed results table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.training import offsets_to_biluo_tags

from annotator.nlp.tokenizer import blank_pipeline
from benchmarks.__main__ import main
from benchmarks.corpus import Corpus


def test_corpus_articles_are_realistic_and_token_aligned():
    docs = list(Corpus(7).documents(30))
    nlp = blank_pipeline()
    assert len({d.article.id for d in docs}) == 30
    assert 2800 < sum(len(d.article.text.encode()) for d in docs) / 30 < 4200
    assert 30 <= sum(len(d.entities) for d in docs) / 30 <= 60
    assert all(len(d.sections) == 8 for d in docs)
    for d in docs:
        tags = offsets_to_biluo_tags(nlp.make_doc(d.article.text), [(e.start, e.end, e.label) for e in d.entities])
        assert "-" not in tags
    assert [d.article.text for d in Corpus(7).documents(3)] == [d.article.text for d in docs[:3]]


def run_suite(tmp_path: Path, only: str) -> dict:
    out_json, out_md = tmp_path / "results.json", tmp_path / "benchmarks.md"
    assert main(["--articles", "40", "--edits", "10", "--repeats", "1", "--only", only,
                 "--json", str(out_json), "--markdown", str(out_md)]) == 0
    result = json.loads(out_json.read_text())
    assert {"cpu", "cores", "memory_gb", "python", "packages", "date"} <= set(result["machine"])
    check_rows(result["rows"])
    md = out_md.read_text()
    assert "| what | ours | baseline | ratio | target | met? |" in md and result["machine"]["cpu"] in md
    assert md.count("\n| ") == len(result["rows"]) + 1
    return result


def check_rows(rows: list[dict]) -> None:
    """Every row holds a measured figure, and its ratio and verdict follow from the figures."""
    for row in rows:
        assert row["ours"] is not None and row["ours"] > 0, row
        if row["baseline"]:
            expected = row["baseline"] / row["ours"] if row["invert"] else row["ours"] / row["baseline"]
            assert abs(row["ratio"] - expected) < 1e-9 * expected, row
        if row["op"]:
            assert row["met"] == (row["ratio"] >= row["limit"] if row["op"] == ">=" else row["ratio"] <= row["limit"])


def test_bench_quick_writes_a_table_of_measured_ratios(tmp_path, capsys):
    result = run_suite(tmp_path, "import,open,edit")
    assert [r["what"].split(" ")[0] for r in result["rows"]] == ["import", "open", "open", "one", "one"]
    assert result["details"]["import"]["articles"] == 40
    assert "import 40 articles" in capsys.readouterr().out


@pytest.mark.slow
def test_bench_quick_export_rows_are_measured(tmp_path):
    result = run_suite(tmp_path, "export")
    assert result["details"]["export"]["rows"]["documents"] == 40
    export = result["details"]["export"]
    assert sum(r["what"].startswith(("export", "first export")) for r in result["rows"]) == 5
    floor_row = next(r for r in result["rows"] if r["what"].startswith("Parquet writing alone"))
    assert 0 < floor_row["ours"] and floor_row["baseline"] == export["datasets_s"] > 0 and export["quarter_datasets_s"] > 0
    floor = next(r for r in result["rows"] if "its floor" in r["what"])
    assert floor["baseline"] > export["bare_s"] > 0  # tokenizing was measured and added
    assert floor["ratio"] == pytest.approx(floor["ours"] / floor["baseline"])
    assert export["first_cached_before"] == 0 and export["cached_before"] == 40  # the first export filled the cache
    assert export["ours_s"] == min(export["ours_runs_s"]) and len(export["ours_runs_s"]) == export["repeats"] == 1


def test_bench_quick_merge_row_is_measured(tmp_path):
    result = run_suite(tmp_path, "merge")
    merge = result["details"]["merge"]
    assert merge["articles"] == 40 and merge["versions"] == 120 and merge["remerge_unchanged"] == 120
    assert [r["what"] for r in result["rows"]] == ["merge 3 projects of 40 articles vs importing the same from JSONL (seconds)"]


@pytest.mark.slow
def test_bench_quick_sections_rows_time_a_two_megabyte_page(tmp_path):
    result = run_suite(tmp_path, "sections")
    rows = result["rows"]
    assert [r["what"].startswith("sections of a 2 MB page") for r in rows] == [True, True]
    details = result["details"]["sections"]
    assert details["large_bytes"] == 10 * details["small_bytes"] == 2_000_000

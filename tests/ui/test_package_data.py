"""The seeds and example schemas ship with the app: a wheel installed in a fresh virtual
environment builds the demo, imports, pre-labels and exports without the source checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT
from ui.package_data import data_dir, example_schema


def test_package_data_finds_seeds_and_examples_in_a_checkout():
    seeds = data_dir("seeds")
    assert any(entry.name.endswith(".txt") for entry in seeds.iterdir())
    assert example_schema("conll2003_schema") == ROOT / "examples" / "conll2003_schema.json"
    assert example_schema("no_such_schema") is None


def _run(venv: Path, cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["XDG_DATA_HOME"] = str(cwd / "data")  # the demo project goes to the user's data folder
    env["ANNOTATOR_CONFIG_DIR"] = str(cwd / "config")
    done = subprocess.run([str(venv / "bin" / "annotator"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"annotator {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


@pytest.mark.model
def test_package_data_wheel_install_runs_demo_import_prelabel_export(tmp_path):
    source, dist = tmp_path / "source", tmp_path / "dist"  # a copy: setuptools writes build/ beside the sources
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "tests", "docs", "benchmarks", "*.annotator*"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(dist), str(source)], check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("news_annotator-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = Path(subprocess.check_output([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip())
    # The dependencies come from the test environment's site-packages, appended after the
    # fresh venv's own: nothing is downloaded, and its editable install of the checkout is not loaded.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=600)
    work = tmp_path / "work"
    work.mkdir()
    where = subprocess.check_output([str(venv / "bin" / "python"), "-c", "import ui.demo; print(ui.demo.__file__)"], cwd=work, text=True)
    assert where.startswith(str(site)), where  # the wheel's code, not the checkout's

    assert "demo project:" in _run(venv, work, "demo", "--headless")
    assert list((work / "data").rglob("demo.annotator"))
    (work / "one.txt").write_text("Trump met Tokayev in Washington on Thursday.\n\nWhy it matters: Kazakhstan joins.", encoding="utf-8")
    _run(venv, work, "import", "p.annotator", "one.txt", "--schema", "conll2003_schema")
    _run(venv, work, "prelabel", "p.annotator")
    _run(venv, work, "export", "p.annotator", "out.conll", "--status", "all", "--format", "conll")
    exported = (work / "out.conll").read_text(encoding="utf-8")
    assert "Tokayev -X- _ B-PER" in exported and "Washington -X- _ B-LOC" in exported  # mapped by the packaged schema

"""The layer contracts of pyproject.toml hold: no upward import, no cycle, no Qt in the core."""
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]  (a dependency of import-linter there)


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_layers_contracts_cover_the_packages_cycles_and_qt():
    kinds = {c["type"] for c in contracts()}
    assert {"layers", "acyclic_siblings", "forbidden"} <= kinds
    layered = {layer for c in contracts() if c["type"] == "layers" for layer in c["layers"]}
    assert {"ui", "exports", "annotator", "annotator.nlp", "annotator.store", "exports.hf | exports.formats"} <= layered


def test_layers_lint_imports_keeps_every_contract():
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's packages, whatever is installed
    out = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{len(contracts())} kept, 0 broken" in out.stdout

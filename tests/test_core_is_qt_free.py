import subprocess
import sys

from tests.conftest import ROOT


def test_core_is_qt_free_annotator_and_exports_never_import_pyside6():
    code = ("import sys, pkgutil, importlib, annotator, exports\n"
            "for pkg in (annotator, exports):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        importlib.import_module(m.name)\n"
            "import ui.cli\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

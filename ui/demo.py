"""The demo project that ``make run`` opens: built from ``seeds/`` in the user's data folder."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from platformdirs import user_data_dir

from exports.importing import import_paths
from ui import project_ops
from ui.package_data import data_dir


def demo_path() -> Path:
    return Path(user_data_dir("news-annotator", appauthor=False)) / "demo.annotator"


def ensure_demo(path: Path | None = None, echo: bool = True) -> Path:
    """Create and pre-label the demo project on first use; later calls just return its path."""
    path = path or demo_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for stale in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        stale.unlink(missing_ok=True)
    project = project_ops.open_or_create(tmp)
    try:
        with resources.as_file(data_dir("seeds")) as seeds:
            import_paths(project, [seeds])
        project_ops.run_prelabel(project, show_progress=echo)
    finally:
        project.close()
    tmp.rename(path)
    return path

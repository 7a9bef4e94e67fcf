"""Child process of the export kill test: exports a project to a folder, over and over."""
from __future__ import annotations

import sys
from pathlib import Path

from annotator.store.project import Project
from exports.hf.dataset import write_hf


def main(project_path: str, out: str) -> None:
    with Project.open(project_path, read_only=True) as project:
        while True:
            write_hf(project.documents(), Path(out), project.schema)
            print("EXPORTED", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

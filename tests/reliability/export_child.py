"""Child process of the export kill test: exports a project to a folder, over and over.

Before each batch of articles it prints ``WRITING <articles so far>`` and waits for a ``go`` line
on stdin: the parent knows the child is inside an export (its temporary folder exists) when it
kills it, whatever the machine's speed.
"""
from __future__ import annotations

import sys
from pathlib import Path

from annotator.store.project import Project
from exports.hf.dataset import write_hf

BATCH = 20


def on_batch(done: int) -> None:
    print(f"WRITING {done}", flush=True)
    sys.stdin.readline()


def main(project_path: str, out: str) -> None:
    with Project.open(project_path, read_only=True) as project:
        while True:
            write_hf(project.documents(batch=BATCH).watched(on_batch), Path(out), project.schema)
            print("EXPORTED", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

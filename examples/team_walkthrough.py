"""The team workflow end to end: ``python examples/team_walkthrough.py [WORKDIR]``.

Three annotators on the seed article plus the first 30 CoNLL-2003 dev documents (read from
``../shared/data``): import and pre-label, split with overlap 0.5, each annotator works in their
own file (simulated: alice accepts the gold annotations, bob replaces the entities with the
model's suggestions, carol accepts the gold but deletes every MISC), merge, agreement, export,
and a screenshot of review mode on a copy (``--screenshot DIR``).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.editing.commands import AddSpan, Editor, RemoveSpan, SetStatus
from annotator.model import ENTITIES, Status
from annotator.store.project import Project
from ui.cli import main as cli

CONLL = ROOT.parent / "shared" / "data" / "conll2003" / "conllpp_dev.txt"
SEED = ROOT / "seeds" / "000_dee6aa68779bce6e.txt"


def first_docs(n: int, out: Path) -> Path:
    docs = CONLL.read_text(encoding="utf-8").split("-DOCSTART- -X- -X- O")[1:n + 1]
    out.write_text("".join("-DOCSTART- -X- -X- O" + d for d in docs), encoding="utf-8")
    return out


def work(path: Path, how: str) -> None:
    with Project.open(path) as project:
        editor = Editor(project)
        for aid in project.ids():
            if how == "model":
                for s in project.spans(aid, ENTITIES):
                    editor.execute(RemoveSpan(aid, ENTITIES, s.id))
                for s in project.suggestions(aid, ENTITIES):
                    editor.execute(AddSpan(aid, ENTITIES, s.start, s.end, s.label, replace=True))
            elif how == "no-misc":
                for s in project.spans(aid, ENTITIES):
                    if s.label == "MISC":
                        editor.execute(RemoveSpan(aid, ENTITIES, s.id))
            editor.execute(SetStatus(aid, Status.DONE))


def run(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("workdir", type=Path, nargs="?", default=Path("/tmp/team-walkthrough"))
    p.add_argument("--screenshot", type=Path, help="folder for review.png (taken under xvfb-run)")
    args = p.parse_args(argv)
    w = args.workdir
    shutil.rmtree(w, ignore_errors=True)
    w.mkdir(parents=True)
    lead = str(w / "lead.annotator")
    steps = [
        ["import", lead, str(SEED), str(first_docs(30, w / "conll_dev30.txt")), "--schema", str(ROOT / "examples" / "conll2003_schema.json")],
        ["prelabel", lead],
        ["split", lead, "--annotators", "alice,bob,carol", "--overlap", "0.5", str(w / "team")],
    ]
    for step in steps:
        print("$ annotator " + " ".join(step), flush=True)
        if cli(step) != 0:
            return 1
    for name, how in (("alice", "gold"), ("bob", "model"), ("carol", "no-misc")):
        work(w / "team" / f"{name}.annotator", how)
    for step in (["merge", lead, *(str(w / "team" / f"{n}.annotator") for n in ("alice", "bob", "carol"))],
                 ["agreement", lead], ["export", lead, str(w / "hf")]):
        print("$ annotator " + " ".join(step), flush=True)
        if cli(step) not in (0,):
            return 1
    if args.screenshot:
        copy = w / "review-copy.annotator"
        shutil.copy(lead, copy)
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-m", "ui.app.screenshots.review_screenshot",
                        str(copy), "--out", str(args.screenshot)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(run())

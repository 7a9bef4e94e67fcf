"""Runs the workload child, SIGKILLs it at a random moment, and checks what survived."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from annotator.editing.commands import Editor
from annotator.nlp.tokenizer import blank_pipeline
from annotator.store.project import Project
from exports.hf.dataset import write_hf
from tests.conftest import ROOT, SEED, add_text
from tests.reliability.workload import content_hash, journal_hash


@dataclass
class KillStats:
    kills: int = 0
    acked_steps: int = 0
    killed_mid_step: int = 0  # a BEGIN without its ACK: the kill landed inside a step
    in_flight_landed: int = 0  # ...and that step's commit had landed before the kill

    @property
    def in_flight_lost(self) -> int:
        """Kills inside a step whose commit had not landed (or that changed nothing)."""
        return self.killed_mid_step - self.in_flight_landed
    exports: int = 0


def make_project(path: Path, schema) -> None:
    base = SEED.read_text(encoding="utf-8")
    with Project.create(path, schema) as p:
        add_text(p, base)
        add_text(p, "Breaking: Trump meets Tokayev in Washington.\n\nAxios reported on Thursday that the talks went well.")
        add_text(p, "Israel and Kazakhstan signed an accord.\nمرحبا بالعالم 🎉 Emoji and right-to-left text.\r\nEnd.")


def _run_child(path: Path, seed: int, delay: float) -> tuple[list[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.workload", str(path), str(seed)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: list[str] = []
    ready = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("ACK "):  # the workload is stepping: the random delay starts now
                ready.set()
        ready.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        ready.wait(600)
        time.sleep(delay)  # where the kill lands, not a wait for the child (that is the ACK above)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(30)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert any(line.startswith("ACK ") for line in lines), f"the workload never acknowledged a step: {stderr}"
    assert proc.returncode == -signal.SIGKILL, f"the workload died by itself (rc {proc.returncode}): {stderr}"
    return [line for line in lines if line.endswith("\n")], stderr


def kill_rounds(path: Path, out: Path, kills: int, seed: int, max_delay: float = 0.4) -> KillStats:
    """``kills`` rounds of run-kill-check on the project at ``path`` (created by :func:`make_project`)."""
    rng = random.Random(seed)
    nlp = blank_pipeline()
    stats = KillStats()
    with Project.open(path) as p:
        acked = (content_hash(p), journal_hash(p))
    for round_no in range(kills):
        lines, _ = _run_child(path, rng.randrange(1 << 30), rng.uniform(0, max_delay))
        stats.kills += 1
        acks = [line.split() for line in lines if line.startswith("ACK ")]
        begins = [line.split() for line in lines if line.startswith("BEGIN ")]
        stats.acked_steps += len(acks)
        if acks:
            acked = (acks[-1][2], acks[-1][3])
        in_flight = begins[-1][2] if begins and (not acks or int(begins[-1][1]) > int(acks[-1][1])) else None
        stats.killed_mid_step += in_flight is not None
        with Project.open(path) as p:
            where = f"round {round_no}, after {len(acks)} acks, in flight: {in_flight}"
            assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", where
            editor = Editor(p, nlp)
            state = (content_hash(p), journal_hash(p))
            if state != acked:
                assert in_flight is not None, f"{where}: the stored state is not the last acknowledged one"
                # The step in flight committed before the kill: stepping it back must give the ack.
                (editor.redo if in_flight == "undo" else editor.undo)()
                assert content_hash(p) == acked[0], f"{where}: neither the acked state nor one step past it"
                (editor.undo if in_flight == "undo" else editor.redo)()
                assert (content_hash(p), journal_hash(p)) == state, where
                stats.in_flight_landed += 1
            if editor.undo_text() is not None:
                editor.undo()
                editor.redo()
                assert (content_hash(p), journal_hash(p)) == state, f"{where}: undo then redo changed the project"
            docs = list(p.documents())
            assert len(docs) == p.count() == 3, where
            write_hf(docs, out, p.schema, tokenizer_nlp=nlp)
            stats.exports += 1
            acked = state
    return stats

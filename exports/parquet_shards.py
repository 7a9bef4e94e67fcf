"""Parquet shards of one config and split, written on a background thread.

Selecting a split's rows and turning them into Parquet (encoding, zstd) release the GIL, so a
writer thread lets the export build the next batch on the other core meanwhile.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


class ShardWriter:
    """Streams record batches of one config and split into Parquet shards of at most ~``shard_bytes``."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, shard_bytes: int) -> None:
        self.folder, self.split, self.schema, self.shard_bytes = folder, split, schema, shard_bytes
        self.shards: list[Path] = []
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def write(self, rows: pa.RecordBatch) -> None:
        if self.writer is not None and rows.num_rows and self.shards[-1].stat().st_size >= self.shard_bytes:
            self.writer.close()
            self.writer = None
        if self.writer is None and (rows.num_rows or not self.shards):
            self.shards.append(self.folder / f"{self.split}-{len(self.shards):05d}.partial")
            self.writer = pq.ParquetWriter(self.shards[-1], self.schema, compression="zstd")
        if rows.num_rows and self.writer is not None:
            self.writer.write_batch(rows)
            self.rows += rows.num_rows

    def close(self) -> int:
        """Finish (an empty file when there were no rows) and name the shards."""
        if not self.shards:
            self.write(pa.RecordBatch.from_pylist([], schema=self.schema))
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        total = len(self.shards)
        for k, shard in enumerate(self.shards):
            shard.rename(shard.with_name(f"{self.split}-{k:05d}-of-{total:05d}.parquet"))
        return self.rows

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class BackgroundWriter:
    """Runs ``ShardWriter.write`` calls in order on one thread; at most ``depth`` batches wait."""

    def __init__(self, depth: int = 4) -> None:
        self.jobs: queue.Queue[tuple[ShardWriter, pa.RecordBatch, pa.Array] | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="parquet-writer", daemon=True)
        self.thread.start()

    def write(self, writer: ShardWriter, rows: pa.RecordBatch, keep: pa.Array) -> None:
        """Queue the rows selected by the boolean array ``keep`` for ``writer``."""
        self._raise()
        self.jobs.put((writer, rows, keep))

    def finish(self) -> None:
        """Wait until everything queued is written; raises what the thread raised."""
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()
        self._raise()

    def abort(self) -> None:
        """Skip what is queued and stop the thread (the shards are abandoned by the caller)."""
        self.cancelled = True
        if self.thread.is_alive():
            self.jobs.put(None)  # the thread keeps taking jobs, so there is room soon
            self.thread.join()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is None and not self.cancelled:
                try:
                    writer, rows, keep = job
                    writer.write(rows.filter(keep))
                except BaseException as exc:  # handed to the export's thread by _raise
                    self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

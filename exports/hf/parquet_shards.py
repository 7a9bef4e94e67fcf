"""Parquet shards of one config and split, written on background threads.

Rows wait in memory until they make a row group of ~``ROW_GROUP_BYTES`` (or the writers together
hold ``BUFFER_BYTES``): few large row groups are cheaper to encode and compress than one per batch.
Turning rows into Parquet (encoding, zstd) releases the GIL, so writer threads let the export
build the next batch meanwhile.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_BYTES = 16 * 1024 * 1024
BUFFER_BYTES = 64 * 1024 * 1024


class ShardWriter:
    """Streams record batches of one config and split into Parquet shards of at most ~``shard_bytes``."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, shard_bytes: int,
                 row_group_bytes: int = ROW_GROUP_BYTES) -> None:
        self.folder, self.split, self.schema, self.shard_bytes = folder, split, schema, shard_bytes
        self.row_group_bytes = min(row_group_bytes, shard_bytes)
        # Min/max of list columns and long texts help no reader and cost encoding time.
        self.statistics = [f.name for f in schema if not pa.types.is_nested(f.type) and f.name != "text"]
        self.shards: list[Path] = []
        self.writer: pq.ParquetWriter | None = None
        self.pending: list[pa.RecordBatch] = []
        self.pending_bytes = 0
        self.rows = 0

    def write(self, rows: pa.RecordBatch) -> None:
        """Add rows; they reach the file with the next row group."""
        if rows.num_rows:
            if rows.get_total_buffer_size() > 2 * rows.nbytes:
                rows = pa.concat_batches([rows])  # a compact copy: a small slice would hold its whole batch
            self.pending.append(rows)
            self.pending_bytes += rows.nbytes
            self.rows += rows.num_rows
        if self.pending_bytes >= self.row_group_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the waiting rows as one row group (into a new shard if the current one is full)."""
        if self.writer is not None and self.pending and self.shards[-1].stat().st_size >= self.shard_bytes:
            self.writer.close()
            self.writer = None
        if self.writer is None and (self.pending or not self.shards):
            self.shards.append(self.folder / f"{self.split}-{len(self.shards):05d}.partial")
            self.writer = pq.ParquetWriter(self.shards[-1], self.schema, compression="zstd",
                                           write_statistics=self.statistics)
        if self.pending and self.writer is not None:
            table = pa.Table.from_batches(self.pending, self.schema)
            self.pending, self.pending_bytes = [], 0
            self.writer.write_table(table, row_group_size=table.num_rows)

    def close(self) -> int:
        """Finish (an empty file when there were no rows) and name the shards; returns the row count."""
        self.flush()
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        total = len(self.shards)
        for k, shard in enumerate(self.shards):
            shard.rename(shard.with_name(f"{self.split}-{k:05d}-of-{total:05d}.parquet"))
        return self.rows

    def abort(self) -> None:
        self.pending, self.pending_bytes = [], 0
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class BackgroundWriter:
    """Runs ``ShardWriter.write`` calls on ``lanes`` threads, each writer's calls in order on one
    of them; at most ``depth`` calls wait per lane, and the writers of a lane keep their waiting
    rows under ``buffer_bytes / lanes`` together.

    Two lanes let Parquet encoding use both cores whenever the rows come faster than one thread
    encodes them. A writer gets the lane that has been handed the fewest bytes so far.
    """

    def __init__(self, depth: int = 27, buffer_bytes: int = BUFFER_BYTES, lanes: int = 2) -> None:
        self.lanes = [_Lane(depth, buffer_bytes // lanes, k) for k in range(lanes)]
        self.lane_of: dict[ShardWriter, _Lane] = {}

    @property
    def error(self) -> BaseException | None:
        return next((lane.error for lane in self.lanes if lane.error is not None), None)

    def write(self, writer: ShardWriter, rows: pa.RecordBatch) -> None:
        """Queue ``rows`` for ``writer``."""
        self._raise()
        lane = self.lane_of.get(writer)
        if lane is None:
            lane = self.lane_of[writer] = min(self.lanes, key=lambda candidate: candidate.handed)
        lane.handed += rows.nbytes
        lane.jobs.put((writer, rows))

    def finish(self) -> None:
        """Wait until everything queued is handed to its writer; raises what a thread raised."""
        for lane in self.lanes:
            lane.stop()
        self._raise()

    def abort(self) -> None:
        """Skip what is queued and stop the threads (the shards are abandoned by the caller)."""
        for lane in self.lanes:
            lane.cancelled = True
        for lane in self.lanes:
            lane.stop()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


class _Lane:
    """One writer thread and the writers it serves."""

    def __init__(self, depth: int, buffer_bytes: int, k: int) -> None:
        self.jobs: queue.Queue[tuple[ShardWriter, pa.RecordBatch] | None] = queue.Queue(maxsize=depth)
        self.buffer_bytes = buffer_bytes
        self.handed = 0
        self.writers: set[ShardWriter] = set()  # those that got rows
        self.error: BaseException | None = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name=f"parquet-writer-{k}", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.jobs.put(None)  # the thread keeps taking jobs, so there is room soon
            self.thread.join()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is None and not self.cancelled:
                try:
                    writer, rows = job
                    writer.write(rows)
                    self.writers.add(writer)
                    self._within_budget()
                except BaseException as exc:  # handed to the export's thread by BackgroundWriter._raise
                    self.error = exc

    def _within_budget(self) -> None:
        waiting = sorted(self.writers, key=lambda w: w.pending_bytes)
        total = sum(w.pending_bytes for w in waiting)
        while total > self.buffer_bytes and waiting:
            largest = waiting.pop()
            total -= largest.pending_bytes
            largest.flush()

"""Shard writers buffer rows into few large row groups, within a memory budget, in order."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from exports.hf.parquet_shards import BackgroundWriter, ShardWriter

SCHEMA = pa.schema([("id", pa.string()), ("tokens", pa.list_(pa.string()))])


def rows(first: int, n: int) -> pa.RecordBatch:
    ids = [f"row-{i}" for i in range(first, first + n)]
    return pa.RecordBatch.from_pylist([{"id": i, "tokens": [i, "x" * 50]} for i in ids], schema=SCHEMA)


def written(folder) -> tuple[list[str], list[int]]:  # type: ignore[no-untyped-def]
    """Row ids of every shard in name order, and each shard's row group count."""
    ids: list[str] = []
    groups: list[int] = []
    for f in sorted(folder.glob("*.parquet")):
        ids += pq.read_table(f).column("id").to_pylist()
        groups.append(pq.ParquetFile(f).num_row_groups)
    return ids, groups


def test_small_batches_become_one_row_group(tmp_path):
    writer = ShardWriter(tmp_path, "train", SCHEMA, shard_bytes=2**30)
    for k in range(20):
        writer.write(rows(10 * k, 10))
    assert writer.close() == 200
    ids, groups = written(tmp_path)
    assert ids == [f"row-{i}" for i in range(200)] and groups == [1]


def test_row_groups_close_at_their_size(tmp_path):
    one = rows(0, 10).nbytes
    writer = ShardWriter(tmp_path, "train", SCHEMA, shard_bytes=2**30, row_group_bytes=3 * one)
    for k in range(9):
        writer.write(rows(10 * k, 10))
    writer.close()
    ids, groups = written(tmp_path)
    assert ids == [f"row-{i}" for i in range(90)] and groups == [3]


def test_statistics_only_for_plain_columns(tmp_path):
    writer = ShardWriter(tmp_path, "train", SCHEMA, shard_bytes=2**30)
    writer.write(rows(0, 5))
    writer.close()
    group = pq.ParquetFile(next(tmp_path.glob("*.parquet"))).metadata.row_group(0)
    stats = {group.column(c).path_in_schema: group.column(c).is_stats_set for c in range(group.num_columns)}
    assert stats == {"id": True, "tokens.list.element": False}


def test_a_small_slice_does_not_keep_its_whole_batch(tmp_path):
    writer = ShardWriter(tmp_path, "test", SCHEMA, shard_bytes=2**30)
    big = rows(0, 1000)
    writer.write(big.slice(10, 5))
    (held,) = writer.pending
    assert held.get_total_buffer_size() < big.get_total_buffer_size() / 10
    writer.close()
    assert written(tmp_path)[0] == [f"row-{i}" for i in range(10, 15)]


def test_the_writers_together_stay_within_the_budget(tmp_path):
    one = rows(0, 10).nbytes
    background = BackgroundWriter(buffer_bytes=4 * one)
    writers = [ShardWriter(tmp_path / s, s, SCHEMA, shard_bytes=2**30) for s in ("a", "b", "c")]
    for w in writers:
        w.folder.mkdir()
    for k in range(30):
        background.write(writers[k % 3], rows(10 * k, 10))
    background.finish()
    assert sum(w.pending_bytes for w in writers) <= 4 * one
    for k, w in enumerate(writers):
        w.close()
        ids, groups = written(w.folder)
        assert ids == [f"row-{i}" for j in range(k, 30, 3) for i in range(10 * j, 10 * j + 10)]
        assert len(groups) == 1 and groups[0] > 1  # the budget closed row groups early

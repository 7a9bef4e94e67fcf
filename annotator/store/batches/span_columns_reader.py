"""Reading a project's spans straight into Arrow columns (ADBC's SQLite driver), no Python row objects.

Reading five million span rows through ``sqlite3`` makes twenty-five million Python objects; the
ADBC driver hands back Arrow arrays built in C. It opens the project file with its own SQLite,
read-only; the project stays in WAL mode, so reading never blocks the annotator's edits.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import numpy as np
import pyarrow as pa

from annotator.model import ENTITIES
from annotator.store.batches.article_batches import SpanColumns

BATCH_ROWS = 65536

# NOT NULL columns only: the driver infers a column's type from its first rows, so a score that is
# NULL there would be typed INT64 and fail on the first real number. NULL scores become a flag.
# The bounds are integers formatted in; the driver's own parameter binding goes through its DB-API
# layer, whose import alone (pyarrow.dataset) costs a third of a second.
_SQL = {
    "spans": "SELECT article, layer = '{layer}' AS entity, start, end, label FROM spans "
             "WHERE article BETWEEN {first:d} AND {last:d} ORDER BY article, layer, start, end, label",
    "suggestions": "SELECT article, layer = '{layer}' AS entity, start, end, label, ifnull(score, 0.0) AS score, "
                   "score IS NULL AS unscored FROM suggestions WHERE article BETWEEN {first:d} AND {last:d} "
                   "ORDER BY article, layer, start, end, label",
}


class SpanColumnsReader:
    """Entities and sections of a range of articles, as :class:`SpanColumns`."""

    def __init__(self, path: Path, immutable: bool = False) -> None:
        """``immutable``: the file is on read-only media or a full disk (see ``connection._read_only``)."""
        import adbc_driver_manager
        import adbc_driver_sqlite

        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        self.db = adbc_driver_sqlite.connect(f"file:{quote(str(Path(path).absolute()))}?{flags}")
        self.conn = adbc_driver_manager.AdbcConnection(self.db)
        self.statement = adbc_driver_manager.AdbcStatement(self.conn)
        # A batch's spans in one Arrow chunk rather than one per 1,024 rows.
        self.statement.set_options(**{adbc_driver_sqlite.StatementOptions.BATCH_ROWS.value: str(BATCH_ROWS)})

    def close(self) -> None:
        self.statement.close()
        self.conn.close()
        self.db.close()

    def layers(self, table: str, seqs: list[int]) -> tuple[SpanColumns, SpanColumns]:
        """Entities and sections of the articles ``seqs`` (ascending) from ``table``, in one pass over its index."""
        self.statement.set_sql_query(_SQL[table].format(layer=ENTITIES, first=int(seqs[0]), last=int(seqs[-1])))
        stream, _ = self.statement.execute_query()
        rows = pa.RecordBatchReader.from_stream(stream).read_all()
        scored = table == "suggestions"
        if not rows.num_rows:
            return SpanColumns.empty(scored), SpanColumns.empty(scored)
        wanted = np.array(seqs, dtype=np.int64)
        article = rows.column("article").to_numpy()
        doc = np.searchsorted(wanted, article)
        known = wanted[np.minimum(doc, len(wanted) - 1)] == article  # a status filter leaves gaps
        entity = rows.column("entity").to_numpy().astype(bool)
        start, end = rows.column("start").to_numpy(), rows.column("end").to_numpy()
        label = rows.column("label").combine_chunks()
        score = None
        if scored:
            unscored = rows.column("unscored").to_numpy().astype(bool)
            score = pa.array(rows.column("score").to_numpy(), pa.float64(), mask=unscored)
        out = []
        for mask in (known & entity, known & ~entity):
            keep = pa.array(mask)
            out.append(SpanColumns(doc[mask], start[mask], end[mask], label.filter(keep),
                                   score.filter(keep) if score is not None else None))
        return out[0], out[1]

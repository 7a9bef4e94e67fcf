"""Ordered schema migrations of the project file.

``PRAGMA user_version`` holds the schema version; each migration runs in the same transaction as
the version bump, so a crash mid-migration leaves the file at the previous version, intact.
Append new migrations; never edit a released one.
"""
from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x414E4E54  # "ANNT": marks a SQLite file as a project of this tool

MIGRATIONS: tuple[str, ...] = (
    # 1: the first released schema
    """
    CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT,
        url TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        preview TEXT NOT NULL DEFAULT '',
        length INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'new',
        annotator TEXT,
        updated_at INTEGER,
        touched INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_status ON articles(status, seq);
    CREATE TABLE texts (seq INTEGER PRIMARY KEY REFERENCES articles(seq), text TEXT NOT NULL);
    CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(seq),
        layer TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        score REAL
    );
    CREATE INDEX suggestions_article ON suggestions(article, layer, start);
    CREATE TABLE prelabels (
        article INTEGER NOT NULL REFERENCES articles(seq),
        layer TEXT NOT NULL,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (article, layer)
    );
    CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(seq),
        layer TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        origin TEXT NOT NULL
    );
    CREATE INDEX spans_article ON spans(article, layer, start);
    CREATE TABLE journal (
        seq INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(seq),
        command TEXT NOT NULL,
        ops TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL
    );
    CREATE INDEX journal_undone ON journal(undone, seq);
    CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the view reads an article's spans in order from the index alone (no table lookups, no sort)
    """
    DROP INDEX spans_article;
    CREATE INDEX spans_article ON spans(article, layer, start, end, label, origin);
    """,
    # 3: articles per status kept by triggers, so opening a large project counts nothing
    """
    CREATE TABLE status_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL);
    INSERT INTO status_counts(status, n) SELECT status, count(*) FROM articles GROUP BY status;
    CREATE TRIGGER articles_counted_insert AFTER INSERT ON articles BEGIN
        INSERT INTO status_counts(status, n) VALUES (NEW.status, 1)
            ON CONFLICT(status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER articles_counted_delete AFTER DELETE ON articles BEGIN
        UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
    END;
    CREATE TRIGGER articles_counted_status AFTER UPDATE OF status ON articles WHEN OLD.status != NEW.status BEGIN
        UPDATE status_counts SET n = n - 1 WHERE status = OLD.status;
        INSERT INTO status_counts(status, n) VALUES (NEW.status, 1)
            ON CONFLICT(status) DO UPDATE SET n = n + 1;
    END;
    """,
    # 4: token boundaries kept from pre-labeling, so token-level exports need not tokenize again
    """
    CREATE TABLE tokens (seq INTEGER PRIMARY KEY REFERENCES articles(seq), data BLOB NOT NULL);
    """,
    # 5: each article's spans packed in one blob for exports (annotator.store.batches.span_packs); any change to
    # an article's spans drops its pack
    """
    CREATE TABLE span_labels (code INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
    CREATE TABLE span_packs (seq INTEGER PRIMARY KEY REFERENCES articles(seq), data BLOB NOT NULL);
    CREATE TRIGGER spans_unpack_insert AFTER INSERT ON spans BEGIN
        DELETE FROM span_packs WHERE seq = NEW.article;
    END;
    CREATE TRIGGER spans_unpack_delete AFTER DELETE ON spans BEGIN
        DELETE FROM span_packs WHERE seq = OLD.article;
    END;
    CREATE TRIGGER spans_unpack_update AFTER UPDATE ON spans BEGIN
        DELETE FROM span_packs WHERE seq IN (OLD.article, NEW.article);
    END;
    """,
    # 6: tokens an article arrived with (CoNLL, Prodigy, DocBin, HF ner), kept as its tokens (annotator.store.source_tokens);
    # each text's content hash, so the import finds the same text under another id (filled by the import for older articles)
    """
    CREATE TABLE source_tokens (seq INTEGER PRIMARY KEY REFERENCES articles(seq), data BLOB NOT NULL);
    CREATE TABLE text_keys (seq INTEGER PRIMARY KEY REFERENCES articles(seq), key TEXT NOT NULL);
    CREATE INDEX text_keys_key ON text_keys(key);
    """,
    # 7 (issue 19, teams): who made each current annotation and journal entry; each annotator's
    # version of an article as its own layer (never mixed with the current annotations; a newer
    # merge of the same annotator's article keeps the older one with current = 0); the articles
    # whose current annotations are an adjudication of those versions
    """
    ALTER TABLE spans ADD COLUMN annotator TEXT;
    ALTER TABLE journal ADD COLUMN annotator TEXT;
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(seq),
        annotator TEXT NOT NULL,
        status TEXT NOT NULL,
        updated_at INTEGER,
        source TEXT NOT NULL,
        digest TEXT NOT NULL,
        merged_at INTEGER NOT NULL,
        current INTEGER NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX versions_current ON versions(article, annotator) WHERE current = 1;
    CREATE TABLE version_spans (
        version INTEGER NOT NULL REFERENCES versions(id),
        layer TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL
    );
    CREATE INDEX version_spans_version ON version_spans(version, layer, start);
    CREATE TABLE adjudications (
        article INTEGER PRIMARY KEY REFERENCES articles(seq),
        annotator TEXT,
        at INTEGER NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Bring a project file from version ``current`` to :data:`SCHEMA_VERSION`, step by step."""
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            if current == 0 and version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out

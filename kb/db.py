"""The kb.db schema: created and migrated here, and nowhere else.

The table and column names are a contract (docs/schema.md): Datasette's canned queries,
newsletters' JSON clients and the evaluation script read them.
"""
import os
import sqlite3
from contextlib import contextmanager

import sqlite_utils

SCHEMA_VERSION = 1

# Tables in creation order (parents before children, so foreign keys resolve).
TABLES = {
    "sources": dict(
        columns={
            "name": str, "kind": str, "url": str, "publisher": str,
            "last_harvest": str, "last_status": str, "last_success": str,
            "consecutive_failures": int, "last_error": str,
        },
        pk="name",
        defaults={"consecutive_failures": 0},
    ),
    "documents": dict(
        columns={
            "id": int, "url": str, "source": str, "publisher": str, "kind": str,
            "title": str, "author": str, "published": str, "updated": str,
            "text": str, "content_hash": str, "fetched_at": str, "first_seen": str,
            "details": str,  # JSON: what the source says about the document beyond its text (consultation dates)
        },
        pk="id",
        not_null={"url", "text"},
        foreign_keys=[("source", "sources", "name")],
    ),
    "document_versions": dict(
        columns={
            "id": int, "document_id": int, "content_hash": str, "title": str, "text": str, "published": str,
            "updated": str, "fetched_at": str, "replaced_at": str, "diff": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    ),
    "http_cache": dict(
        columns={"url": str, "etag": str, "last_modified": str, "updated_at": str},
        pk="url",
    ),
    "refused_urls": dict(
        columns={"url": str, "source": str, "reason": str, "refused_at": str, "checked_at": str},
        pk="url",
    ),
    "entities": dict(
        columns={"id": int, "type": str, "name": str, "ons_code": str, "description": str},
        pk="id",
        not_null={"type", "name"},
    ),
    "aliases": dict(
        columns={"entity_id": int, "alias": str},
        pk=("entity_id", "alias"),
        foreign_keys=[("entity_id", "entities", "id")],
    ),
    "mentions": dict(
        columns={"id": int, "document_id": int, "entity_id": int, "text": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("entity_id", "entities", "id")],
    ),
    "events": dict(
        columns={
            "id": int, "type": str, "date": str, "year": str, "summary": str, "key": str,
            "first_reported": str, "first_document_id": int, "first_seen": str,
            "participants": str, "source_count": int,
        },
        pk="id",
        not_null={"type", "key"},
        defaults={"source_count": 0},
        foreign_keys=[("first_document_id", "documents", "id")],
    ),
    "event_sources": dict(
        columns={"event_id": int, "document_id": int, "sentence": str, "start": int, "end": int, "date_text": str,
                 "date": str, "summary": str},
        pk=("event_id", "document_id", "start"),
        foreign_keys=[("event_id", "events", "id"), ("document_id", "documents", "id")],
    ),
    "event_entities": dict(
        columns={"event_id": int, "entity_id": int, "role": str},
        pk=("event_id", "entity_id", "role"),
        foreign_keys=[("event_id", "events", "id"), ("entity_id", "entities", "id")],
    ),
    "figures": dict(
        columns={
            "id": int, "document_id": int, "amount_gbp": float, "text": str, "sentence": str,
            "measure": str, "period": str, "start": int, "end": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    ),
    "entity_links": dict(
        columns={"entity_id": int, "related_id": int, "relation": str, "event_id": int},
        pk=("entity_id", "related_id", "relation"),
        foreign_keys=[("entity_id", "entities", "id"), ("related_id", "entities", "id"),
                      ("event_id", "events", "id")],
    ),
    "person_roles": dict(
        columns={
            "id": int, "person_id": int, "role": str, "organisation_id": int, "start": str, "end": str,
            "start_event_id": int, "end_event_id": int, "document_id": int,
        },
        pk="id",
        foreign_keys=[("person_id", "entities", "id"), ("organisation_id", "entities", "id"),
                      ("start_event_id", "events", "id"), ("end_event_id", "events", "id"),
                      ("document_id", "documents", "id")],
    ),
    "enrichments": dict(
        columns={"document_id": int, "content_hash": str, "pipeline_version": str, "enriched_at": str},
        pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    ),
    "harvest_runs": dict(
        columns={
            "run_id": str, "source": str, "started": str, "finished": str, "status": str,
            "new": int, "updated": int, "unchanged": int, "failed": int, "error": str, "refused": int,
        },
        pk=("run_id", "source"),
        foreign_keys=[("source", "sources", "name")],
    ),
    # Where each page's raw response lies in the WARC files (harvester/archive.py), so /document/<id> can show the
    # copy as it was fetched: `warc_file` relative to the database's directory, the gzip member's offset and length.
    "archive_records": dict(
        columns={
            "id": int, "url": str, "fetched_url": str, "warc_file": str, "warc_offset": int, "warc_length": int,
            "content_type": str, "fetched_at": str,
        },
        pk="id",
    ),
    "fetches": dict(
        columns={
            "id": int, "run_id": str, "url": str, "status": int, "bytes": int,
            "duration_ms": int, "error": str, "fetched_at": str,
        },
        pk="id",
    ),
    # Consultations as things with dates and a status (kb/consultations.py rebuilds it after enrichment):
    # the status (open, closed, outcome published) is computed when read, from closing_date and outcome_url.
    "consultations": dict(
        columns={
            "id": int, "key": str, "title": str, "organisation": str, "opening_date": str, "closing_date": str,
            "outcome_url": str, "url": str, "document_id": int, "event_id": int, "origin": str, "sentence": str,
        },
        pk="id",
        not_null={"key"},
        foreign_keys=[("document_id", "documents", "id"), ("event_id", "events", "id")],
    ),
    # Dates ahead that a researcher plans around, read from documents (kb/consultations.py): a consultation
    # opening or closing, a board meeting. The calendar lists them with the dated events.
    "key_dates": dict(
        columns={"id": int, "date": str, "kind": str, "title": str, "url": str, "document_id": int,
                 "consultation_id": int, "sentence": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("consultation_id", "consultations", "id")],
    ),
    # What `kb digest --smtp` has sent, so a cron job never sends the same event or document twice to one
    # recipient for one watch; written only after the server accepted the message.
    "digest_sent": dict(
        columns={"watch": str, "recipient": str, "item": str, "sent_at": str},
        pk=("watch", "recipient", "item"),
    ),
}

INDEXES = [
    ("documents", ["url"], True),
    ("documents", ["published"], False),
    ("documents", ["source"], False),
    ("documents", ["first_seen"], False),  # what is new since a time: feeds, digests, events' `updated`
    # The documents table's facets (publisher, kind, source) read these instead of every row: at 100,000 documents
    # the three facets took 410 ms, now about 40 (bench/serving.py).
    ("documents", ["publisher"], False),
    ("documents", ["kind"], False),
    ("document_versions", ["document_id"], False),
    ("entities", ["type", "name"], True),
    ("entities", ["ons_code"], False),
    ("aliases", ["alias"], False),
    ("mentions", ["document_id"], False),
    ("mentions", ["entity_id"], False),
    ("events", ["key"], True),
    ("events", ["type", "date"], False),
    ("events", ["first_seen"], False),
    # Newest events first without reading the table: covers the timeline's order (date, id) and its type
    # filter, so the first page of the timeline query and of /timeline stops after a page (bench/serving.py).
    # It also serves every lookup by date alone, so new databases get no separate index on events(date).
    ("events", ["date", "id", "type"], False),
    ("event_sources", ["document_id"], False),
    # The events an entity took part in, from the index alone: the timeline's entity filter and the person and
    # ICS pages (for an entity in 13,000 events at 100,000 documents, 11 ms -> 3.5 ms; bench/serving.py). It
    # also serves every lookup by entity_id alone, which had an index of its own before.
    ("event_entities", ["entity_id", "event_id"], False),
    ("figures", ["document_id"], False),
    ("person_roles", ["person_id"], False),
    # The people in an organisation's roles, newest first (/organisation/<id>)
    ("person_roles", ["organisation_id", "start"], False),
    ("harvest_runs", ["source", "started"], False),
    ("fetches", ["url"], False),
    ("consultations", ["key"], True),
    ("key_dates", ["date"], False),
    ("archive_records", ["url", "fetched_at"], False),
]


# Each event's participants (names, people and organisations but not roles, '; '-separated) and how many
# documents cite it are kept on its row by the triggers below, whatever writes event_entities, event_sources
# or entities: the timeline and new_events queries and the events table read them without two subqueries
# per event (at 100,000 documents the timeline query's SQL went from about 7 to 2 ms; bench/serving.py).
PARTICIPANTS_OF = ("(select group_concat(en.name, '; ') from event_entities ee "
                   "join entities en on en.id = ee.entity_id where ee.event_id = {event} and en.type != 'ROLE')")
SOURCE_COUNT_OF = "(select count(distinct s.document_id) from event_sources s where s.event_id = {event})"


def _event_triggers():
    participants = "update events set participants = " + PARTICIPANTS_OF + " where id = {event};"
    source_count = "update events set source_count = " + SOURCE_COUNT_OF + " where id = {event};"
    triggers = {}
    for table, refresh, keys in (("event_entities", participants, "event_id, entity_id"),
                                 ("event_sources", source_count, "event_id, document_id")):
        triggers[f"{table}_refresh_event_after_insert"] = (
            f"after insert on {table}", refresh.format(event="new.event_id"))
        triggers[f"{table}_refresh_event_after_delete"] = (
            f"after delete on {table}", refresh.format(event="old.event_id"))
        triggers[f"{table}_refresh_event_after_update"] = (  # a citation or participant moved between events
            f"after update of {keys} on {table}",
            refresh.format(event="old.event_id") + refresh.format(event="new.event_id"))
    triggers["entities_refresh_events_after_update"] = (
        "after update of name, type on entities",
        "update events set participants = " + PARTICIPANTS_OF.format(event="events.id")
        + " where id in (select event_id from event_entities where entity_id = new.id);")
    return triggers


EVENT_TRIGGERS = _event_triggers()


def refresh_event_columns(db):
    """Recompute every event's participants and source_count (the triggers keep them current after)."""
    db.conn.execute(f"update events set participants = {PARTICIPANTS_OF.format(event='events.id')}, "
                    f"source_count = {SOURCE_COUNT_OF.format(event='events.id')}")


def default_path():
    return os.environ.get("KB_DB", "kb.db")


def connect(path=None):
    """Open (creating or migrating if needed) the knowledge base at `path`."""
    db = sqlite_utils.Database(path or default_path())
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA busy_timeout = 30000")
    if path != ":memory:":
        db.conn.execute("PRAGMA journal_mode = WAL")
    # One write transaction: a process killed while creating a new database leaves no half-made schema
    # (the full-text index without the triggers that keep it current would never be repaired), and
    # processes opening a new database together take turns (in sqlite-utils' deferred transactions the
    # loser failed 'database is locked' at once: the busy timeout cannot help a stale read snapshot).
    with write_transaction(db):
        ensure_schema(db)
    return db


def ensure_schema(db):
    """Create missing tables, columns, indexes, triggers and the full-text index; safe to call every time."""
    added = set()
    for name, spec in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(
                spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"),
                defaults=spec.get("defaults"), foreign_keys=spec.get("foreign_keys"),
            )
        else:  # migration: add columns introduced by later versions
            existing = set(table.columns_dict)
            for column, col_type in spec["columns"].items():
                if column not in existing:
                    table.add_column(column, col_type)
                    added.add((name, column))
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    for name, (when, body) in EVENT_TRIGGERS.items():
        db.conn.execute(f"create trigger if not exists {name} {when} for each row begin {body} end")
    if {("events", "participants"), ("events", "source_count")} & added:
        refresh_event_columns(db)  # an older database: fill the new columns once, the triggers keep them
    if not db["documents"].detect_fts():
        db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def write_transaction(db):
    """A transaction that takes the write lock up front (BEGIN IMMEDIATE), so concurrent writers wait
    for each other (busy_timeout) instead of failing on a stale read snapshot; commits or rolls back."""
    if db.conn.in_transaction:
        db.conn.commit()
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


def insert_statement(table, columns, ignore=False):
    """Plain SQL inserting one row of `columns` (quoted: 'end' is a keyword), for paths run once per page or
    per event: sqlite-utils' table helpers look the schema up again on every call."""
    verb = "insert or ignore" if ignore else "insert"
    names = ", ".join(f'"{c}"' for c in columns)
    return f'{verb} into "{table}" ({names}) values ({", ".join("?" for _ in columns)})'


def first(db, sql, params=()):
    """The first row of a query as a dict, or None; the statement is finished, holding no snapshot."""
    rows = list(db.query(sql, params))
    return rows[0] if rows else None


def is_sqlite_file(path):
    try:
        with open(path, "rb") as f:
            # empty: SQLite writes nothing before the first commit, so a first run killed early leaves this
            return f.read(16) in (b"", b"SQLite format 3\x00")
    except FileNotFoundError:
        return True  # will be created
    except OSError:
        return False


class DatabaseError(Exception):
    pass


def open_or_fail(path):
    """connect(), turning 'this is not a database' into a clear error instead of a traceback."""
    if not is_sqlite_file(path):
        raise DatabaseError(f"{path} exists but is not a SQLite database")
    try:
        return connect(path)
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"cannot open {path}: {e}") from e

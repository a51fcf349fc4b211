import sqlite3

import pytest

from kb.db import TABLES, connect, open_or_fail, DatabaseError, write_transaction
from kb.documents import Document, upsert_document


def test_schema_has_contract_tables_and_columns(db):
    for table in ["sources", "documents", "entities", "mentions", "events", "event_sources", "event_entities",
                  "figures", "harvest_runs", "fetches"]:
        assert db[table].exists(), table
    assert {"id", "url", "source", "publisher", "kind", "title", "author", "published", "updated", "text",
            "content_hash", "fetched_at"} <= set(db["documents"].columns_dict)
    assert {"id", "type", "name", "ons_code"} <= set(db["entities"].columns_dict)
    assert {"event_id", "document_id", "sentence"} <= set(db["event_sources"].columns_dict)
    assert {"document_id", "amount_gbp", "text"} <= set(db["figures"].columns_dict)


def test_foreign_keys_are_enforced(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db["mentions"].insert({"document_id": 999, "entity_id": 999, "text": "x"})


def test_full_text_search_finds_documents(db):
    upsert_document(db, Document(url="https://example.org/a", title="ICS assessments paused",
                                 text="The regulator paused its assessments of integrated care systems."))
    hits = list(db["documents"].search("pausing assessment"))  # porter stemming
    assert [h["title"] for h in hits] == ["ICS assessments paused"]


def test_reopening_migrates_missing_columns(db_path):
    db = connect(str(db_path))
    db.execute("alter table documents drop column updated")
    db.conn.close()
    db = connect(str(db_path))
    assert "updated" in db["documents"].columns_dict
    assert set(TABLES) <= set(db.table_names())


def event_columns(db):
    return {r["id"]: (r["participants"], r["source_count"])
            for r in db.query("select id, participants, source_count from events order by id")}


def add_event(db, key):
    return db["events"].insert({"type": "appointment", "key": key, "summary": key}).last_pk


def test_events_keep_their_participants_and_source_count_current(db):
    docs = [upsert_document(db, Document(url=f"https://example.org/{i}", text=f"Report {i}."))[0] for i in range(3)]
    people = {name: db["entities"].insert({"type": kind, "name": name}).last_pk
              for name, kind in [("Ann Example", "PERSON"), ("CQC", "ORG"), ("chief executive", "ROLE")]}
    first, second = add_event(db, "a"), add_event(db, "b")
    assert event_columns(db) == {first: (None, 0), second: (None, 0)}
    for name, role in [("Ann Example", "person"), ("CQC", "organisation"), ("chief executive", "role")]:
        db["event_entities"].insert({"event_id": first, "entity_id": people[name], "role": role})
    for doc, start in [(docs[0], 0), (docs[0], 50), (docs[1], 0)]:  # two sentences of one document count once
        db["event_sources"].insert({"event_id": first, "document_id": doc, "sentence": "s", "start": start})
    assert event_columns(db)[first] == ("Ann Example; CQC", 2)
    # consolidation moves citations and participants from one event to another
    db.execute("update event_sources set event_id = ? where document_id = ?", [second, docs[1]])
    db.execute("update event_entities set event_id = ? where entity_id = ?", [second, people["CQC"]])
    assert event_columns(db) == {first: ("Ann Example", 1), second: ("CQC", 1)}
    db.execute("update entities set name = 'Ann B Example' where id = ?", [people["Ann Example"]])
    db.execute("delete from event_sources where event_id = ?", [first])
    db.execute("delete from event_entities where event_id = ?", [second])
    assert event_columns(db) == {first: ("Ann B Example", 0), second: (None, 1)}


def test_an_older_database_gets_its_events_columns_filled_once(db_path):
    db = connect(str(db_path))
    with write_transaction(db):
        doc, _ = upsert_document(db, Document(url="https://example.org/a", text="A report."))
        person = db["entities"].insert({"type": "PERSON", "name": "Ann Example"}).last_pk
        event = add_event(db, "a")
        db["event_entities"].insert({"event_id": event, "entity_id": person, "role": "person"})
        db["event_sources"].insert({"event_id": event, "document_id": doc, "sentence": "s", "start": 0})
        # as a database made before these columns and their triggers existed
        for (name,) in db.execute("select name from sqlite_master where name like '%refresh_event%'").fetchall():
            db.execute(f"drop trigger {name}")
        db.execute("alter table events drop column participants")
        db.execute("alter table events drop column source_count")
    db.conn.close()
    db = connect(str(db_path))
    assert event_columns(db) == {event: ("Ann Example", 1)}
    db["event_sources"].insert({"event_id": event, "document_id": doc, "sentence": "s", "start": 9})
    db["event_sources"].insert({"event_id": event, "document_id": upsert_document(
        db, Document(url="https://example.org/b", text="Another report."))[0], "sentence": "s", "start": 0})
    assert event_columns(db) == {event: ("Ann Example", 2)}  # the triggers are back too


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_or_fail(str(bad))

import sqlite3

import pytest

from kb.db import TABLES, connect, open_or_fail, DatabaseError
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


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_or_fail(str(bad))

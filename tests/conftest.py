import pytest

from kb.db import connect


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kb.db"


@pytest.fixture
def db(db_path):
    """A fresh, empty knowledge base per test."""
    database = connect(str(db_path))
    yield database
    database.conn.close()

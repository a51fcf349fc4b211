"""Serving safely: a Datasette without known advisories, limits on time and rows, read-only queries."""
import asyncio
from importlib.metadata import version
from urllib.parse import urlencode

import pytest

from kb.db import connect
from kb.serve import SETTINGS, make_datasette


@pytest.fixture
def ds(tmp_path):
    path = tmp_path / "kb.db"
    connect(str(path)).conn.close()
    return make_datasette(path)


def get(ds, url):
    return asyncio.run(ds.client.get(url))


def test_datasette_is_a_065_release_with_the_advisories_fixed():
    major, minor, patch = (int(x) for x in version("datasette").split(".")[:3])
    assert (major, minor) == (0, 65) and patch >= 2  # 0.65.2: open redirect GHSA-w832-gg5g-x44m


def test_no_open_redirect_to_another_site(ds):
    location = get(ds, "//example.com/foo/bar/").headers.get("location", "")
    assert not location.startswith("//") and "://" not in location  # at most a path on this site


def test_trace_output_does_not_reflect_markup(ds):
    response = get(ds, "/kb/events?_trace=1&x=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in response.text


def test_sql_time_and_row_limits(ds):
    assert SETTINGS["sql_time_limit_ms"] == 3000 and SETTINGS["max_returned_rows"] == 1000
    slow = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    response = get(ds, "/kb.json?" + urlencode({"sql": slow}))
    assert response.status_code == 400 and "interrupted" in response.text.lower()
    many = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) select i from n"
    rows = get(ds, "/kb.json?" + urlencode({"sql": many, "_shape": "array"})).json()
    assert len(rows) == 1000


def test_queries_cannot_write(ds, tmp_path):
    for sql in ("delete from documents", "drop table events", "insert into sources (name) values ('x')"):
        response = get(ds, "/kb.json?" + urlencode({"sql": sql}))
        assert response.status_code == 400, sql
    canned = ds.metadata("queries", database="kb")
    assert canned and not any(q.get("write") for q in canned.values())
    assert connect(str(tmp_path / "kb.db"))["sources"].count == 0

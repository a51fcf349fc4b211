"""Publishing kb.db with Datasette, configured from the project's metadata.yml (and templates/plugins).

The database is always named `kb` in URLs (/kb/events.json), whatever the file is called, so that
links and newsletter clients keep working when the file moves.
"""
import asyncio

import yaml

from .paths import METADATA, PLUGINS, TEMPLATES

DATABASE_NAME = "kb"
# suggest_facets off: on a table page Datasette otherwise tries a facet on every column of the rows shown,
# which at 100,000 documents was three quarters of a documents search (152 -> 40 ms for a surname,
# bench/serving.py); the facets metadata.yml names are still shown.
SETTINGS = {"sql_time_limit_ms": 3000, "max_returned_rows": 1000, "default_page_size": 100,
            "suggest_facets": False}


def make_datasette(db_path, allow_sql=True, watches=None):
    """A Datasette instance over `db_path`, as `kb serve` runs it (tests use it too). Without
    `allow_sql`, arbitrary SQL is refused and only tables, search and canned queries remain. `watches` is
    the watches file whose feeds /feeds/watch/<name>.atom serves (default: watches.yml or $KB_WATCHES)."""
    from datasette.app import Database, Datasette
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    if watches:
        metadata.setdefault("plugins", {})["cqc-follow"] = {"watches": str(watches)}
    ds = Datasette([], metadata=metadata,
                   template_dir=str(TEMPLATES) if TEMPLATES.is_dir() else None,
                   plugins_dir=str(PLUGINS) if PLUGINS.is_dir() else None,
                   settings=dict(SETTINGS, default_allow_sql=allow_sql))
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    if "_memory" in ds.databases:  # Datasette adds it when started without files
        ds.remove_database("_memory")
    return ds


def serve(db_path, host="127.0.0.1", port=8001, allow_sql=True, watches=None):
    """Run Datasette over `db_path` until interrupted (what `datasette serve` does, with our naming)."""
    import uvicorn
    ds = make_datasette(db_path, allow_sql, watches)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on", workers=1)

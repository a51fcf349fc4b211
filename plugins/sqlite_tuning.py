"""SQLite settings for every connection Datasette opens on kb.db.

SQLite's default page cache is 2 MB per connection, so at 100,000 documents (a 700 MB kb.db) every
timeline query read most of its pages again from the operating system. With 32 MB, the `timeline`
query's SQL went from 9.8 to 7.8 ms and the filtered one from 14.5 to 12.5 ms; a documents search for a
surname from 52 to 42 ms p95 (bench/serving.py). Datasette keeps a connection per SQL thread (three),
so `kb serve` can grow by about 100 MB: 196 MB at its peak in `make bench`, from about 100.
Memory-mapped reads were as fast again but count the mapped file in the server's RSS (650 MB), which
container limits would punish.
"""
from datasette import hookimpl

PAGE_CACHE_KIB = 32 * 1024  # per connection


@hookimpl
def prepare_connection(conn):
    conn.execute(f"pragma cache_size = -{PAGE_CACHE_KIB}")

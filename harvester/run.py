"""One harvest run: every configured source, each isolated from the others' failures.

Sources are grouped by host; hosts are harvested in parallel threads (each with its own database
connection), one request at a time per host. Each document is committed on its own, so a crash or a
failing source never loses what was already stored.
"""
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kb.db import connect, insert_statement, write_transaction
from kb.documents import ensure_source, now_iso, upsert_document
from kb.urls import canonical_url
from . import feeds, govuk, listing, pdfs
from .archive import WarcArchive, archive_folder
from .fetch import DeferredError, Fetcher, HostGate
from .items import ItemError, NotModified, SourceError

KIND_MODULES = {"feed": feeds, "html": listing, "pdfs": pdfs, "govuk_search": govuk}


@dataclass
class SourceResult:
    name: str
    status: str = "ok"  # ok | partial (some items failed) | deferred (asked to come back later) | failed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    refused: int = 0  # items refused for good (robots.txt, 404, 410): reported, remembered, not failures
    error: str | None = None


class DbCache:
    """ETag / Last-Modified per URL, in the http_cache table. New validators are held back until the
    source's run ends (`flush`): stored at fetch time, a run killed before the documents a feed or page
    led to were committed would get 304 next time and never store them."""

    def __init__(self, db):
        self.db = db
        self.pending = {}

    def get(self, url):
        row = self.db.execute("select etag, last_modified from http_cache where url = ?", [url]).fetchone()
        return tuple(row) if row else None

    def put(self, url, etag, last_modified):
        self.pending[url] = (etag, last_modified)

    def forget(self, url):
        self.pending.pop(url, None)
        with write_transaction(self.db):
            self.db.execute("delete from http_cache where url = ?", [url])

    def flush(self, complete):
        """Store the held validators: all of them when the source ran to the end without failures;
        otherwise only those of stored documents, so the feed or listing is read again next run and the
        items that failed or were not reached are retried."""
        keep = {url: v for url, v in self.pending.items() if complete or _is_stored(self.db, url)}
        with write_transaction(self.db):
            self.db["http_cache"].upsert_all([{"url": url, "etag": etag, "last_modified": modified,
                                               "updated_at": now_iso()} for url, (etag, modified) in keep.items()],
                                             pk="url")
        self.pending.clear()


class RefusedUrls:
    """Item URLs refused for good: robots.txt disallows them, or the server answered 404 or 410. They are
    no failure of their source, so one dead link cannot keep a feed's validators from being stored or fail
    every run; the refused_urls table keeps when each was first and last refused, and a URL leaves it
    once it is stored. They are asked for again only when their feed or listing changes (a page that
    answers 404 before it is published is then picked up)."""

    def __init__(self, db):
        self.db = db
        self.known = {row[0] for row in db.execute("select url from refused_urls").fetchall()}

    def remember(self, url, source, reason):
        now = now_iso()
        with write_transaction(self.db):
            self.db.execute("insert into refused_urls (url, source, reason, refused_at, checked_at) "
                            "values (?, ?, ?, ?, ?) on conflict(url) do update set reason = excluded.reason, "
                            "checked_at = excluded.checked_at", [url, source, reason, now, now])
        self.known.add(url)

    def forget(self, url):
        """Call inside the write transaction that stores the document at `url`."""
        if url in self.known:
            self.db.execute("delete from refused_urls where url = ?", [url])
            self.known.discard(url)


class FetchLog:
    """The `fetches` rows of one source's run, written with the next document's commit rather than in a
    commit of their own (one commit per page instead of two), or on their own once `limit` are waiting
    (a run of 304s stores no documents). A killed run loses only the records of its last few requests."""

    COLUMNS = ("run_id", "url", "status", "bytes", "duration_ms", "error", "fetched_at")
    INSERT = insert_statement("fetches", COLUMNS)
    # An archived response is found by the canonical URL that was asked for, as its document is stored.
    ARCHIVE_COLUMNS = ("url", "fetched_url", "warc_file", "warc_offset", "warc_length", "content_type", "fetched_at")
    INSERT_ARCHIVED = insert_statement("archive_records", ARCHIVE_COLUMNS)

    def __init__(self, db, run_id, limit=50):
        self.db, self.run_id, self.limit = db, run_id, limit
        self.pending, self.archived = [], []

    def add(self, record):
        record = {**record, "run_id": self.run_id, "fetched_at": now_iso()}
        self.pending.append([record.get(column) for column in self.COLUMNS])
        if record.get("archived"):
            try:
                archived = {**record["archived"], "url": canonical_url(record["url"]), "fetched_at": record["fetched_at"]}
                self.archived.append([archived[column] for column in self.ARCHIVE_COLUMNS])
            except ValueError:
                pass  # not an http(s) URL: never a document either
        if len(self.pending) >= self.limit:
            with write_transaction(self.db):
                self.write()

    def write(self):
        """Insert the waiting records; call inside a write transaction."""
        if self.pending:
            self.db.conn.executemany(self.INSERT, self.pending)
            self.pending.clear()
        if self.archived:
            self.db.conn.executemany(self.INSERT_ARCHIVED, self.archived)
            self.archived.clear()


@contextmanager
def commits_without_fsync(db):
    """synchronous=NORMAL for the harvest's writes (a commit per page: the document and its fetch log).
    In WAL mode a commit then skips its fsync: 3.5 ms per commit, most of the harvest's own cost
    per page on a fast server. A killed process still loses nothing committed (the WAL is in the OS cache);
    a power cut can lose the last commits, but only as a tail in commit order (WAL frames are checksummed
    in sequence), so validators, stored after their documents, never outlive them."""
    previous = db.execute("pragma synchronous").fetchone()[0]
    db.execute("pragma synchronous = normal")
    try:
        yield
    finally:
        db.execute(f"pragma synchronous = {int(previous)}")


def database_path(db):
    row = db.execute("pragma database_list").fetchone()
    return row[2] or None  # '' for an in-memory database


def harvest(db, config, only=None, on_item=None):
    """Harvest the sources of `config` (or those named in `only`) into `db`. Returns [SourceResult]."""
    settings = config.settings
    run_id = now_iso() + "-" + uuid.uuid4().hex[:6]
    selected = [s for s in config.sources if not only or s.name in only]
    path = database_path(db)
    archive = None
    if settings.archive_dir and path:
        folder = archive_folder(path, settings.archive_dir)
        file_name = f"{run_id.replace(':', '')}.warc.gz"
        archive = WarcArchive(folder / file_name,
                              name=str((folder / file_name).relative_to(Path(path).resolve().parent)))
    gate = HostGate(settings.delay)
    by_host = {}
    for source in selected:
        by_host.setdefault(urlsplit(source.url).netloc, []).append(source)

    def harvest_host(sources, own_connection):
        conn = connect(path) if own_connection else db
        try:
            with commits_without_fsync(conn):
                return [harvest_source(conn, settings, source, run_id, on_item, gate, archive)
                        for source in sources]
        finally:
            if own_connection:
                conn.conn.close()

    try:
        if settings.concurrency > 1 and path and len(by_host) > 1:
            with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
                groups = list(pool.map(lambda group: harvest_host(group, True), by_host.values()))
        else:
            groups = [harvest_host(group, False) for group in by_host.values()]
    finally:
        if archive:
            archive.close()
    results = {r.name: r for group in groups for r in group}
    return [results[s.name] for s in selected]


def make_fetcher(settings, on_fetch=None, cache=None, gate=None, archive=None):
    return Fetcher(user_agent=settings.user_agent, allow_private_addresses=settings.allow_private_addresses,
                   delay=settings.delay, timeout=settings.timeout, deadline=settings.deadline,
                   max_bytes=settings.max_bytes, max_retries=settings.max_retries, backoff=settings.backoff,
                   max_retry_after=settings.max_retry_after, respect_robots=settings.respect_robots,
                   max_redirects=settings.max_redirects, source_deadline=settings.source_deadline,
                   on_fetch=on_fetch, cache=cache, gate=gate, archive=archive)


def harvest_source(db, settings, source, run_id, on_item=None, gate=None, archive=None):
    result = SourceResult(source.name)
    with write_transaction(db):
        ensure_source(db, source.name, kind=source.kind, url=source.url, publisher=source.publisher)
        db["harvest_runs"].insert({"run_id": run_id, "source": source.name, "started": now_iso(),
                                   "status": "running"})

    fetch_log = FetchLog(db, run_id)
    cache = DbCache(db)
    refused = RefusedUrls(db)
    fetcher = make_fetcher(settings, on_fetch=fetch_log.add, cache=cache, gate=gate, archive=archive)
    errors, refusals = [], []
    try:
        for item in KIND_MODULES[source.kind].items(source, fetcher, settings):
            if isinstance(item, ItemError) and item.permanent:
                result.refused += 1
                refusals.append(f"{item.url}: {item.reason}")
                refused.remember(item.url, source.name, item.reason)
                cache.forget(item.url)
            elif isinstance(item, ItemError):
                result.failed += 1
                errors.append(f"{item.url}: {item.reason}")
                cache.forget(item.url)  # never answer a failed item with 304 next time
            elif isinstance(item, NotModified):
                if _is_stored(db, item.url):
                    result.unchanged += 1
                else:  # validators without a stored document: fetch it whole next time
                    cache.forget(item.fetched_url or item.url)
            else:
                try:
                    with write_transaction(db):  # each document commits on its own
                        _, outcome = upsert_document(db, item)
                        refused.forget(item.url)
                        fetch_log.write()  # after: a refused document rolls back, and its log must not go too
                    setattr(result, outcome, getattr(result, outcome) + 1)
                except ValueError as e:
                    result.failed += 1
                    errors.append(f"{item.url}: {e}")
            if on_item:
                on_item(source.name)
            if fetcher.out_of_time():  # stop here rather than fail every remaining item one by one
                raise SourceError(f"source time budget of {settings.source_deadline:g}s used up after "
                                  f"{result.new + result.updated + result.unchanged} documents; the rest is "
                                  f"deferred to the next run") from DeferredError()
    except SourceError as e:
        deferred = isinstance(e.__cause__, DeferredError)
        result.status, result.error = "deferred" if deferred else "failed", str(e)
    except Exception as e:  # a bug or surprise in one source must not stop the others
        result.status, result.error = "failed", f"{type(e).__name__}: {e}"
        traceback.print_exc()
    finally:
        fetcher.close()
    if result.status == "ok" and result.failed:
        result.status = "partial"
        result.error = f"{result.failed} items failed; first: {errors[0]}"
    if refusals:  # reported with every run that meets them, but never a failure
        note = (f"{result.refused} items refused for good (robots.txt, 404 or 410; not failures, asked again "
                f"when the source changes); first: {refusals[0]}")
        result.error = f"{result.error}; {note}" if result.error else note
    cache.flush(complete=result.status == "ok")
    with write_transaction(db):
        fetch_log.write()
    finish(db, source, run_id, result)
    return result


def _is_stored(db, url):
    try:
        key = canonical_url(url)
    except ValueError:
        return False
    return db.execute("select 1 from documents where url = ?", [key]).fetchone() is not None


def finish(db, source, run_id, result):
    finished = now_iso()
    with write_transaction(db):
        db["harvest_runs"].update((run_id, source.name), {
            "finished": finished, "status": result.status, "new": result.new, "updated": result.updated,
            "unchanged": result.unchanged, "failed": result.failed, "refused": result.refused,
            "error": result.error})
        row = db["sources"].get(source.name)
        health = {"last_harvest": finished, "last_status": result.status, "last_error": result.error}
        if result.status in ("failed", "deferred"):
            health["consecutive_failures"] = (row.get("consecutive_failures") or 0) + 1
        else:
            health["consecutive_failures"] = 0
            health["last_success"] = finished
        db["sources"].update(source.name, health)



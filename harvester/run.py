"""One harvest run: every configured source, each isolated from the others' failures."""
import traceback
import uuid
from dataclasses import dataclass

from kb.documents import ensure_source, now_iso, upsert_document
from . import feeds, listing, pdfs
from .fetch import Fetcher
from .items import ItemError, SourceError

KIND_MODULES = {"feed": feeds, "html": listing, "pdfs": pdfs}


@dataclass
class SourceResult:
    name: str
    status: str = "ok"  # ok | partial (some items failed) | failed (nothing could be read)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str | None = None


def make_fetcher(settings, on_fetch=None):
    return Fetcher(user_agent=settings.user_agent, allow_private_addresses=settings.allow_private_addresses,
                   delay=settings.delay, timeout=settings.timeout, max_bytes=settings.max_bytes,
                   on_fetch=on_fetch)


def harvest(db, config, only=None, on_item=None):
    """Harvest the sources of `config` (or those named in `only`) into `db`. Returns [SourceResult]."""
    run_id = now_iso() + "-" + uuid.uuid4().hex[:6]
    selected = [s for s in config.sources if not only or s.name in only]
    results = []
    for source in selected:
        results.append(harvest_source(db, config.settings, source, run_id, on_item))
    return results


def harvest_source(db, settings, source, run_id, on_item=None):
    result = SourceResult(source.name)
    started = now_iso()
    with db.conn:
        ensure_source(db, source.name, kind=source.kind, url=source.url, publisher=source.publisher)
        db["harvest_runs"].insert({"run_id": run_id, "source": source.name, "started": started,
                                   "status": "running"})

    def log_fetch(record):
        db["fetches"].insert({**record, "run_id": run_id, "fetched_at": now_iso()})

    fetcher = make_fetcher(settings, on_fetch=log_fetch)
    errors = []
    try:
        for item in KIND_MODULES[source.kind].items(source, fetcher, settings):
            if isinstance(item, ItemError):
                result.failed += 1
                errors.append(f"{item.url}: {item.reason}")
            else:
                try:
                    with db.conn:  # each document commits on its own: a later failure loses nothing
                        _, outcome = upsert_document(db, item)
                    setattr(result, outcome, getattr(result, outcome) + 1)
                except ValueError as e:
                    result.failed += 1
                    errors.append(f"{item.url}: {e}")
            if on_item:
                on_item(source.name)
    except SourceError as e:
        result.status, result.error = "failed", str(e)
    except Exception as e:  # a bug or surprise in one source must not stop the others
        result.status, result.error = "failed", f"{type(e).__name__}: {e}"
        traceback.print_exc()
    finally:
        fetcher.close()
    if result.status == "ok" and result.failed:
        result.status = "partial"
        result.error = f"{result.failed} items failed; first: {errors[0]}"
    finish(db, source, run_id, result)
    return result


def finish(db, source, run_id, result):
    finished = now_iso()
    with db.conn:
        db["harvest_runs"].update((run_id, source.name), {
            "finished": finished, "status": result.status, "new": result.new, "updated": result.updated,
            "unchanged": result.unchanged, "failed": result.failed, "error": result.error})
        row = db["sources"].get(source.name)
        health = {"last_harvest": finished, "last_status": result.status, "last_error": result.error}
        if result.status == "failed":
            health["consecutive_failures"] = (row.get("consecutive_failures") or 0) + 1
        else:
            health["consecutive_failures"] = 0
            health["last_success"] = finished
        db["sources"].update(source.name, health)

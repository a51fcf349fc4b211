"""Crash safety and concurrency, with the real `kb` command in subprocesses against the offline sample site.

- `kb harvest` and `kb enrich` killed with SIGKILL at random points, then run to completion: the database
  passes `PRAGMA integrity_check`, and holds exactly what a run never killed stores (no document, version
  or event lost or duplicated).
- Datasette serving many concurrent readers while a harvest and an enrichment write: no errors, and never
  'database is locked'; a second harvest started meanwhile exits 75 (the in-process lock is tested in
  tests/test_harvest.py::test_a_second_harvest_while_one_runs_exits_75; this is two real processes).

KB_KILL_RUNS (default 3) kills per command, KB_KILL_SEED fixes the kill times, KB_READERS (default 8) reader
threads; `make stress` runs many more.
"""
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from kb.db import TABLES
from kb.paths import SAMPLE_SITE, SAMPLE_SOURCES
from kb.sample_site import serving
from kb.urls import canonical_url
from tests.test_enrich import snapshot

KILL_RUNS = int(os.environ.get("KB_KILL_RUNS", "3"))
SEED = int(os.environ.get("KB_KILL_SEED") or random.randrange(10 ** 6))
READERS = int(os.environ.get("KB_READERS", "8"))
KB = [sys.executable, "-c", "from kb.cli import cli; cli()"]
REVISED = ["healthcare-leader/news/cqc-names-nhs-providers-chief-as-new-chief-executive/index.html",
           "management-in-practice/news/interim-review-finds-out-of-date-ratings-at-cqc/index.html",
           "cqc/press-release/sir-julian-hartley-leaves-cqc.html",
           "govdelivery/accounts/UKCQC/bulletins/3b7e91d.html",
           "govuk/government/news/new-chief-executive-appointed-to-lead-care-quality-commission.html"]


class Site:
    """The sample site served from a symlink, so a test can switch it to a revised copy (the same URLs):
    v1 is the sample as bundled; v2 has five articles edited, and every page, feed and listing re-rendered
    (new validators), as a site looks the day after a silent edit."""

    def __init__(self, root):
        self.v1, self.v2, self.link = root / "v1", root / "v2", root / "site"
        shutil.copytree(SAMPLE_SITE, self.v1)
        shutil.copytree(SAMPLE_SITE, self.v2)
        for file in self.v2.rglob("*"):
            if file.is_file() and file.suffix in (".html", ".xml", ".atom"):
                with open(file, "a", encoding="utf-8") as f:
                    f.write("\n<!-- re-rendered -->\n")
        for name in REVISED:
            file = self.v2 / name
            html = file.read_text(encoding="utf-8")
            at = max(re.finditer(r"<p\b[^>]*>([^<]*)</p>", html), key=lambda m: len(m.group(1))).end() - 4
            file.write_text(html[:at] + " This article was corrected after publication." + html[at:],
                            encoding="utf-8")  # in the story's longest paragraph
        self.use("v1")

    def use(self, version):
        tmp = self.link.with_name("site.tmp")
        if tmp.is_symlink():
            tmp.unlink()
        tmp.symlink_to(getattr(self, version), target_is_directory=True)
        os.replace(tmp, self.link)  # atomic: a request sees one version or the other


def kb(*args, env, log):
    """Start `kb ARGS` as its own process (output to `log`, so no pipe can fill and block it)."""
    with open(log, "ab") as out:
        return subprocess.Popen(KB + list(args), env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)


def run_kb(*args, env, log, timeout=300):
    proc = kb(*args, env=env, log=log)
    proc.wait(timeout=timeout)
    return proc.returncode


def copy_db(src, dst):
    """A consistent copy whatever WAL state the source is in (the backup API, not a file copy)."""
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    source.backup(target)
    source.close()
    target.close()


def query(path, sql, params=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def check_integrity(path):
    """SQLite's own checks, foreign keys, the full-text index against its rows, and a schema that is all
    there or not there at all (a kill while a new database is created must not leave half of it)."""
    assert query(path, "pragma integrity_check") == [("ok",)], path
    assert query(path, "pragma foreign_key_check") == [], path
    schema = {name for (name,) in query(path, "select name from sqlite_master where type in ('table', 'trigger')")}
    if not schema:
        return
    assert set(TABLES) | {"documents_fts", "documents_ai", "documents_ad", "documents_au"} <= schema, schema
    con = sqlite3.connect(path)
    con.execute("insert into documents_fts(documents_fts) values('integrity-check')")
    con.close()


def harvested(path):
    """Documents by URL (content hash, title, published) and versions as a multiset of (URL, old hash)."""
    documents = {url: rest for url, *rest in query(
        path, "select url, content_hash, title, published, source from documents")}
    versions = Counter(query(path, "select d.url, v.content_hash from document_versions v "
                                   "join documents d on d.id = v.document_id"))
    return documents, versions


def enriched(path):
    import sqlite_utils
    db = sqlite_utils.Database(path)
    try:
        result = snapshot(db)
        urls = {r["id"]: r["url"] for r in db.query("select id, url from documents")}
        result["figures"] = sorted((urls[r["document_id"]], r["amount_gbp"], r["text"], r["start"])
                                   for r in db.query("select * from figures"))
        result["links"] = sorted(tuple(r) for r in db.execute(
            "select a.name, b.name, l.relation from entity_links l join entities a on a.id = l.entity_id "
            "join entities b on b.id = l.related_id").fetchall())
        result["event_counts"] = Counter((e["type"], e["date"], e["summary"]) for e in db.query("select * from events"))
        result["pending"] = db.execute("select count(*) from documents d left join enrichments e on "
                                       "e.document_id = d.id where e.content_hash is not d.content_hash").fetchone()[0]
        return result
    finally:
        db.conn.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample site (switchable v1/v2) on a free port, and reference databases built without kills:
    h1 (harvested v1), h2 (then harvested v2), e2 (h2 enriched), with how long each command took."""
    root = tmp_path_factory.mktemp("crash")
    site = Site(root)
    with serving(site.link, 0) as base:
        env = {**os.environ, "SAMPLE_URL": base, "PYTHONUNBUFFERED": "1"}
        ref = root / "reference"
        ref.mkdir()
        log = ref / "log.txt"
        db = ref / "kb.db"
        durations = {}
        for version in ("v1", "v2"):
            site.use(version)
            started = time.monotonic()
            assert run_kb("harvest", "--sources", str(SAMPLE_SOURCES), "--db", str(db), env=env, log=log) == 0, \
                log.read_text()
            durations["harvest"] = max(durations.get("harvest", 0), time.monotonic() - started)
            copy_db(db, ref / f"h{version[1]}.db")
        started = time.monotonic()
        assert run_kb("enrich", "--db", str(db), env=env, log=log) == 0, log.read_text()
        durations["enrich"] = time.monotonic() - started
        copy_db(db, ref / "e2.db")
        yield {"site": site, "env": env, "root": root, "h1": ref / "h1.db", "h2": ref / "h2.db",
               "e2": ref / "e2.db", "durations": durations}
        site.use("v1")


def progress(db, sql):
    """A count, read without creating the file or anything in it (the run under test does that)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return 0
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        con.close()


def kill_at_random_points(args, env, log, db, seconds, rng, progress_sql, span=None, growth=None):
    """Start `kb ARGS` KILL_RUNS times and SIGKILL it: a third of the time after a random time within a
    run's duration (start-up included), otherwise once `progress_sql` has grown by a random 1 to `span()`
    (what is left for a run to do) or, without `span`, to `growth` (what a whole run adds), plus up to 50 ms,
    so most kills land while it writes, some in its last steps. A run that finishes before its kill point
    teaches the next kills how long and how far a run now goes. The database is checked after each kill.
    Returns [(trigger, killed mid-run?, progress)]."""
    kills, full_run = [], {"seconds": seconds, "growth": growth}
    for _ in range(KILL_RUNS):
        before = progress(db, progress_sql)
        left = span() if span else full_run["growth"]
        started = time.monotonic()
        proc = kb(*args, env=env, log=log)
        if rng.random() < 1 / 3 or not left or left < 1:  # nothing left to count: only time tells
            trigger = f"{rng.uniform(0.2, full_run['seconds']):.2f}s"
            time.sleep(float(trigger[:-1]))
        else:
            step = rng.randint(1, left)
            trigger = f"+{step}"
            deadline = time.monotonic() + 4 * seconds + 30
            while proc.poll() is None and progress(db, progress_sql) < before + step and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
        running = proc.poll() is None
        if running:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if not running:
            full_run.update(seconds=time.monotonic() - started, growth=progress(db, progress_sql) - before)
        check_integrity(db)
        kills.append((trigger, running, progress(db, progress_sql)))
    return kills


def lost_to_cached_validators(db, missing, references, since_fetch):
    """The missing documents the completing run never asked for because it sent the validators a killed
    run had stored and got 304 Not Modified, for the document or for its source's feed or listing page.
    {url: the URL answered 304}."""
    not_modified = {canonical_url(url) for (url,) in query(
        db, "select url from fetches where id > ? and status = 304", [since_fetch])}
    sources = dict(query(db, "select name, url from sources"))
    explained = {}
    for url in missing:
        source_url = canonical_url(sources.get(references[url][3], url))
        for candidate in (url, source_url):
            if candidate in not_modified:
                explained[url] = candidate
    return explained


def test_a_harvest_killed_at_random_points_then_completed_loses_and_duplicates_nothing(sample, tmp_path):
    rng = random.Random(SEED)
    site, env, db, log = sample["site"], sample["env"], tmp_path / "kb.db", tmp_path / "log.txt"
    args = ["harvest", "--sources", str(SAMPLE_SOURCES), "--db", str(db)]
    seconds = sample["durations"]["harvest"]
    fetches_per_run = query(sample["h1"], "select count(*) from fetches")[0][0]
    problems, known = [], {}
    report = []
    for version, reference in (("v1", sample["h1"]), ("v2", sample["h2"])):
        site.use(version)
        kills = kill_at_random_points(args, env, log, db, seconds, rng, "select count(*) from fetches",
                                      growth=fetches_per_run)
        since = progress(db, "select coalesce(max(id), 0) from fetches")
        code = run_kb(*args, env=env, log=log)
        assert code == 0, f"the completing run after kills exited {code} (a killed harvest must not leave the " \
                          f"lock held): {log.read_text()[-2000:]}"
        check_integrity(db)
        got, expected = harvested(db), harvested(reference)
        report.append(f"{version}: kills (trigger, mid-run, fetches then) {kills}; documents "
                      f"{len(got[0])}/{len(expected[0])}, versions {sum(got[1].values())}/{sum(expected[1].values())}")
        missing = set(expected[0]) - set(got[0])
        stale = {url for url in set(got[0]) & set(expected[0]) if got[0][url] != expected[0][url]}
        explained = lost_to_cached_validators(db, missing | stale, expected[0], since)
        known.update({url: (version, "not stored" if url in missing else "edit not stored", why)
                      for url, why in explained.items()})
        if missing - set(explained):
            problems.append(f"{version}: lost without explanation: {sorted(missing - set(explained))}")
        if set(got[0]) - set(expected[0]):
            problems.append(f"{version}: unexpected documents: {sorted(set(got[0]) - set(expected[0]))}")
        if stale - set(explained):
            problems.append(f"{version}: stored differently: {[(u, got[0][u], expected[0][u]) for u in stale]}")
        if got[1] - expected[1]:
            problems.append(f"{version}: versions duplicated or unexpected: {dict(got[1] - expected[1])}")
        if {url for url, _ in expected[1] - got[1]} - set(known):
            problems.append(f"{version}: versions lost: {dict(expected[1] - got[1])}")
    print(f"\nKB_KILL_SEED={SEED}; " + "; ".join(report))
    assert not problems, f"KB_KILL_SEED={SEED}: " + "\n".join(problems) + "\n" + "\n".join(report)
    # validators are stored only when a source's run ends (harvester/run.py DbCache), so a kill can no
    # longer turn a document not yet committed into a 304 next run
    assert not known, f"KB_KILL_SEED={SEED}: lost after the completing run because of a 304: " + "; ".join(
        f"{url} ({version}: {what}, 304 for {why})" for url, (version, what, why) in sorted(known.items()))


def test_an_enrichment_killed_at_random_points_then_completed_loses_and_duplicates_nothing(sample, tmp_path):
    rng = random.Random(SEED + 1)
    env, db, log = sample["env"], tmp_path / "kb.db", tmp_path / "log.txt"
    copy_db(sample["h2"], db)
    kills = kill_at_random_points(
        ["enrich", "--db", str(db)], env, log, db, sample["durations"]["enrich"], rng,
        "select count(*) from enrichments",
        span=lambda: progress(db, "select count(*) from documents") - progress(db, "select count(*) from enrichments"))
    assert run_kb("enrich", "--db", str(db), env=env, log=log) == 0, log.read_text()[-2000:]
    check_integrity(db)
    got, expected = enriched(db), enriched(sample["e2"])
    print(f"\nKB_KILL_SEED={SEED}; enrich kills (trigger, mid-run, documents enriched then) {kills}; "
          f"events {len(got['events'])}/{len(expected['events'])}")
    assert got["pending"] == 0
    assert [e for e, n in got["event_counts"].items() if n > 1] == [e for e, n in expected["event_counts"].items()
                                                                    if n > 1], "duplicated events"
    for part in expected:
        assert got[part] == expected[part], f"KB_KILL_SEED={SEED} kills {kills}: {part} differ"


@pytest.fixture
def datasette_server(tmp_path):
    """Datasette (make_datasette, as `kb serve` runs it) over tmp_path/kb.db, by uvicorn on 127.0.0.1."""
    import asyncio
    from contextlib import ExitStack
    from kb.serve import make_datasette
    from tests.live_server import serving

    def start(path):
        ds = make_datasette(path)
        asyncio.run(ds.invoke_startup())
        return servers.enter_context(serving(ds.app()))
    with ExitStack() as servers:
        yield start


READ_PATHS = ["/kb/events.json?_shape=array&_size=200", "/kb/timeline.json?_shape=array",
              "/kb/timeline.json?type=appointment&entity=CQC&_shape=array", "/timeline",
              "/timeline?type=pause&from=2024", "/kb/documents.json?_search=review&_shape=array"]


def test_datasette_serves_concurrent_readers_without_errors_while_harvest_and_enrich_write(
        sample, tmp_path, datasette_server):
    site, env, db, log = sample["site"], sample["env"], tmp_path / "kb.db", tmp_path / "log.txt"
    copy_db(sample["h1"], db)
    site.use("v2")
    base = datasette_server(db)
    stop, results, lock = threading.Event(), [], threading.Lock()

    def reader(n):
        with httpx.Client(base_url=base, timeout=60) as client:
            i = n
            while not stop.is_set():
                path = READ_PATHS[i % len(READ_PATHS)]
                i += 1
                try:
                    response = client.get(path)
                    error = None if response.status_code == 200 else f"HTTP {response.status_code}"
                    if "database is locked" in response.text:
                        error = "database is locked"
                except httpx.HTTPError as e:
                    error = f"{type(e).__name__}: {e}"
                with lock:
                    results.append((path, error))

    readers = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(READERS)]
    for thread in readers:
        thread.start()
    time.sleep(0.5)
    # The sample's sources, 50 ms between requests: a harvest long enough for a second one to meet it.
    sources = tmp_path / "sources.yml"
    sources.write_text(SAMPLE_SOURCES.read_text(encoding="utf-8").replace("delay: 0\n", "delay: 0.05\n"),
                       encoding="utf-8")
    assert "delay: 0.05" in sources.read_text(encoding="utf-8")
    harvest_args = ["harvest", "--sources", str(sources), "--db", str(db)]
    harvest = kb(*harvest_args, env=env, log=tmp_path / "harvest.txt")
    enrich = kb("enrich", "--db", str(db), env=env, log=tmp_path / "enrich.txt")
    lock_file = Path(f"{db}.harvest.lock")
    deadline = time.time() + 60
    while time.time() < deadline and harvest.poll() is None and (
            not lock_file.exists() or lock_file.read_text().strip() != str(harvest.pid)):
        time.sleep(0.02)
    second = kb(*harvest_args, env=env, log=tmp_path / "second.txt")
    second.wait(timeout=120)
    first_still_running = harvest.poll() is None
    harvest.wait(timeout=300)
    enrich.wait(timeout=300)
    # and an incremental enrichment of what the harvest brought, while the readers go on
    assert run_kb("enrich", "--db", str(db), env=env, log=tmp_path / "enrich.txt") == 0
    stop.set()
    for thread in readers:
        thread.join(timeout=120)
    errors = [r for r in results if r[1]]
    outputs = {name: (tmp_path / f"{name}.txt").read_text() for name in ("harvest", "enrich", "second")}
    print(f"\n{len(results)} requests by {READERS} readers, {len(errors)} errors; harvest exit {harvest.returncode}, "
          f"enrich exit {enrich.returncode}, second harvest exit {second.returncode}")
    assert results and not errors, f"{len(errors)} of {len(results)} requests failed: {Counter(errors).most_common(5)}"
    assert harvest.returncode == 0 and enrich.returncode == 0, outputs
    assert not any("locked" in out for name, out in outputs.items() if name != "second"), outputs
    assert first_still_running, "the first harvest ended before the second started: lock not exercised"
    assert second.returncode == 75 and "another kb harvest is running" in outputs["second"], outputs["second"]
    check_integrity(db)
    assert harvested(db) == harvested(sample["h2"])
    assert enriched(db)["pending"] == 0


def test_an_empty_database_file_left_by_a_kill_before_the_first_commit_is_opened(tmp_path):
    """SQLite writes nothing to a new file until the first commit: a first run killed before it leaves an
    empty kb.db, which is an empty database, not 'not a SQLite database' for ever after."""
    db = tmp_path / "kb.db"
    db.touch()
    assert run_kb("status", "--db", str(db), env=dict(os.environ), log=tmp_path / "log.txt") == 0, \
        (tmp_path / "log.txt").read_text()
    check_integrity(db)

"""Serving latency at scale: `kb serve` over synthetic corpora of 1,000, 10,000 and 100,000 documents
(bench/scale_corpus.py, cached under build/bench/), under a bounded load of a few concurrent clients.

    python bench/serving.py [N ...]      (default: 1000 10000 100000)

For each size: start `kb serve` (the real command, a subprocess on a free 127.0.0.1 port), then for each
endpoint and each number of concurrent clients (1: a request's own latency; 3: a few users at once, which
saturates this 2-core machine, since the client shares it), send WARMUP requests, then REQUESTS timed
requests (or as many as fit in MAX_SECONDS), and record p50 and p95 latency; at the end, the server's peak
RSS (VmHWM). Target (issue #7): p95 < 100 ms at 100,000 documents.
"""
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench import scale_corpus  # noqa: E402
from bench.common import percentiles, record  # noqa: E402

SIZES = [1_000, 10_000, 100_000]
TARGET_SIZE, TARGET_MS = 100_000, 100
WARMUP, REQUESTS, MAX_SECONDS = 20, 200, 10
CONCURRENCY = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "1,3").split(",")]
KB = ROOT / ".venv" / "bin" / "kb"
# `kb serve` as installed in the venv, or the same entry point through this interpreter
KB_COMMAND = [str(KB)] if KB.exists() else [sys.executable, "-c", "from kb.cli import cli; cli()"]
COMMON_TERM = "inspection"  # in most synthetic documents: the worst case for ranking and for sorting matches


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path):
    port = free_port()
    log = open(path.with_suffix(".serve.log"), "wb")  # uvicorn's access log: a pipe nobody read would fill up
    proc = subprocess.Popen(KB_COMMAND + ["serve", "--db", str(path), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    log.close()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    while time.perf_counter() - started < 60:
        if proc.poll() is not None:
            raise RuntimeError(f"kb serve exited: {path.with_suffix('.serve.log').read_text()[-2000:]}")
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return proc, base, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("kb serve did not answer within 60 s")


def peak_rss_of(pid):
    """Peak resident set size of a running process in MB (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def selective_term(path, n):
    """A person's surname found in about 1% of the documents (the kind of word people search for)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        name, _ = min(conn.execute(
            "select en.name, count(distinct m.document_id) as docs from mentions m "
            "join entities en on en.id = m.entity_id where en.type = 'PERSON' group by en.id"),
            key=lambda row: (abs(row[1] - n / 100), row[0]))
        term = name.split()[-1]
        matches = {t: conn.execute("select count(*) from documents_fts where documents_fts match ?", [t]).fetchone()[0]
                   for t in (term, COMMON_TERM)}
    finally:
        conn.close()
    return term, matches


def page_ids(path):
    """Worst cases for the researcher's pages: the document citing most events, the review in most documents, the
    organisations mentioned most and least often (the two ways documents_about reads)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "document": one("select document_id from event_sources group by document_id order by count(*) desc limit 1"),
            "review": one("select m.entity_id from mentions m join entities en on en.id = m.entity_id "
                          "where en.type = 'REVIEW' group by m.entity_id order by count(*) desc limit 1"),
            "common_org": one("select m.entity_id from mentions m join entities en on en.id = m.entity_id "
                              "where en.type = 'ORG' group by m.entity_id order by count(*) desc limit 1"),
            "rare_org": one("select m.entity_id from mentions m join entities en on en.id = m.entity_id "
                            "where en.type = 'ORG' group by m.entity_id order by count(*) limit 1"),
        }
    finally:
        conn.close()


def endpoints(term, ids):
    filtered = "type=appointment&entity=CQC&from=2024&to=2025"
    return [
        ("timeline query, all events", "/kb/timeline.json?_shape=array"),
        ("timeline query, filtered", f"/kb/timeline.json?_shape=array&{filtered}"),
        ("search query, selective term", f"/kb/search.json?_shape=array&q={term}"),
        ("search query, common term", f"/kb/search.json?_shape=array&q={COMMON_TERM}"),
        ("documents table _search, selective term", f"/kb/documents.json?_search={term}"),
        ("documents table _search, common term", f"/kb/documents.json?_search={COMMON_TERM}"),
        ("/timeline page", "/timeline"),
        ("/timeline page, filtered", f"/timeline?{filtered}"),
        # the researcher's pages (plugins/researcher_pages.py)
        ("/ front page", "/"),
        ("/ front page search, common term", f"/?q={COMMON_TERM}"),
        ("/document page, most events", f"/document/{ids['document']}"),
        ("/review page, most documents", f"/review/{ids['review']}"),
        ("/organisation page, most mentioned", f"/organisation/{ids['common_org']}"),
        ("/organisation page, least mentioned", f"/organisation/{ids['rare_org']}"),
        ("/people page", "/people"),
        ("/people page, by name", f"/people?q={term}"),
        ("/kb/documents table page", "/kb/documents"),
    ]


async def load(base, url, concurrency):
    """WARMUP requests, then up to REQUESTS timed ones from `concurrency` clients (stopping at MAX_SECONDS)."""
    samples, errors, sizes = [], 0, []
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def one(timed):
            nonlocal errors
            started = time.perf_counter()
            response = await client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                errors += 1
            if timed:
                samples.append(elapsed)
                sizes.append(len(response.content))

        async def worker(count, timed, deadline):
            while count[0] > 0 and time.perf_counter() < deadline:
                count[0] -= 1
                await one(timed)

        deadline = time.perf_counter() + MAX_SECONDS
        warm = [WARMUP]
        await asyncio.gather(*(worker(warm, False, deadline) for _ in range(concurrency)))
        started = time.perf_counter()
        count = [REQUESTS]
        await asyncio.gather(*(worker(count, True, started + MAX_SECONDS) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return samples, errors, (sum(sizes) / len(sizes) if sizes else 0), wall


def measure(n):
    path, corpus = scale_corpus.ensure(n)
    term, matches = selective_term(path, n)
    ids = page_ids(path)
    proc, base, startup = start_server(path)
    rows = []
    try:
        for name, url in endpoints(term, ids):
            for clients in CONCURRENCY:
                samples, errors, mean_bytes, wall = asyncio.run(load(base, url, clients))
                stats = percentiles(samples)
                rows.append({"size": n, "endpoint": name, "clients": clients, "url": url, **stats, "errors": errors,
                             "mean_kb": round(mean_bytes / 1024, 1), "rps": round(len(samples) / wall, 1)})
                print(f"{n:>7,} {name:<53} {clients} client(s)  p50 {stats['p50']:>8} ms  p95 {stats['p95']:>8} ms"
                      f"  n={stats['n']}  {rows[-1]['mean_kb']} KB  {rows[-1]['rps']} req/s"
                      + (f"  {errors} ERRORS" if errors else ""), flush=True)
        rss = peak_rss_of(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return rows, {"size": n, "peak_rss_mb": rss, "startup_s": round(startup, 2), "term": term, "matches": matches,
                  "corpus": corpus, "db_mb": round(os.path.getsize(path) / 1e6, 1)}


def figures_for(rows, servers):
    figures = []
    for row in rows:
        server = next(s for s in servers if s["size"] == row["size"])
        how = (f"GET {row['url']} against `kb serve` (uvicorn, 1 worker) on 127.0.0.1: {WARMUP} warm-up then "
               f"{row['n']} timed requests from {row['clients']} concurrent httpx client(s) (at most {MAX_SECONDS} s); "
               f"mean response {row['mean_kb']} KB, {row['rps']} requests/s"
               + (f", {row['errors']} non-200 responses" if row["errors"] else ""))
        if "term" in row["endpoint"] and "search" in row["endpoint"]:
            term = COMMON_TERM if "common" in row["endpoint"] else server["term"]
            how += f"; '{term}' matches {server['matches'][term]:,} of {row['size']:,} documents"
        for stat in ("p50", "p95"):
            targeted = stat == "p95" and row["size"] == TARGET_SIZE
            figures.append({
                "name": f"{row['endpoint']} {stat}, {row['clients']} client{'s' if row['clients'] > 1 else ''}",
                "value": row[stat], "unit": "ms", "size": row["size"],
                "target": f"< {TARGET_MS}" if targeted else None,
                "met": (row[stat] < TARGET_MS) if targeted else None, "how": how,
            })
    for server in servers:
        figures.append({"name": "kb serve peak RSS", "value": server["peak_rss_mb"], "unit": "MB",
                        "size": server["size"], "target": None, "met": None,
                        "how": f"VmHWM of the `kb serve` process after every endpoint above had been loaded "
                               f"(kb.db {server['db_mb']} MB)"})
    return figures


def table(rows):
    lines = ["| size | endpoint | clients | p50 ms | p95 ms | n | target met (p95 < 100 ms at 100k) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        met = ("yes" if r["p95"] < TARGET_MS else "NO") if r["size"] == TARGET_SIZE else ""
        lines.append(f"| {r['size']:,} | {r['endpoint']} | {r['clients']} | {r['p50']} | {r['p95']} | {r['n']} | {met} |")
    return "\n".join(lines)


def main(sizes=None):
    started = time.perf_counter()
    rows, servers = [], []
    for n in sizes or SIZES:
        size_rows, server = measure(n)
        rows += size_rows
        servers.append(server)
        print(f"{n:>7,} kb serve peak RSS {server['peak_rss_mb']} MB, startup {server['startup_s']} s", flush=True)
    notes = [f"{s['size']:,} documents: corpus loaded at {s['corpus']['documents_per_second']} documents/s, FTS "
             f"built in {s['corpus']['fts_build_seconds']} s, {s['corpus']['bytes_per_1000_documents']:,} bytes per "
             f"1,000 documents (bench/scale_corpus.py); selective search term '{s['term']}'"
             for s in servers]
    notes.append(f"total {time.perf_counter() - started:.0f} s")
    record("serving", figures_for(rows, servers), notes=notes)
    print(table(rows))
    return rows, servers


if __name__ == "__main__":
    main([int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]] or None)

"""Incremental runs: `kb harvest` + `kb enrich` over a site into a fresh database, then again over the
unchanged site. The second run should be conditional GETs answered 304 and no re-enrichment, costing a
small fraction of the first. Also the peak memory of each command.

    python bench/incremental.py [--rounds 3] [--pages 200]

Two sites. The bundled sample as it is (28 documents), and the sample plus a feed of `--pages` more
article pages (copies of the sample's article pages, each numbered, so each is a document of its own:
what one run of a few real sources brings). Each command pays about a second to start Python and import
its libraries whatever it has to do, so on 28 documents that floor alone is near a fifth of the first
run; the target is judged on the larger site, where the first run is the size of a real one.

Each command runs as its own process (`python -c "... from kb.cli import cli; cli()" ...`, which is what
the `kb` script does), timed by wall clock; its peak RSS is its own VmHWM, which it reports as it exits. The children get a bytecode cache in a temporary directory (PYTHONPYCACHEPREFIX), as an installed
deployment has one, even where PYTHONDONTWRITEBYTECODE is set; the first round fills it. The sample is
served on a free port of 127.0.0.1 by kb/sample_site.py's handler from this process, the same port for
both runs (the URLs, and so the documents, stay the same), counting the requests it answers. Each round
is a first+second sequence on a fresh database; the best time of each command is kept. The same
sequence is also timed in-process (harvester.run.harvest and enrich.run.enrich called directly), which
leaves out the interpreter start and imports that every command pays whatever it has to do.
"""
import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from common import ROOT, Timer, record  # noqa: E402

SOURCES = ROOT / "sample" / "sources.yml"
SITE = ROOT / "sample" / "site"
RSS_TARGET_MB = 1024
SHARE_TARGET = 5  # per cent


@contextmanager
def counting_server(site=SITE):
    """A site directory on a free port; yields (base URL, log) where log gets (path, status, conditional)."""
    from http.server import ThreadingHTTPServer
    from kb.sample_site import make_handler
    log = []

    class Counting(make_handler(site)):
        def log_request(self, code="-", size="-"):
            log.append((self.path, int(code), "If-None-Match" in self.headers))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.base_url, log
    finally:
        server.shutdown()
        server.server_close()


# The child reports its own peak RSS (VmHWM of its address space) when it exits. Not os.wait4's
# ru_maxrss: Linux carries the high-water mark across fork and exec, so a child started by this process
# after it loaded spaCy reported this process's 330 MB as its own.
CHILD = """import atexit, os
def _report_peak():
    with open("/proc/self/status") as status, open(os.environ["KB_BENCH_PEAK"], "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
atexit.register(_report_peak)
from kb.cli import cli
cli()
"""


def run_kb(args, env):
    """Run `kb ARGS` in a child process; (wall seconds, peak RSS MB of that child, stdout)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        with Timer() as t:
            child = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT,
                                   env={**env, "KB_BENCH_PEAK": peak.name}, stdout=out, stderr=err, text=True)
        out.seek(0), err.seek(0)
        output, errors = out.read().strip(), err.read()
        peak_kb = int(peak.read() or 0)
    if child.returncode != 0:
        raise SystemExit(f"kb {' '.join(args)} exited {child.returncode}:\n{output}\n{errors}")
    return t.seconds, round(peak_kb / 1024, 1), output


def enrichment_stamps(db_path):
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("select document_id, enriched_at from enrichments"))


def document_paths(db_path):
    from urllib.parse import urlsplit
    with sqlite3.connect(db_path) as conn:
        return {urlsplit(url).path for (url,) in conn.execute("select url from documents")}


def requests_summary(log, documents):
    statuses = {}
    for _, status, _ in log:
        statuses[status] = statuses.get(status, 0) + 1
    conditional = [status for _, status, sent in log if sent]
    return {"requests": len(log), "statuses": statuses, "conditional": len(conditional),
            "conditional_304": conditional.count(304),
            "documents_downloaded": sum(1 for path, status, _ in log if status == 200 and path in documents)}


def larger_site(root, pages):
    """The sample site plus `pages` article pages under /bench-copies/ and a sources file that adds
    their feed to the sample's sources: (site directory, sources file)."""
    import shutil

    import yaml
    from harvest_bench import build_site
    site = root / "site"
    shutil.copytree(SITE, site)
    build_site(site / "bench-copies", pages, hosts=1, prefix="/bench-copies")
    config = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    config["sources"].append({"name": "bench-copies", "kind": "feed", "publisher": "Bench copies",
                              "url": "${SAMPLE_URL}/bench-copies/feed-all.xml"})
    config["settings"]["max_items"] = max(pages, config["settings"].get("max_items", 0))
    sources = root / "sources.yml"
    sources.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return site, sources


def one_round(workdir, env, log, sources=SOURCES):
    db = str(workdir / "kb.db")
    log.clear()
    first = {"harvest": run_kb(["harvest", "--sources", str(sources), "--db", db], env)}
    first["enrich"] = run_kb(["enrich", "--db", db], env)
    first_log, stamps = list(log), enrichment_stamps(db)
    log.clear()
    second = {"harvest": run_kb(["harvest", "--sources", str(sources), "--db", db], env)}
    second["enrich"] = run_kb(["enrich", "--db", db], env)
    documents = document_paths(db)
    after = enrichment_stamps(db)
    redone = sum(1 for doc, stamp in after.items() if stamps.get(doc) != stamp)
    enriched = int(re.search(r"enriched (\d+)", second["enrich"][2]).group(1))
    return {"first": first, "second": second, "documents": len(after), "redone": max(redone, enriched),
            "first_requests": requests_summary(first_log, documents),
            "second_requests": requests_summary(log, documents)}


def in_process(workdir, base_url, sources=SOURCES):
    """The same first and second runs as library calls in this process: (first s, second s)."""
    from enrich.run import enrich
    from harvester.config import load_config
    from harvester.run import harvest
    from kb.db import connect
    config = load_config(str(sources), variables={**os.environ, "SAMPLE_URL": base_url})
    db = connect(str(workdir / "kb.db"))
    seconds = []
    for _ in range(2):
        with Timer() as t:
            harvest(db, config)
            enrich(db)
        seconds.append(t.seconds)
    db.conn.close()
    return seconds


def measure(tmp, site, sources, rounds):
    """`rounds` first+second sequences as processes, then in-process; (process rounds, in-process rounds)."""
    done, inproc = [], []
    with counting_server(site) as (base_url, log):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(SAMPLE_URL=base_url, PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        for i in range(rounds):
            work = Path(tmp) / f"round-{i}"
            work.mkdir()
            done.append(one_round(work, env, log, sources))
        for i in range(rounds):
            work = Path(tmp) / f"in-process-{i}"
            work.mkdir()
            inproc.append(in_process(work, base_url, sources))
    return done, inproc


def figures_for(label, rounds, inproc, judged):
    """The figures of one site; `judged`: whether the share targets apply to it."""
    def best(run, command):
        return min(r[run][command][0] for r in rounds)

    def peak(command):
        return max(r[run][command][1] for r in rounds for run in ("first", "second"))

    first = best("first", "harvest") + best("first", "enrich")
    second = best("second", "harvest") + best("second", "enrich")
    share = round(100 * second / first, 1)
    first_work, second_work = min(s[0] for s in inproc), min(s[1] for s in inproc)
    work_share = round(100 * second_work / first_work, 1)
    last = rounds[-1]
    req1, req2 = last["first_requests"], last["second_requests"]
    status_text = ", ".join(f"{n} x {s}" for s, n in sorted(req2["statuses"].items()))
    documents = last["documents"]
    how = f"{label}; best of {len(rounds)} rounds, each on a fresh db; each command a child process"
    share_target = f"<= {SHARE_TARGET}" if judged else None
    unjudged = "" if judged else " (no target here: the larger site is the one judged; see the script's notes)"
    figures = [
        {"name": f"first run: kb harvest, {label}", "value": round(best("first", "harvest"), 2), "unit": "s",
         "size": documents, "target": None, "met": None,
         "how": f"the site ({req1['requests']} requests) into a fresh db; {how}"},
        {"name": f"first run: kb enrich, {label}", "value": round(best("first", "enrich"), 2), "unit": "s",
         "size": documents, "target": None, "met": None, "how": f"every document, model load included; {how}"},
        {"name": f"second run: kb harvest, {label}", "value": round(best("second", "harvest"), 2), "unit": "s",
         "size": documents, "target": None, "met": None, "how": f"the unchanged site again; {how}"},
        {"name": f"second run: kb enrich, {label}", "value": round(best("second", "enrich"), 2), "unit": "s",
         "size": documents, "target": None, "met": None, "how": f"nothing changed; {how}"},
        {"name": f"second run vs first, commands, {label}", "value": share, "unit": "%", "size": documents,
         "target": share_target, "met": share <= SHARE_TARGET if judged else None,
         "how": f"wall time of kb harvest + kb enrich as processes: {second:.2f} s vs {first:.2f} s "
                f"(interpreter start and imports included){unjudged}"},
        {"name": f"second run vs first, in-process work, {label}", "value": work_share, "unit": "%",
         "size": documents, "target": f"<= {SHARE_TARGET}", "met": work_share <= SHARE_TARGET,
         "how": f"harvest() + enrich() called in one process after its imports: {second_work:.2f} s vs "
                f"{first_work:.2f} s (model load in the first), best of {len(inproc)}"},
        {"name": f"second run: requests, {label}", "value": req2["requests"], "unit": "requests",
         "size": documents, "target": None, "met": None,
         "how": f"counted by the server: {status_text}; the first run made {req1['requests']}"},
        {"name": f"second run: conditional GETs answered 304, {label}", "value": req2["conditional_304"],
         "unit": "requests", "size": documents, "target": f"= {req2['conditional']} (all of them)",
         "met": req2["conditional"] > 0 and req2["conditional_304"] == req2["conditional"],
         "how": "requests carrying If-None-Match; the others are robots.txt and the board-papers index, "
                "which the pdfs source always fetches whole (new papers appear on an unchanged-looking page)"},
        {"name": f"second run: documents downloaded again, {label}", "value": req2["documents_downloaded"],
         "unit": "documents", "size": documents, "target": "= 0", "met": req2["documents_downloaded"] == 0,
         "how": f"200 responses for a stored document's URL (the first run downloaded "
                f"{req1['documents_downloaded']})"},
        {"name": f"second run: documents re-enriched, {label}", "value": last["redone"], "unit": "documents",
         "size": documents, "target": "= 0", "met": last["redone"] == 0,
         "how": "enrichments rows whose enriched_at changed, and kb enrich's own count"},
        {"name": f"peak RSS: kb harvest, {label}", "value": peak("harvest"), "unit": "MB", "size": documents,
         "target": None, "met": None, "how": "VmHWM of the child, read by the child as it exits; highest of all runs"},
        {"name": f"peak RSS: kb enrich, {label}", "value": peak("enrich"), "unit": "MB", "size": documents,
         "target": f"< {RSS_TARGET_MB}", "met": peak("enrich") < RSS_TARGET_MB,
         "how": "VmHWM of the child, read by the child as it exits; highest of all runs"},
    ]
    notes = [
        f"{label}, round {i}: first harvest {r['first']['harvest'][0]:.2f} s, enrich {r['first']['enrich'][0]:.2f} s; "
        f"second harvest {r['second']['harvest'][0]:.2f} s, enrich {r['second']['enrich'][0]:.2f} s"
        for i, r in enumerate(rounds)] + [
        f"{label}, in-process round {i}: first {a:.2f} s, second {b:.2f} s" for i, (a, b) in enumerate(inproc)] + [
        f"{label}: second kb harvest said: {last['second']['harvest'][2]}",
        f"{label}: second kb enrich said: {last['second']['enrich'][2]}"]
    return figures, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds on the bundled sample")
    parser.add_argument("--pages", type=int, default=200, help="article pages added for the larger site")
    parser.add_argument("--large-rounds", type=int, default=2, help="rounds on the larger site")
    args = parser.parse_args()
    figures, notes = [], []
    with tempfile.TemporaryDirectory(prefix="incremental-bench-") as tmp:
        sample = Path(tmp) / "sample"
        sample.mkdir()
        f, n = figures_for("bundled sample", *measure(sample, SITE, SOURCES, args.rounds), judged=False)
        figures += f
        notes += n
        if args.pages:
            large = Path(tmp) / "large"
            large.mkdir()
            site, sources = larger_site(large, args.pages)
            label = f"sample + {args.pages} pages"
            f, n = figures_for(label, *measure(large, site, sources, args.large_rounds), judged=True)
            figures += f
            notes += n
    record("incremental", figures, notes=notes)


if __name__ == "__main__":
    main()

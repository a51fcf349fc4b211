"""Harvest throughput: pages per second of the real harvester with politeness off (delay 0, a robots.txt
that allows everything, concurrency = hosts) against a bare httpx loop fetching exactly the same URLs
with the same number of threads, side by side in one run (alternating, best of 5). Two shapes: one host
(the harvester's one-request-at-a-time-per-host path against a plain loop) and `--hosts` hosts (one
source per host, harvested in parallel threads, against one bare loop thread per host). Also the cost
of parse_article per page, and where a single-host harvest's time goes per page.

    python bench/harvest_bench.py [--pages 400] [--hosts 4] [--rounds 5] [--profile FILE]

A third shape puts a round trip of `--latency-ms` (20) in front of every answer of one host, as any real
site has: the same comparison over `--latency-pages` pages, showing how much of a harvest's time its own
work still is once the network takes its usual share. The first two shapes have no network time at all,
so there the ratio compares the harvester's work per page (parse, archive, store: about 2 ms of
interpreter time) with the bare loop's (about 1 ms, half of it the local server's).

The site: `--pages` article pages made from the bundled sample's article pages (each copy numbered so
that every page is a distinct document; every other one in a generic layout that trafilatura reads), listed by RSS feeds (one of every page, one per host), served
on 127.0.0.1 by kb/sample_site.py's handler from a separate process (so the server does not share this
process's interpreter lock), one port per host. The harvester keeps every defence it has in
production: a new connection per request, the byte cap and deadline, the address check, the fetch log,
the WARC archive and one SQLite commit per document; and, as in production, it reads one page ahead.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from common import ROOT, Timer, percentiles, record  # noqa: E402

SAMPLE = ROOT / "sample" / "site"
# The sample's article pages, one of each shape (CQC, GOV.UK, WordPress trade press, GovDelivery).
TEMPLATE_GLOBS = ["cqc/news/*.html", "cqc/press-release/*.html", "govuk/government/news/*.html",
                  "healthcare-leader/news/*/index.html", "management-in-practice/news/*/index.html",
                  "govdelivery/accounts/UKCQC/bulletins/[0-9a-f]*.html"]


# Every other page has a layout none of our rules knows, so trafilatura reads it (harvester/general.py),
# as it reads the trade press and other sites researchers add: the sample's own text in generic markup.
GENERIC_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="2025-10-23T09:00:00Z">
</head><body><div class="site-wrap"><div class="top-bar"><a href="/">Example News</a> <a href="/news">News</a>
<a href="/opinion">Opinion</a> <a href="/jobs">Jobs</a></div><div class="layout-with-sidebar"><div class="story">
<h1>{title}</h1><div class="story-meta">By Alex Example, 23 October 2025</div>{paragraphs}</div>
<div class="rail"><h3>Most read</h3><ul><li><a href="/x">Another story</a></li><li><a href="/y">And another</a></li></ul>
</div></div><div class="bottom">Example News Ltd. All rights reserved.</div></div></body></html>"""


def generic_page(template_html):
    from html import escape
    from harvester.article import parse_with_site_rules
    article = parse_with_site_rules(template_html)
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in article.text.split("\n\n"))
    return GENERIC_PAGE.format(title=escape(article.title or "Story"), paragraphs=paragraphs)


def build_site(root, pages, hosts, prefix=""):
    """Article pages /a/NNNN (every other one of a layout our rules do not know); an RSS feed of them all
    (/feed-all.xml) and one per host (/feed-K.xml, every hosts-th page). `prefix`: the URL path `root` is
    served at, when not the server's root."""
    templates = sorted(p for pattern in TEMPLATE_GLOBS for p in SAMPLE.glob(pattern))
    (root / "a").mkdir(parents=True)
    for i in range(pages):
        html = templates[i // 2 % len(templates)].read_text(encoding="utf-8")
        if i % 2:
            html = generic_page(html)
        marker = f"<p>Benchmark copy {i} of this page, from the offline sample.</p>"
        html = html.replace("</h1>", f" ({i})</h1>\n{marker}", 1)
        (root / "a" / f"{i:04d}.html").write_text(html, encoding="utf-8")
    for name, numbers in [("all", range(pages))] + [(str(k), range(k, pages, hosts)) for k in range(hosts)]:
        items = "".join(
            f"<item><title>Copy {i}</title><link>{{{{BASE}}}}{prefix}/a/{i:04d}</link>"
            f"<pubDate>Thu, 23 Oct 2025 15:50:00 +0000</pubDate></item>\n" for i in numbers)
        (root / f"feed-{name}.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench {name}</title>'
            f"<link>{{{{BASE}}}}/</link>\n{items}</channel></rss>\n", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def serve(root, hosts, latency_ms):
    """In the server process: `hosts` ports on 127.0.0.1, and one more whose every answer waits
    `latency_ms` first (a network round trip, as real sites have); one line of JSON with their base URLs."""
    from http.server import ThreadingHTTPServer
    from kb.sample_site import make_handler
    plain = make_handler(Path(root))

    class Distant(plain):
        def do_GET(self):
            time.sleep(latency_ms / 1000)
            super().do_GET()

    servers = []
    for handler in [plain] * hosts + [Distant]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"plain": [s.base_url for s in servers[:-1]], "distant": servers[-1].base_url}), flush=True)
    sys.stdin.read()  # until the parent closes our stdin


def sources_file(path, bases, pages):
    import yaml
    config = {
        "settings": {"allow_private_addresses": ["127.0.0.1"], "delay": 0, "respect_robots": True,
                     "concurrency": len(bases), "max_items": pages, "user_agent": "cqc-monitor-bench"},
        "sources": [{"name": f"bench-{k}", "kind": "feed", "publisher": "Bench",
                     "url": f"{base}/feed-{k if len(bases) > 1 else 'all'}.xml"} for k, base in enumerate(bases)],
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")


class CostClock:
    """Where one single-threaded harvest's time goes, per page: the wall time of Fetcher.get less the
    archive write made inside it (with the next page fetched ahead, mostly waiting for a response that is
    already on its way), parse_article, the WARC archive, and the write transactions (each document with
    the fetch log of its requests, the run's bookkeeping). Installed by patching, removed by close()."""

    def __init__(self):
        import harvester.archive
        import harvester.fetch
        import harvester.items
        import harvester.run
        self.seconds = {"fetch": 0.0, "parse": 0.0, "archive": 0.0, "store": 0.0}
        self.patches = []

        def timed(owner, name, label):
            original = getattr(owner, name)

            def wrapper(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    self.seconds[label] += time.perf_counter() - started
            self.patches.append((owner, name, original))
            setattr(owner, name, wrapper)

        timed(harvester.fetch.Fetcher, "get", "fetch")
        timed(harvester.items, "parse_article", "parse")
        timed(harvester.archive.WarcArchive, "write", "archive")
        original_tx = harvester.run.write_transaction

        @contextmanager
        def write_transaction(db):
            started = time.perf_counter()
            try:
                with original_tx(db):
                    yield db
            finally:
                self.seconds["store"] += time.perf_counter() - started
        self.patches.append((harvester.run, "write_transaction", original_tx))
        harvester.run.write_transaction = write_transaction

    def close(self):
        for owner, name, original in reversed(self.patches):
            setattr(owner, name, original)
        self.seconds["fetch"] -= self.seconds["archive"]  # written inside Fetcher.get


def run_harvest(workdir, sources, label):
    """One harvest into a fresh database; (seconds, fetched URLs in order, documents stored)."""
    from harvester.config import load_config
    from harvester.run import harvest
    from kb.db import connect
    path = workdir / f"harvest-{label}.db"
    db = connect(str(path))
    config = load_config(str(sources))
    with Timer() as t:
        results = harvest(db, config)
    failed = [r for r in results if r.status != "ok"]
    if failed:
        raise SystemExit(f"harvest failed: {failed}")
    urls = [r["url"] for r in db.query("select url from fetches order by id")]
    documents = db["documents"].count
    db.conn.close()
    return t.seconds, urls, documents


def run_bare(urls):
    """The same URLs with plain httpx clients (defaults; no checks, nothing parsed or stored), one thread
    per host as the harvester has, each host's URLs in the harvester's order."""
    import httpx
    by_host = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc, []).append(url)
    errors = []

    def fetch_all(host_urls):
        with httpx.Client() as client:
            for url in host_urls:
                response = client.get(url)
                if response.status_code != 200:
                    errors.append(f"{url}: {response.status_code}")
                response.content

    threads = [threading.Thread(target=fetch_all, args=(u,)) for u in by_host.values()]
    with Timer() as t:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise SystemExit(f"bare fetch failed: {errors[:3]}")
    return t.seconds


def compare(work, bases, pages, rounds, label):
    """Best of `rounds` alternating runs of the bare loop and the harvester over the same URLs."""
    sources = work / f"sources-{label}.yml"
    sources_file(sources, bases, pages)
    _, urls, documents = run_harvest(work, sources, f"{label}-warmup")  # imports, caches; the URL list
    if documents != pages:
        raise SystemExit(f"expected {pages} documents, harvested {documents}")
    runs = {"bare": [], "harvest": []}
    for round_ in range(rounds):  # alternating, so both see the same machine state
        runs["bare"].append(run_bare(urls))
        seconds, round_urls, _ = run_harvest(work, sources, f"{label}-{round_}")
        runs["harvest"].append(seconds)
        if sorted(round_urls) != sorted(urls):
            raise SystemExit("the harvester fetched different URLs from one run to the next")
    return urls, runs


def parse_costs(site):
    """parse_article on every bench page, single-threaded (inside the threaded harvest the clock would
    also count waits for the interpreter lock); ms per page, after one warm-up pass."""
    from harvester.article import parse_article
    pages = [p.read_text(encoding="utf-8") for p in sorted((site / "a").glob("*.html"))]
    for html in pages[:20]:
        parse_article(html)
    samples = []
    for html in pages:
        started = time.perf_counter()
        parse_article(html)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=20,
                        help="round trip added by the distant server (0: leave that comparison out)")
    parser.add_argument("--latency-pages", type=int, default=200, help="pages harvested from the distant server")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # internal: the server process
    parser.add_argument("--profile", help="also write a cProfile of one single-host harvest to this file")
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, args.hosts, args.latency_ms)

    with tempfile.TemporaryDirectory(prefix="harvest-bench-") as tmp:
        work = Path(tmp)
        build_site(work / "site", args.pages, args.hosts)
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(work / "site"), "--hosts",
                                   str(args.hosts), "--latency-ms", str(args.latency_ms)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            ports = json.loads(server.stdout.readline())
            bases = ports["plain"]
            configurations = {"1 host": (bases[:1], args.pages)}
            if args.hosts > 1:
                configurations[f"{args.hosts} hosts"] = (bases, args.pages)
            if args.latency_ms:
                configurations[f"1 host, {args.latency_ms:g} ms round trip"] = ([ports["distant"]], args.latency_pages)
            results = {label: compare(work, hosts, pages, args.rounds, label.replace(" ", "-").replace(",", ""))
                       for label, (hosts, pages) in configurations.items()}
            # Where the time goes: one more single-host harvest with clocks on each step.
            sources = work / "sources-1-host.yml"
            clock = CostClock()
            try:
                breakdown_seconds, _, _ = run_harvest(work, sources, "breakdown")
            finally:
                clock.close()
            if args.profile:
                import cProfile
                cProfile.runctx("run_harvest(work, sources, 'profile')", globals(), locals(), args.profile)
                print(f"profile of a single-host harvest: {args.profile}")
            parse_ms = parse_costs(work / "site")
        finally:
            server.stdin.close()
            server.wait(timeout=10)

    figures, notes = [], []
    for label, (urls, runs) in results.items():
        threads, size = len(configurations[label][0]), configurations[label][1]
        bare, harvest = min(runs["bare"]), min(runs["harvest"])
        ratio = round(bare / harvest, 3)
        how = (f"{len(urls)} requests ({configurations[label][1]} article pages, {threads} feed(s), robots.txt) on {label} "
               f"(local ports), {threads} thread(s) each side; best of {args.rounds} alternating runs")
        # The target is for a harvest with network time (#15): with none, the ratio only compares the
        # harvester's own work per page with a bare loop's, which no real harvest is limited by.
        target = ">= 0.8" if "round trip" in label else None
        figures += [
            {"name": f"harvest throughput, {label}", "value": round(len(urls) / harvest, 1), "unit": "pages/s",
             "size": size, "target": None, "met": None,
             "how": f"harvester.run.harvest into a fresh SQLite db, delay 0, concurrency {threads}: {how}"},
            {"name": f"bare httpx fetch throughput, {label}", "value": round(len(urls) / bare, 1),
             "unit": "pages/s", "size": size, "target": None, "met": None,
             "how": f"httpx.Client().get of the same URLs, nothing checked, parsed or stored: {how}"},
            {"name": f"harvest / bare fetch ratio, {label}", "value": ratio, "unit": "ratio", "size": size,
             "target": target, "met": ratio >= 0.8 if target else None,
             "how": "bare fetch seconds / harvest seconds, best of each"},
        ]
        notes.append(f"{label}: harvest runs (s) {', '.join(f'{s:.2f}' for s in runs['harvest'])}; "
                     f"bare runs (s) {', '.join(f'{s:.2f}' for s in runs['bare'])}")
    parse = percentiles(parse_ms)
    figures.append({"name": "parse_article per page p50", "value": parse["p50"], "unit": "ms", "size": args.pages,
                    "target": None, "met": None,
                    "how": f"harvester.article.parse_article on each bench page, single-threaded "
                           f"(p95 {parse['p95']} ms, mean {statistics.mean(parse_ms):.2f} ms)"})
    pages = args.pages + 2  # + the feed and robots.txt
    costs = {**clock.seconds}
    costs["other"] = breakdown_seconds - sum(costs.values())
    for step, seconds in costs.items():
        figures.append({"name": f"harvest cost per page: {step}", "value": round(seconds * 1000 / pages, 2),
                        "unit": "ms", "size": args.pages, "target": None, "met": None,
                        "how": f"one single-host harvest with a clock on each step ({breakdown_seconds:.2f} s for "
                               f"{pages} requests); fetch excludes the archive written inside it, store includes the fetch log"})
    record("harvest_bench", figures, notes=notes)


if __name__ == "__main__":
    main()

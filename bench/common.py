"""What every benchmark script shares: the machine description, timing helpers, and one way to record
figures (bench/out/<script>.json), which bench/run.py merges into bench/results.json and bench/RESULTS.md.

A figure is a dict:
    {"name": "timeline query p95", "value": 12.3, "unit": "ms", "size": 100000 (documents, or None),
     "target": "< 100" (or None), "met": True (or None), "how": "one line: how it was measured"}
"""
import json
import os
import platform
import resource
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"


def machine():
    cpus = os.cpu_count()
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or platform.machine()
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1)
    except (ValueError, OSError):
        mem_gb = None
    return {"cpu": model, "cores": cpus, "memory_gb": mem_gb, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2), "n": len(ordered)}


def peak_rss_mb(who=resource.RUSAGE_SELF):
    """Peak resident set size in MB (ru_maxrss is in KB on Linux)."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


class Timer:
    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started


def record(script, figures, notes=None):
    """Write this script's figures for bench/run.py to merge."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{script}.json"
    path.write_text(json.dumps({"script": script, "measured": now(), "machine": machine(), "figures": figures,
                                "notes": notes or []}, indent=2), encoding="utf-8")
    for f in figures:
        size = f" @ {f['size']:,} docs" if f.get("size") else ""
        verdict = "" if f.get("met") is None else (" (target met)" if f["met"] else " (TARGET MISSED)")
        print(f"{f['name']}{size}: {f['value']} {f['unit']}{verdict}")
    return path

"""Run every benchmark, then merge their figures into bench/results.json and bench/RESULTS.md.

    python bench/run.py                 (what `make bench` runs)
    python bench/run.py --only harvest_bench --only incremental
    python bench/run.py --merge-only    (no runs: merge whatever bench/out/*.json holds)

The scripts run in a fixed order, each as its own process (its output shown as it comes) with its own
wall time: article_extraction, enrich_throughput, harvest_bench, incremental, scale_corpus, serving; a script that is not
there is skipped, one that fails or outlives --timeout is reported and the others still run. Each
script records its figures in bench/out/<script>.json (bench/common.py); only files written during this
run are merged, so a failed script's old figures are never passed off as new. results.json has the
machine, the date, each script's runtime and status, and every figure; RESULTS.md has the same as
tables, plus a growth table of the figures measured at several corpus sizes. Exits 1 if a script failed.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from common import OUT, ROOT, machine, now  # noqa: E402

ORDER = ["article_extraction", "enrich_throughput", "harvest_bench", "incremental", "scale_corpus", "serving"]
GROWTH_SIZES = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")]


def run_script(name, timeout):
    """Run bench/<name>.py; (seconds, status)."""
    path = BENCH / f"{name}.py"
    if not path.exists():
        print(f"== {name}: not present, skipped", flush=True)
        return None, "absent"
    print(f"== {name}", flush=True)
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(path)], cwd=ROOT, start_new_session=True)
    try:
        code = child.wait(timeout=timeout)
        status = "ok" if code == 0 else f"failed (exit {code})"
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the script's own process group: its servers and children too
        child.wait()
        status = f"timed out after {timeout:g} s"
    except KeyboardInterrupt:
        os.killpg(child.pid, signal.SIGKILL)
        raise
    seconds = time.perf_counter() - started
    print(f"== {name}: {status} in {seconds:.1f} s", flush=True)
    return seconds, status


def load_outputs(since=None):
    """The recorded outputs, in script order (others after, by name); only files written after `since`."""
    outputs = {}
    for path in sorted(OUT.glob("*.json")) if OUT.exists() else []:
        if since is not None and path.stat().st_mtime < since:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            print(f"skipping {path}: {e}", file=sys.stderr)
            continue
        outputs[data.get("script") or path.stem] = data
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(outputs.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0])))


def fmt(value):
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 10:
            return f"{value:,.1f}"
        text = f"{value:.3f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return str(value)


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def growth_rows(figures):
    """(script, name, unit, {size: value}) for each figure measured at two or more of the growth sizes."""
    by_name = {}
    for f in figures:
        key = (f["script"], f["name"], f["unit"])
        by_name.setdefault(key, {})[f.get("size")] = f["value"]
    sizes = {size for size, _ in GROWTH_SIZES}
    return [(script, name, unit, values) for (script, name, unit), values in by_name.items()
            if len(sizes & set(values)) >= 2]


def write_results(outputs, scripts, total_seconds):
    figures = [{"script": script, **figure} for script, data in outputs.items() for figure in data["figures"]]
    results = {"machine": machine(), "date": now(), "total_seconds": total_seconds, "scripts": scripts,
               "figures": figures,
               "notes": {script: data.get("notes", []) for script, data in outputs.items() if data.get("notes")},
               "measured": {script: data.get("measured") for script, data in outputs.items()}}
    (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"Measured {results['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB), "
             f"Python {m['python']}, {m['system']}. Written by `bench/run.py` (`make bench`); the same figures "
             f"are in `bench/results.json`. Benchmarks, not tests: a missed target is a finding, not a failure.",
             ""]
    if scripts:
        total = f"{total_seconds / 60:.1f} min" if total_seconds else "–"
        lines += ["## Scripts", "", f"Total wall time: {total}.", "", "| script | runtime | status |",
                  "| --- | ---: | --- |"]
        lines += [f"| {s['script']} | {fmt(round(s['seconds'], 1)) + ' s' if s['seconds'] is not None else '–'} "
                  f"| {s['status']} |" for s in scripts]
        lines.append("")
    lines += ["## Figures", "", "| script | figure | size | value | unit | target | met |",
              "| --- | --- | ---: | ---: | --- | --- | --- |"]
    for f in figures:
        met = {True: "yes", False: "**no**", None: ""}[f.get("met")]
        lines.append(f"| {f['script']} | {cell(f['name'])} | {fmt(f.get('size'))} | {fmt(f['value'])} | "
                     f"{cell(f['unit'])} | {cell(f.get('target') or '')} | {met} |")
    growth = growth_rows(figures)
    if growth:
        lines += ["", "## Growth with corpus size", "",
                  "| script | figure | unit | " + " | ".join(label for _, label in GROWTH_SIZES) + " |",
                  "| --- | --- | --- | " + " | ".join("---:" for _ in GROWTH_SIZES) + " |"]
        for script, name, unit, values in growth:
            lines.append(f"| {script} | {cell(name)} | {cell(unit)} | "
                         + " | ".join(fmt(values.get(size)) for size, _ in GROWTH_SIZES) + " |")
    lines += ["", "## How each figure was measured", ""]
    for script, data in outputs.items():
        lines.append(f"### {script} (measured {data.get('measured', '?')})")
        lines.append("")
        seen = set()
        for f in data["figures"]:
            if f.get("how") and (f["name"], f["how"]) not in seen:
                seen.add((f["name"], f["how"]))
                size = f" @ {f['size']:,}" if f.get("size") else ""
                lines.append(f"- **{cell(f['name'])}**{size}: {cell(f['how'])}")
        for note in data.get("notes") or []:
            lines.append(f"- note: {cell(note)}")
        lines.append("")
    (BENCH / "RESULTS.md").write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=ORDER, help="run only this script (repeatable)")
    parser.add_argument("--merge-only", action="store_true", help="run nothing; merge bench/out/*.json")
    parser.add_argument("--timeout", type=float, default=900, help="seconds each script may take (900)")
    args = parser.parse_args()

    scripts, since, total = [], None, None
    if not args.merge_only:
        since = time.time() - 1  # file times have coarse resolution on some file systems
        started = time.perf_counter()
        for name in ORDER:
            if args.only and name not in args.only:
                continue
            seconds, status = run_script(name, args.timeout)
            scripts.append({"script": name, "seconds": seconds, "status": status})
        total = round(time.perf_counter() - started, 1)
    outputs = load_outputs(since)
    for s in scripts:
        if s["status"] == "ok" and s["script"] not in outputs:
            s["status"] = "ok, but recorded no figures"
    figures = write_results(outputs, scripts, total)
    missed = [f"{f['script']}: {f['name']}" for f in figures if f.get("met") is False]
    print(f"\n{len(figures)} figures from {len(outputs)} scripts -> bench/results.json, bench/RESULTS.md"
          + (f"; total {total / 60:.1f} min" if total else ""))
    if missed:
        print("targets missed:\n  " + "\n  ".join(missed))
    failed = [s for s in scripts if s["status"] not in ("ok", "absent")]
    for s in failed:
        print(f"{s['script']}: {s['status']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

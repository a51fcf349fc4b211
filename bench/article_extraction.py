"""Article body extraction on the public benchmark in ../shared/bench/article-extraction (181 real pages
from many sites, each with its true article body): F1, precision, recall and median ms per page of our
extractor (harvester.article.parse_article: our site rules where one matches, trafilatura elsewhere)
and of trafilatura alone, side by side in one run; also our site rules alone, the extractor before #15.

    python bench/article_extraction.py [--dir PATH] [--rounds 3]

The folder is $ARTICLE_BENCH, else $SHARED/bench/article-extraction, else ../shared/bench/article-extraction
beside the project (as the Makefile's SHARED); when it is absent the benchmark is skipped with a message.
The pages are read where they are: nothing of them is copied into the project.

Scored as the benchmark's README describes (its upstream evaluate.py): 4-token shingles of \\w+ tokens,
per-page true/false positives and false negatives normalised by their sum, precision and recall the
means over the pages where each is defined, F1 from those two means.
"""
import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from common import ROOT, record  # noqa: E402

TARGET_F1, TARGET_MS = 0.96, 25


def benchmark_dir(explicit=None):
    if explicit:
        return Path(explicit)
    if os.environ.get("ARTICLE_BENCH"):
        return Path(os.environ["ARTICLE_BENCH"])
    shared = Path(os.environ.get("SHARED") or ROOT.parent / "shared")
    if not shared.is_absolute():
        shared = ROOT / shared
    return shared / "bench" / "article-extraction"


# -- the metric ----------------------------------------------------------------------------------------
def shingles(text, n=4):
    """Counted runs of n consecutive \\w+ tokens; a text of fewer than n tokens is one shingle."""
    tokens = re.findall(r"\w+", text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true_text, predicted_text):
    """(tp, fp, fn) of one page, divided by their sum so that every page weighs the same."""
    true, predicted = shingles(true_text), shingles(predicted_text)
    tp = sum((true & predicted).values())
    fp = sum((predicted - true).values())
    fn = sum((true - predicted).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(pairs):
    """{f1, precision, recall, accuracy} over (true text, predicted text) pairs."""
    counts = [page_counts(true, predicted) for true, predicted in pairs]
    precisions = [tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(re.findall(r"\w+", true or "") == re.findall(r"\w+", predicted or "") for true, predicted in pairs)
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": exact / len(pairs) if pairs else 0.0}


# -- the extractors --------------------------------------------------------------------------------------
def ours(html):
    from harvester.article import parse_article
    return parse_article(html).text


def trafilatura_alone(html):
    import trafilatura
    return trafilatura.extract(html) or ""


def site_rules_alone(html):
    from harvester.article import parse_with_site_rules
    return parse_with_site_rules(html).text


EXTRACTORS = {"ours (site rules + trafilatura)": ours, "trafilatura alone": trafilatura_alone,
              "our site rules alone (before #15)": site_rules_alone}


def run(extract, pages, rounds):
    """Each page's text and its best time over `rounds` passes (ms), after a warm-up on a few pages."""
    for _, html, _ in pages[:5]:
        extract(html)
    texts, best = {}, {}
    for _ in range(rounds):
        for key, html, _ in pages:
            started = time.perf_counter()
            texts[key] = extract(html)
            ms = (time.perf_counter() - started) * 1000
            best[key] = min(ms, best.get(key, ms))
    return texts, best


def known_layout_evidence():
    """Why our rules keep the layouts we know: on the bundled sample's article pages (our own fixtures),
    trafilatura's text scored against our rules' text, per known layout."""
    from harvester.article import _parse, known_layout, parse_with_site_rules
    from harvester.general import body_lines
    expected = json.loads((ROOT / "sample" / "expected.json").read_text(encoding="utf-8"))["documents"]
    by_layout = {}
    for document in expected:
        path = document["path"].strip("/")
        page = next((p for p in (ROOT / "sample" / "site" / f"{path}.html", ROOT / "sample" / "site" / path / "index.html")
                     if p.exists()), None)
        if page is None:  # a PDF
            continue
        html = page.read_text(encoding="utf-8")
        by_layout.setdefault(known_layout(_parse(html)), []).append(
            (parse_with_site_rules(html).text, "\n".join(body_lines(html))))
    figures = []
    for layout, pairs in sorted(by_layout.items(), key=lambda kv: str(kv[0])):
        scores = score(pairs)
        figures.append({"name": f"trafilatura against our rules, sample pages of layout {layout}",
                        "value": round(scores["precision"], 3), "unit": "precision", "size": len(pairs),
                        "target": None, "met": None,
                        "how": f"the bundled sample's article pages, trafilatura's text scored with our rules' text "
                               f"as the truth (recall {scores['recall']:.3f}): below 1, it keeps furniture our "
                               f"rules drop"})
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", help="the benchmark folder (default: see above)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages; each page's best time counts")
    args = parser.parse_args()
    folder = benchmark_dir(args.dir)
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        print(f"article extraction benchmark skipped: {truth_file} not found "
              f"(set ARTICLE_BENCH or SHARED to the folder that has it)")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = [(key, gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"),
              item.get("articleBody") or "") for key, item in sorted(truth.items())]

    figures, rows = [], []
    load_before = os.getloadavg()[0]
    for name, extract in EXTRACTORS.items():
        texts, ms = run(extract, pages, args.rounds)
        scores = score([(true, texts[key]) for key, _, true in pages])
        median = statistics.median(ms.values())
        empty = sum(1 for key, _, _ in pages if not texts[key].strip())
        rows.append((name, scores, median, empty))
        is_ours = name.startswith("ours")
        how = (f"{name} on the {len(pages)} pages of {folder.name}, scored as its README describes "
               f"(4-token shingles; per-page P and R averaged); {empty} pages came out empty")
        figures += [
            {"name": f"article extraction F1, {name}", "value": round(scores["f1"], 3), "unit": "F1",
             "size": len(pages), "target": f">= {TARGET_F1}" if is_ours else None,
             "met": scores["f1"] >= TARGET_F1 if is_ours else None, "how": how},
            {"name": f"article extraction precision, {name}", "value": round(scores["precision"], 3),
             "unit": "precision", "size": len(pages), "target": None, "met": None, "how": how},
            {"name": f"article extraction recall, {name}", "value": round(scores["recall"], 3),
             "unit": "recall", "size": len(pages), "target": None, "met": None, "how": how},
            {"name": f"article extraction median time, {name}", "value": round(median, 1), "unit": "ms/page",
             "size": len(pages), "target": f"<= {TARGET_MS}" if is_ours else None,
             "met": median <= TARGET_MS if is_ours else None,
             "how": f"best of {args.rounds} passes per page, single-threaded, the whole call (metadata too)"},
        ]
    ours_ms, library_ms = rows[0][2], rows[1][2]
    figures.append({"name": "article extraction median time, ours / trafilatura alone", "unit": "ratio",
                    "value": round(ours_ms / library_ms, 2), "size": len(pages), "target": None, "met": None,
                    "how": "the two medians above, measured in the same run: unlike the times, not moved by "
                           "the machine's load"})
    figures += known_layout_evidence()
    print(f"\n| extractor | F1 | precision | recall | exact | median ms/page | empty |\n| --- | --- | --- | --- | --- | --- | --- |")
    for name, s, median, empty in rows:
        print(f"| {name} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['accuracy']:.3f} "
              f"| {median:.1f} | {empty} |")
    print()
    from harvester.article import _parse, known_layout
    known = sum(1 for _, html, _ in pages if known_layout(_parse(html)))
    notes = [f"{known} of {len(pages)} pages have one of our known layouts (read by our rules); the others "
             f"go to trafilatura (fast, no comments), then our title and banner lines are dropped",
             f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores: "
             f"times are comparable only within one run"]
    record("article_extraction", figures, notes=notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

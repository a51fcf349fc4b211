"""Experiment: a learned precision filter over the rules' event candidates (see docs/learned-filter.md).

Runs the real `kb ingest` + `kb enrich` on an evaluation part in a fresh database, with hooks around
enrich.extract.analyse (features of every scored-type candidate, from the parsed Doc) and
enrich.run.store_analysis (records the candidates per document and, optionally, drops those a filter scores
below a threshold before they are stored and consolidated). Labels come from the part's gold file with
score.py's matching rules (type, date at least as precise as gold, every key in the summary or participant
names), applied to each candidate against its own document's gold. Only train is ever labelled; check is
only scored in aggregate, with a model trained on all of train.

Models (--model): `lr` (logistic regression in pure Python over ~25 hand-built feature kinds), `lr-small`
(type, trigger lemma, tense, negation, hypothetical, stated date; stronger L2), `textcat` (spaCy's
bag-of-words TextCatBOW on "TYPE sentence", blank English pipeline, no vectors).

    .venv/bin/python scripts/learned_filter_experiment.py --model lr-small     # leave-documents-out CV on train
    .venv/bin/python scripts/learned_filter_experiment.py --model lr-small --check 0.5   # then check, aggregate
    .venv/bin/python scripts/learned_filter_experiment.py --oracle             # a perfect filter's ceiling on train

SHARED (default ../shared) locates eval/. About 12 s per pipeline run; a CV run makes 1 + len(thresholds).
"""
import argparse
import importlib.util
import json
import math
import os
import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import enrich.extract as extract
from enrich.candidates import TRIGGERS
from enrich.assertion import is_hypothetical, is_negated, tense

SCORED = {"pause", "resume", "appointment", "departure", "review_commissioned", "review_published"}
SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")) / "eval"


def load_score():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- features
CUES = {
    "quote": re.compile(r"[\"“”]"),
    "said": re.compile(r"\b(said|says|told|added)\b", re.I),
    "modal": re.compile(r"\b(could|would|may|might|should|must)\b", re.I),
    "future": re.compile(r"\b(will|to be|due to|set to|expected)\b", re.I),
    "former": re.compile(r"\b(former|formerly|previous|previously|ex-|then)\b", re.I),
    "since": re.compile(r"\b(since|until|from \d{4}|between)\b", re.I),
    "interim": re.compile(r"\b(interim|acting)\b", re.I),
    "review_word": re.compile(r"\b(review|inquiry|investigation|report)\b", re.I),
    "negation": re.compile(r"\b(not|no|never|n't)\b", re.I),
    "when": re.compile(r"\b(when|after|before|following)\b", re.I),
    "year_in_sent": re.compile(r"\b(19|20)\d\d\b"),
}


def featurise(cand, doc, published):
    """A small, hand-built feature set (strings, for a sparse logistic regression)."""
    f = [f"type={cand.type}", "bias"]
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    words = list(span) if span is not None else []
    triggers = [t for t in words if t.lemma_.lower() in TRIGGERS.get(cand.type, ())]
    if triggers:
        t = triggers[0]
        f += [f"lemma={cand.type}:{t.lemma_.lower()}", f"pos={t.pos_}", f"dep={t.dep_}",
              f"tense={tense(t)}", f"neg={is_negated(t)}"]
        try:
            f.append(f"hypo={bool(is_hypothetical(t, span))}")
        except Exception:
            pass
        f.append(f"trigger_is_root={t.dep_ == 'ROOT'}")
    else:
        f.append("no_trigger_word")  # a tenure / post told in passing / pause phrase
    f.append(f"date_text={cand.date_text is not None}")
    f.append(f"date_prec={len(cand.date or '')}")
    if published and cand.date:
        f.append(f"date_vs_pub={'same' if published.startswith(cand.date) or cand.date.startswith(published[:len(cand.date)]) else ('before' if cand.date < published[:len(cand.date)] else 'after')}")
    n = len(words)
    f.append(f"len={'short' if n < 15 else 'mid' if n < 35 else 'long'}")
    for name, rx in CUES.items():
        if rx.search(cand.sentence):
            f.append(f"cue={name}")
            f.append(f"cue={cand.type}:{name}")
    roles = {role for _, role in cand.participants}
    f += [f"has={r}" for r in sorted(roles)]
    f.append(f"n_people_sent={min(3, sum(1 for e in (span.ents if span is not None else []) if e.label_ == 'PERSON'))}")
    f.append(f"sent_index={'first' if cand.start < 400 else 'later'}")
    return f


# ---------------------------------------------------------------- logistic regression (pure python)
def train_lr(rows, epochs=60, lr=0.1, l2=0.01, seed=0):
    """rows: [(features, label)]. Sparse binary logistic regression by SGD with L2."""
    w = defaultdict(float)
    rng = random.Random(seed)
    data = list(rows)
    for epoch in range(epochs):
        rng.shuffle(data)
        for feats, y in data:
            z = sum(w[x] for x in feats)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            for x in feats:
                w[x] -= lr * (g + l2 * w[x])
    return dict(w)


def predict(w, feats):
    z = sum(w.get(x, 0.0) for x in feats)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


SMALL = ("type=", "lemma=", "tense=", "neg=", "hypo=", "date_text=", "bias")


def small(feats):
    """The reduced feature set: event type, trigger lemma, tense and assertion, whether a date is stated."""
    return [x for x in feats if x.startswith(SMALL)]


def train_textcat(rows, seed=0, epochs=15):
    """rows: [(text, label)]: a spaCy bag-of-words textcat ("TYPE sentence"), no pretrained vectors."""
    import spacy
    from spacy.training import Example
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    tc = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                                                   "ngram_size": 2, "no_output_layer": False}})
    tc.add_label("OK")
    tc.add_label("WRONG")
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {"OK": float(y), "WRONG": float(1 - y)}}) for t, y in rows]
    opt = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for i in range(0, len(examples), 8):
            nlp.update(examples[i:i + 8], sgd=opt, drop=0.2)
    return lambda text: nlp(text).cats["OK"]


def auc(pairs):
    pos = [p for y, p in pairs if y]
    neg = [p for y, p in pairs if not y]
    if not pos or not neg:
        return None
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


# ---------------------------------------------------------------- running the pipeline with a hook
def run_part(part, keep=None):
    """Ingest and enrich `part` in a fresh database; record candidates; `keep(url, feats)` -> bool filters.
    Returns (db path, {url: [(candidate, feats)]})."""
    from click.testing import CliRunner
    from kb.cli import cli
    import enrich.run as run
    recorded = {}
    original, original_store = extract.analyse, run.store_analysis

    def hooked(doc, published=None, author=None, known_people=()):
        analysis = original(doc, published, author, known_people)
        for cand in analysis.events:  # features need the parsed Doc; the store hook knows the document
            if cand.type in SCORED:
                cand.features = featurise(cand, doc, published) + [f"text={cand.type} {cand.sentence}"]
        return analysis

    def hooked_store(db, document, analysis):
        url, kept, rec = document["url"], [], []
        for cand in analysis.events:
            if cand.type in SCORED:
                rec.append((cand, cand.features))
                if keep is not None and not keep(url, cand.features):
                    continue
            kept.append(cand)
        recorded[url] = rec  # a document read again replaces its first reading
        analysis.events = kept
        return original_store(db, document, analysis)

    tmp = Path(tempfile.mkdtemp()) / f"{part}.db"
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", str(SHARED / f"{part}.jsonl"), "--db", str(tmp)])
    assert r.exit_code == 0, r.output
    extract.analyse, run.store_analysis = hooked, hooked_store
    try:
        r = runner.invoke(cli, ["enrich", "--db", str(tmp), "--no-progress"])
        assert r.exit_code == 0, (r.output, r.exception)
    finally:
        extract.analyse, run.store_analysis = original, original_store
    return tmp, recorded


def label(recorded, gold_path, score):
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    by_url = defaultdict(list)
    for g in gold:
        if g.get("kind") == "event":
            by_url[score.canon(g["url"])].append(g)
    rows = []
    for url, recs in recorded.items():
        for cand, feats in recs:
            hay = score.norm(" ".join([cand.summary] + [ref.name for ref, _ in cand.participants]))
            ok = any(g["type"] == cand.type and score.date_ok(cand.date, g["date"])
                     and all(re.search(r"\b" + re.escape(score.norm(k)), hay) for k in g.get("keys", []))
                     for g in by_url.get(score.canon(url), []))
            rows.append((url, feats, int(ok)))
    return rows


def events_score(db, part, score):
    r = score.score(str(db), str(SHARED / f"{part}-gold.jsonl"))
    e = r["events"]
    return e["precision"], e["recall"], e["f1"]


def make_model(kind, rows):
    """rows: [(features, label)] -> a function features -> P(correct)."""
    if kind == "textcat":
        text = lambda f: next(x[5:] for x in f if x.startswith("text="))
        model = train_textcat([(text(f), y) for f, y in rows])
        return lambda f: model(text(f))
    select = small if kind == "lr-small" else (lambda f: [x for x in f if not x.startswith("text=")])
    l2 = 0.1 if kind == "lr-small" else 0.01
    w = train_lr([(select(f), y) for f, y in rows], l2=l2)
    model = lambda f: predict(w, select(f))
    model.weights = w
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--model", choices=["lr", "lr-small", "textcat"], default="lr")
    ap.add_argument("--thresholds", default="0.1,0.2,0.3,0.5")
    ap.add_argument("--oracle", action="store_true", help="drop exactly the wrong train candidates (a ceiling)")
    ap.add_argument("--check", type=float, default=None, help="threshold to measure on check (aggregate only)")
    a = ap.parse_args()
    score = load_score()
    thresholds = [float(t) for t in a.thresholds.split(",")]

    db, recorded = run_part("train")
    rows = label(recorded, SHARED / "train-gold.jsonl", score)
    print(f"model {a.model}; train candidates {len(rows)}: correct {sum(r[2] for r in rows)}, "
          f"wrong {sum(1 - r[2] for r in rows)}")
    print("train baseline (no filter): P %.3f R %.3f F1 %.3f" % events_score(db, "train", score))
    if a.oracle:
        wrong = {(u, tuple(f)) for u, f, y in rows if not y}
        db_o, _ = run_part("train", lambda url, feats: (url, tuple(feats)) not in wrong)
        print("train with a perfect candidate filter: P %.3f R %.3f F1 %.3f" % events_score(db_o, "train", score))
        return

    # leave-documents-out folds
    urls = sorted({r[0] for r in rows} | set(recorded))
    random.Random(13).shuffle(urls)
    fold_of = {u: i % a.folds for i, u in enumerate(urls)}
    models = [make_model(a.model, [(f, y) for u, f, y in rows if fold_of[u] != k]) for k in range(a.folds)]
    oof = [(y, models[fold_of[u]](f)) for u, f, y in rows]
    print(f"  out-of-fold candidate AUC {auc(oof):.3f}")
    for t in thresholds:
        kept = [(y, p) for y, p in oof if p >= t]
        print(f"  cand-level t={t:.2f}: kept {len(kept)}/{len(oof)}, wrong kept {sum(1 - y for y, _ in kept)}"
              f"/{sum(1 - y for y, _ in oof)}, correct dropped {sum(y for y, p in oof if p < t)}")
    # pipeline-level CV: every train document filtered by the model not trained on it
    for t in thresholds:
        keep = lambda url, feats, t=t: models[fold_of.get(url, 0)](feats) >= t
        db_t, _ = run_part("train", keep)
        print("train CV pipeline t=%.2f: P %.3f R %.3f F1 %.3f" % ((t,) + events_score(db_t, "train", score)))

    full = make_model(a.model, [(f, y) for u, f, y in rows])
    if hasattr(full, "weights"):
        top = sorted(full.weights.items(), key=lambda kv: kv[1])
        print("most negative weights:", [(k, round(v, 2)) for k, v in top[:8]])
        print("most positive weights:", [(k, round(v, 2)) for k, v in top[-8:]])
    if a.check is not None:
        dbc, _ = run_part("check")
        print("check without filter: P %.3f R %.3f F1 %.3f" % events_score(dbc, "check", score))
        dbc, _ = run_part("check", lambda url, feats: full(feats) >= a.check)
        print("check with filter t=%.2f: P %.3f R %.3f F1 %.3f" % ((a.check,) + events_score(dbc, "check", score)))


if __name__ == "__main__":
    sys.exit(main())

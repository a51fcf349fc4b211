"""The project's own vocabulary, kept as data files in enrich/data: ICBs, organisations, reviews, roles, and
the word lists that tell an organisation's name from other capitalised words."""
import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _data(name):
    return resources.files("enrich").joinpath("data", name)


@dataclass(frozen=True)
class Icb:
    ons_code: str
    name: str        # "NHS Dorset Integrated Care Board"
    area: str        # "Dorset"

    @property
    def ics_name(self):
        return f"{self.area} ICS"


@lru_cache
def icbs():
    with _data("icbs.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [Icb(r["ons_code"], r["name"], re.sub(r"^NHS\s+|\s+Integrated Care Board$", "", r["name"]))
            for r in rows]


@lru_cache
def icb_by_code():
    return {icb.ons_code: icb for icb in icbs()}


def icb_forms(icb):
    """The ways people write an ICS or ICB: 'NHS Dorset ICB', 'Dorset ICS', 'Dorset Integrated Care
    System', 'NHS Birmingham & Solihull Integrated Care Board' ..."""
    areas = {icb.area, icb.area.replace(" and ", " & ")}
    forms = set()
    for area in areas:
        for suffix in ("ICB", "ICS", "Integrated Care Board", "integrated care board", "Integrated Care System",
                       "integrated care system", "Integrated Care Partnership", "ICP"):
            forms.add(f"{area} {suffix}")
            forms.add(f"NHS {area} {suffix}")
    return sorted(forms)


@lru_cache
def organisations():
    with _data("organisations.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@lru_cache
def reviews():
    with _data("reviews.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@lru_cache
def roles():
    with _data("roles.txt").open(encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


@lru_cache
def assertion_words():
    return _json("assertion.json")


@lru_cache
def person_frames():
    """Trigger words of appointments and departures with the conditions they need (person_frames.jsonl)."""
    with _data("person_frames.jsonl").open(encoding="utf-8") as f:
        return [frame for frame in map(json.loads, filter(str.strip, f)) if "type" in frame]


@lru_cache
def post_nouns():
    return _word_set("post_nouns.txt")


@lru_cache
def tenure_words():
    return _json("tenure.json")


@lru_cache
def role_words():
    return _json("role_words.json")


@lru_cache
def org_alias_index():
    """alias (lower case) -> canonical organisation name."""
    index = {}
    for org in organisations():
        for alias in [org["name"], *org["aliases"]]:
            index[alias.lower()] = org["name"]
            index[re.sub(r"^the\s+", "", alias.lower())] = org["name"]
    return index


@lru_cache
def first_names():
    with _data("first_names.txt").open(encoding="utf-8") as f:
        return {w for line in f if not line.startswith("#") for w in line.split()}


def _json(name):
    with _data(name).open(encoding="utf-8") as f:
        return json.load(f)


def _word_set(name):
    """The lower-case words of a word-list file: one entry a line (a phrase counts as its words), '#' comments."""
    with _data(name).open(encoding="utf-8") as f:
        return frozenset(w.lower() for line in f if not line.lstrip().startswith("#") for w in line.split())


@lru_cache
def organisation_words():
    """Head nouns of organisations' names: 'trust', 'commission', 'council' ..."""
    return _word_set("organisation_words.txt")


@lru_cache
def not_organisation_words():
    """Role, title, sector, condition and document words: 'chair', 'healthcare', 'covid-19', 'framework' ..."""
    return _word_set("not_organisations.txt")


@lru_cache
def not_organisation_acronyms():
    """Short capitalised words that name no organisation: 'GP', 'UK', 'CEO' ..."""
    return _word_set("not_organisation_acronyms.txt")


@lru_cache
def law_words():
    """Words that end the name of a law: 'act', 'bill', 'regulations'."""
    return _word_set("law_words.txt")


@lru_cache
def known_aliases():
    """(type, canonical name) -> every other name our data files know it by, so that a search for 'CQC'
    finds the Care Quality Commission even in documents that never abbreviate it."""
    aliases = {}
    for org in organisations():
        aliases[("ORG", org["name"])] = tuple(a for a in org["aliases"] if a != org["name"])
    for icb in icbs():
        aliases[("ICS", icb.ics_name)] = tuple(f for f in icb_forms(icb) if f != icb.ics_name) + (icb.ons_code,)
    for review in reviews():
        aliases[("REVIEW", review["name"])] = tuple(p for p in review["patterns"] if p != review["name"])
    return aliases


@lru_cache
def gender_words():
    """Titles and pronouns by gender (gender_words.json), for enrich/pronouns.py."""
    return _json("gender_words.json")


@lru_cache
def event_triggers():
    """Trigger lemmas by event type, as sets (event_triggers.json); appointments and departures are framed in
    person_frames.jsonl."""
    return {key: frozenset(words) for key, words in _json("event_triggers.json").items() if key != "_comment"}

"""One document -> its entity mentions, money figures and candidate events (no database here)."""
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.util import filter_spans

from . import vocab
from .dates import find_dates, parse_iso
from .events import find_events
from .review_events import review_leads
from .money import describe, find_money
from .nlp import PERSON_TITLES, clean_person_name, looks_like_name
from .people import people_named, person_for_word, the_one_named
from .refs import EntityRef


@dataclass
class Mention:
    entity: EntityRef
    text: str
    start: int
    end: int


@dataclass
class Figure:
    amount_gbp: float
    text: str
    sentence: str
    measure: str | None
    period: str | None
    start: int
    end: int


@dataclass
class Analysis:
    mentions: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    events: list = field(default_factory=list)


class PeopleResolver:
    """Maps every way a document writes a person to one canonical name: 'Sir Julian Hartley',
    'Julian Hartley', 'Mr Hartley' and 'Sir Julian' are one person within a document.
    `known_people` (full names from other documents) lets a surname-only mention join its person."""

    def __init__(self, names, known_people=()):
        cleaned = [clean_person_name(n) for n in names]
        self.full = sorted({n for n in cleaned if len(n.split()) >= 2}, key=len, reverse=True)
        self.known = [n for n in known_people if len(n.split()) >= 2]
        self.count = {n: cleaned.count(n) for n in self.full}

    def resolve(self, text):
        name = clean_person_name(text)
        if not name:
            return None
        parts = name.split()
        if len(parts) >= 2:
            # "Mike Richards" and "Professor Sir Mike Richards" already agree; a middle initial may differ.
            for full in self.full:
                f = full.split()
                if f[-1] == parts[-1] and f[0] == parts[0] and len(full) > len(name):
                    return full
            return name
        matches = people_named(name, self.full)
        found = the_one_named(name, matches)
        if found:
            return found
        if matches:  # "Ian" with Ian Trenholm and Ian Dilks: the one this document writes most
            ranked = sorted(matches, key=lambda full: self.count.get(full, 0), reverse=True)
            if self.count.get(ranked[0], 0) > self.count.get(ranked[1], 0):
                return ranked[0]
        return person_for_word(name, self.known) or name


def _entity_for(ent, people):
    label = ent.label_
    if label == "PERSON":
        name = people.resolve(ent.text)
        if not name or len(name) < 3 or not looks_like_name(name):
            return None
        titled = any(t.lower_.rstrip(".") in PERSON_TITLES for t in ent.doc[max(ent.start - 1, 0): ent.end - 1])
        if " " not in name and not titled:
            return None  # a lone capitalised word ("Kent", "Background") that no full name explains
        return EntityRef("PERSON", name)
    if label == "ICS":
        icb = vocab.icb_by_code()[ent.ent_id_]
        return EntityRef("ICS", icb.ics_name, icb.ons_code)
    if label == "REVIEW":
        return EntityRef("REVIEW", ent.ent_id_ or ent.text)
    if label == "ORG":
        if ent.ent_id_:
            return EntityRef("ORG", ent.ent_id_)
        name = re.sub(r"^(the|a|an)\s+", "", ent.text.strip(), flags=re.I)
        name = re.sub(r"['’]s$", "", name)
        canonical = vocab.org_alias_index().get(name.lower())
        if canonical:
            return EntityRef("ORG", canonical)
        if len(name) < 2 or name.isdigit():  # what is an organisation was decided by nlp.org_label
            return None
        return EntityRef("ORG", name)
    if label == "LAW":
        return EntityRef("LAW", re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I))
    return None


class ReferenceDate(date):
    """When an undated document was written, as far as its own dates tell: a day, or the end of the month or
    year it last names (`precision`: 10, 7 or 4 characters of the ISO date)."""
    precision = 10


def reference_date(text):
    """For a document without a publication date: the latest date it states, at whatever precision ('in
    2024', 'March 2025', '26 March 2025'), the best guess at when it was written. Relative dates ('last
    month', 'in March') resolve against it, and what it reports without a date is dated no more precisely
    than it."""
    latest = None
    for mention in find_dates(text):
        for value in filter(None, (mention.value, mention.end_value)):
            start = parse_iso(value + "-01-01"[len(value) - 4:] if len(value) < 10 else value)
            if start is None or start > date.today():
                continue
            end = _end_of(value)
            if latest is None or end > latest:
                latest = ReferenceDate(end.year, end.month, end.day)
                latest.precision = len(value)
    return latest


def _end_of(value):
    """The last day of the period an ISO date names: '2024' -> 2024-12-31, '2024-02' -> 2024-02-29."""
    if len(value) == 4:
        return date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return parse_iso(value)


NAMED_WORKS = {"review", "report", "inquiry"}


def _leads_named(doc, people):
    """(word, person) for each work called after its lead ('the Dash review', 'the Francis inquiry'): the
    full name this document or the review data gives the word, else the surname alone when the model took
    it for a name; a word that is no one's name ('the Patient Safety review') gives nothing."""
    leads = review_leads()
    found = []
    for word in doc[:-1]:
        if not word.is_title or doc[word.i + 1].lower_ not in NAMED_WORKS or not looks_like_name(word.text):
            continue
        full = people.resolve(word.text)
        if not (full and len(full.split()) >= 2):
            review = next((e for e in doc.ents if e.label_ == "REVIEW" and e.start <= word.i < e.end), None)
            lead = review is not None and leads.get(review.ent_id_ or review.text)
            full = lead if lead and lead.split()[-1] == word.text else None
        if full or word.ent_type_ == "PERSON":
            found.append((word, full or word.text))
    return found


def analyse(doc, published=None, author=None, known_people=(), publisher=None):
    """Analyse a spaCy Doc of one document's text. `published` is its ISO publication date; `publisher`, the
    name of who published it ('our chief inspector' in its text is that organisation's, when we know it)."""
    pub_date = parse_iso(published) or reference_date(doc.text)
    known = vocab.org_alias_index().get((publisher or "").lower())
    doc.user_data["publisher"] = EntityRef("ORG", known) if known else None
    person_texts = [e.text for e in doc.ents if e.label_ == "PERSON"] + ([author] if author else [])
    people = PeopleResolver(person_texts, known_people)
    analysis = Analysis()
    refs = {}

    def entity_of(ent):
        """_entity_for, once per entity: the event rules ask again for every sentence's entities."""
        key = (ent.start, ent.end, ent.label_, ent.ent_id_)
        if key not in refs:
            refs[key] = _entity_for(ent, people)
        return refs[key]
    for ent in doc.ents:
        ref = entity_of(ent)
        if ref:
            analysis.mentions.append(Mention(ref, ent.text, ent.start_char, ent.end_char))
    for word, lead in _leads_named(doc, people):  # 'the Dash review' mentions Dr Dash too
        analysis.mentions.append(Mention(EntityRef("PERSON", lead), word.text, word.idx, word.idx + len(word)))
    for span in filter_spans(doc.spans.get("roles", [])):
        analysis.mentions.append(Mention(EntityRef("ROLE", span.text.lower()), span.text, span.start_char,
                                         span.end_char))
    if author:
        name = people.resolve(author)
        if name and len(name.split()) >= 2:
            analysis.mentions.append(Mention(EntityRef("PERSON", name), author, None, None))
    for sent in doc.sents:
        for money in find_money(sent.text):
            measure, period = describe(sent.text, money.text, money.start)
            analysis.figures.append(Figure(money.amount_gbp, money.text, sent.text.strip(), measure, period,
                                           sent.start_char + money.start, sent.start_char + money.end))
    analysis.events = find_events(doc, pub_date, entity_of)
    return analysis


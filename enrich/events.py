"""Sentences -> events: pauses, resumptions, appointments, departures, reviews commissioned and published,
abolitions and launches.

Each rule finds a trigger word, checks it is asserted (not negated, hypothetical or merely proposed),
then collects participants from the sentence's entities and the date nearest the trigger, resolved
against the publication date. Consolidation across documents happens in the store, by `key`.
"""
import re
from dataclasses import dataclass, field

from spacy.util import filter_spans

from .dates import find_dates

REVIEW_WORDS = {"review", "inquiry", "investigation", "probe", "audit", "examination", "report", "inquest"}

TRIGGERS = {
    "pause": {"pause", "delay", "postpone", "halt", "suspend", "defer", "shelve", "freeze"},
    "resume": {"resume", "restart", "recommence", "reinstate", "unpause", "reopen"},
    "appointment": {"appoint", "appointment", "name", "confirm", "become", "join", "succeed", "hire", "recruit",
                    "select", "assume", "take", "start", "candidate"},
    "departure": {"resign", "resignation", "step", "stand", "leave", "quit", "retire", "retirement", "depart",
                  "departure", "exit", "oust", "sack", "dismiss"},
    "review_commissioned": {"commission", "launch", "order", "ask", "announce", "establish", "lead"},
    "review_published": {"publish", "publication", "release", "find", "conclude", "reveal", "set"},
    "abolition": {"abolish", "abolition", "scrap", "merge", "disband"},
}
# Phrases that state an event despite containing a negative ("will not go ahead", "no longer accepted").
PAUSE_PHRASES = re.compile(r"\b(will not go ahead|won['’]t go ahead|no longer (?:be )?(?:review|assess|accept|"
                           r"carry)\w*|(?:will not|won['’]t) be accepted|stop(?:s|ped)? accepting|on hold)\b", re.I)
DEPARTURE_PHRASES = re.compile(r"\b(not seek(?:ing)? re-?appointment|not stand(?:ing)? for re-?election)\b", re.I)
HYPOTHETICAL = {"could", "might", "may", "should", "would"}
HEDGES = re.compile(r"\b(if|whether|unless|no plans? to|calls? for|called for|urg(?:e|ed|es)|propos(?:e|ed|al)|"
                    r"consider(?:s|ed|ing)?|rumou?r|speculat\w*|could|might|may)\b", re.I)
LABELS = {
    "pause": "Paused", "resume": "Resumed", "appointment": "Appointed", "departure": "Departure",
    "review_commissioned": "Review commissioned", "review_published": "Review published",
    "abolition": "Abolition", "launch": "Launch",
}
PAUSABLE = re.compile(r"\b(ICSs?|ICBs?|integrated care systems?|assessments?|inspections?|registrations?|"
                      r"portal|programme|ratings?|reviews?|rollout|roll-out|consultation|work|applications?)\b", re.I)


@dataclass
class EventCandidate:
    type: str
    date: str | None
    summary: str
    key: str
    sentence: str
    start: int
    end: int
    date_text: str | None = None
    participants: list = field(default_factory=list)   # (EntityRef, role)


def _is_negated(token):
    for t in (token, token.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
    return False


def _is_hypothetical(token, sent):
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL:
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in token.children):
        return True
    before = sent.doc.text[sent.start_char: token.idx]
    return bool(HEDGES.search(before[-60:]))


def _tense(token):
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall"} or token.tag_ == "VB" and "to" in aux:
        return "future"
    if token.tag_ in ("VBD",) or aux & {"was", "were", "had", "did"}:
        return "past"
    if aux & {"has", "have", "'s", "is", "are", "am"} or token.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return "past" if token.tag_ == "VBN" else None


def _date_for(sent, trigger, published, tense):
    """The date in the sentence closest to the trigger (relative ones resolved), else None."""
    mentions = find_dates(sent.text, published, "past" if tense == "present" else tense)
    if not mentions:
        return None, None
    position = trigger.idx - sent.start_char

    best = min(mentions, key=lambda m: m.start - position if m.start >= position else position - m.end)
    return best.value, best.text


def _fallback_date(published, tense):
    """No date in the sentence: a present-tense report happens around publication."""
    if published and tense in ("present", None):
        return published.isoformat()[:7]
    return None


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _role_in(sent):
    spans = [s for s in filter_spans(sent.doc.spans.get("roles", [])) if sent.start <= s.start < sent.end]
    return spans


def find_events(doc, published, entity_of):
    """All events stated in `doc`. `entity_of(span)` maps an entity span to an EntityRef (or None)."""
    events = []
    for sent in doc.sents:
        ents = [(e, entity_of(e)) for e in sent.ents]
        ents = [(e, ref) for e, ref in ents if ref is not None]
        people = [(e, ref) for e, ref in ents if ref.type == "PERSON"]
        orgs = [(e, ref) for e, ref in ents if ref.type == "ORG"]
        reviews = [(e, ref) for e, ref in ents if ref.type == "REVIEW"]
        icss = [(e, ref) for e, ref in ents if ref.type == "ICS"]
        roles = _role_in(sent)
        seen_types = set()
        for token in sent:
            for event_type, lemmas in TRIGGERS.items():
                if token.lemma_.lower() not in lemmas or (event_type, token.i) in seen_types:
                    continue
                candidate = _build(event_type, token, sent, published, people, orgs, reviews, icss, roles)
                if candidate:
                    seen_types.add((event_type, token.i))
                    events.append(candidate)
        if PAUSE_PHRASES.search(sent.text) and not any(e.type == "pause" and e.start == sent.start_char
                                                        for e in events):
            root = sent.root
            candidate = _pause(root, sent, published, icss, forced=True)
            if candidate:
                events.append(candidate)
    return _dedupe(events)


def _dedupe(events):
    seen, unique = set(), []
    for e in events:
        if (e.key, e.start) not in seen:
            seen.add((e.key, e.start))
            unique.append(e)
    return unique


def _build(event_type, token, sent, published, people, orgs, reviews, icss, roles):
    if event_type == "pause" or event_type == "resume":
        if _is_negated(token) or _is_hypothetical(token, sent):
            return None
        return _pause(token, sent, published, icss, event_type=event_type)
    if event_type in ("appointment", "departure"):
        return _person_event(event_type, token, sent, published, people, orgs, roles)
    if event_type.startswith("review"):
        return _review_event(event_type, token, sent, published, people, reviews)
    if event_type == "abolition":
        if _is_negated(token) or _is_hypothetical(token, sent) or not orgs:
            return None
        org = orgs[0][1]
        date, date_text = _date_for(sent, token, published, _tense(token))
        date = date or _fallback_date(published, _tense(token))
        return EventCandidate("abolition", date, f"Abolition of {org.name}", f"abolition:{_slug(org.name)}",
                              sent.text.strip(), sent.start_char, sent.end_char, date_text, [(org, "subject")])
    return None


def _pause(token, sent, published, icss, event_type="pause", forced=False):
    text = sent.text
    subject_match = PAUSABLE.search(text)
    if not subject_match:
        return None
    if re.search(r"\bICSs?\b|\bintegrated care systems?\b", text, re.I) or icss:
        subject = "ICS assessments"
    elif re.search(r"\bregistration|portal\b", text, re.I):
        subject = "registration through the provider portal"
    else:
        subject = subject_match.group(0).lower()
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    month = (date or "undated")[:7]
    key = f"{event_type}:{_slug(subject)}:{month}"
    summary = f"{LABELS[event_type]}: {subject}"
    return EventCandidate(event_type, date, summary, key, text.strip(), sent.start_char, sent.end_char, date_text,
                          [])


def _person_event(event_type, token, sent, published, people, orgs, roles):
    lemma = token.lemma_.lower()
    text = sent.text
    if event_type == "departure" and lemma in ("step", "stand") and not any(
            c.lower_ in ("down", "aside") for c in token.children):
        return None
    if event_type == "appointment" and lemma in ("take",) and not any(c.lower_ in ("over", "up") for c in token.children):
        return None
    if event_type == "appointment" and lemma == "name" and not re.search(r"\bnamed\s+(?:as\s+)?(?:the\s+)?"
                                                                           r"(?:new|its|as|interim|permanent|first)",
                                                                           text, re.I):
        return None
    if event_type == "appointment" and lemma in ("start", "join", "become", "assume", "candidate", "confirm") \
            and not roles and not orgs:
        return None
    if event_type == "departure" and lemma in ("leave", "exit") and not (roles or orgs):
        return None
    if _is_negated(token) and not DEPARTURE_PHRASES.search(text):
        return None
    if _is_hypothetical(token, sent):
        return None
    if not people:
        return None
    # The person nearest the trigger is the one appointed or leaving.
    person_span, person = min(people, key=lambda p: abs(p[0].start - token.i))
    role = min(roles, key=lambda r: abs(r.start - token.i)).text.lower() if roles else None
    org = min(orgs, key=lambda o: abs(o[0].start - token.i))[1] if orgs else None
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    what = " ".join(x for x in [role, f"of {org.name}" if org else None] if x) or "a new role"
    verb = {"appointment": "appointed", "departure": "leaves"}[event_type]
    summary = f"{person.name} {verb} {'as ' if event_type == 'appointment' else ''}{what}".strip()
    key = f"{event_type}:{_slug(person.name)}:{_slug((role or '') + ' ' + (org.name if org else ''))}"
    participants = [(person, "person")] + ([(org, "organisation")] if org else [])
    return EventCandidate(event_type, date, summary, key, text.strip(), sent.start_char, sent.end_char, date_text,
                          participants)


def _review_event(event_type, token, sent, published, people, reviews):
    text = sent.text
    lower = text.lower()
    if not (reviews or any(w in lower for w in REVIEW_WORDS)):
        return None
    if "state of care" in lower:
        return None  # an annual report, not a review
    lemma = token.lemma_.lower()
    if lemma == "set" and not any(c.lower_ == "out" for c in token.children):
        return None
    if lemma == "lead" and event_type == "review_commissioned" and not re.search(r"\bto lead\b|\bled by\b", lower):
        return None
    if _is_negated(token) or _is_hypothetical(token, sent):
        return None
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    participants = []
    if reviews:
        review = min(reviews, key=lambda r: abs(r[0].start - token.i))[1]
        participants.append((review, "review"))
        name = review.name
    else:
        noun = next((t for t in sent if t.lemma_.lower() in REVIEW_WORDS), None)
        chunk = next((c for c in sent.noun_chunks if noun is not None and c.start <= noun.i < c.end), None)
        name = chunk.text if chunk is not None else "review"
    if people:
        lead = min(people, key=lambda p: abs(p[0].start - token.i))[1]
        participants.append((lead, "lead"))
    lead_name = next((ref.name for ref, role in participants if role == "lead"), "")
    summary = f"{LABELS[event_type]}: {name}" + (f" ({lead_name})" if lead_name and lead_name not in name else "")
    ident = _slug(name if reviews else (lead_name.split()[-1] if lead_name else name))
    key = f"{event_type}:{ident}:{(date or 'undated')[:7] if event_type == 'review_published' else ''}"
    return EventCandidate(event_type, date, summary, key, text.strip(), sent.start_char, sent.end_char, date_text,
                          participants)

"""What every event rule shares: the trigger words of each event type, the candidate an event rule
returns, and the one date resolver (the date nearest the trigger, read in its clause's tense)."""
import re
from dataclasses import dataclass, field

from .assertion import doc_text, is_perfect, tense as _tense
from .dates import find_dates
from .syntax import clause_head
from .vocab import event_triggers, person_frames


_words = event_triggers()
REVIEW_WORDS = _words["review_words"]
TRIGGERS = {
    "pause": _words["pause"],
    "resume": _words["resume"],
    "appointment": {lemma for frame in person_frames() if frame["type"] == "appointment" for lemma in frame["lemmas"]},
    "departure": {lemma for frame in person_frames() if frame["type"] == "departure" for lemma in frame["lemmas"]},
    "review_commissioned": _words["review_commissioned"],
    "review_published": _words["review_publication"] | _words["review_finding"],
    "abolition": _words["abolition"],
    "consultation": _words["consultation"],
    "launch": _words["launch"],
}
LABELS = {
    "pause": "Paused", "resume": "Resumed", "appointment": "Appointed", "departure": "Departure",
    "review_commissioned": "Review commissioned", "review_published": "Review published",
    "abolition": "Abolition", "consultation": "Consultation", "launch": "Launched",
}


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


BOUNDARY_BEFORE_DATE = re.compile(r"\b(until|till|after|before|by|beyond|ahead of)\s+(the\s+)?"
                                  r"([\w’']+\s+){0,3}$", re.I)


def _reading(trigger, tense):
    """How to read a month named without a year: in the past for past tenses and the present perfect ('has
    been appointed'); as near the publication as can be for the plain present ('takes up the post on 1 April',
    'is leaving in June')."""
    if tense == "present":
        return "past" if is_perfect(trigger) or trigger.tag_ == "VBN" else None
    return tense


def _date_for(sent, trigger, published, tense, skip_boundaries=False):
    """The date in the sentence closest to the trigger (relative ones resolved), else None.
    With `skip_boundaries`, dates that end a period ('until after the election on 4 July') are not
    the event's date."""
    mentions = find_dates(sent.text, published, _reading(trigger, tense))
    if skip_boundaries:
        mentions = [m for m in mentions if not BOUNDARY_BEFORE_DATE.search(sent.text[:m.start])]
    if not mentions:
        return _anaphoric_date(sent)
    position = trigger.idx - sent.start_char

    def own_clause(m):
        """Whether the date belongs to the trigger's clause, not another verb's ('leaving NHSP, which he
        joined in February 2023')."""
        token = next((t for t in sent if t.idx - sent.start_char >= m.start), None)
        while token is not None and token.i != trigger.i:
            if token.pos_ in ("VERB", "AUX") and token.i != trigger.i:
                return False
            if token.head.i == token.i:
                return False
            token = token.head
        return token is not None

    def in_relative_clause(m):
        """'leaving NHSP, which he joined in February 2023', 'X, director of Y (2020-2024), joined ...': the
        date tells when something else happened."""
        token = next((t for t in sent if t.idx - sent.start_char >= m.start), None)
        while token is not None and token.head.i != token.i and token.i != trigger.i:
            if (token.dep_ in ("relcl", "acl") or token.dep_ == "appos" and token.head.ent_type_ == "PERSON") \
                    and trigger.i not in {t.i for t in token.subtree}:
                return True
            token = token.head
        return False

    mentions = [m for m in mentions if not in_relative_clause(m)]
    if _is_ending(trigger):
        mentions = [m for m in mentions if not re.search(r"\bsince\s+$", sent.text[:m.start], re.I)]
    if not mentions:
        return None, None
    best = min(mentions, key=lambda m: (not own_clause(m),
                                        m.start - position if m.start >= position else position - m.end))
    # a date in a clause of the trigger's own, with a tense of its own, is read in that tense ('has been
    # chosen to lead the ICB from April': the April to come)
    token = next((t for t in sent if t.idx - sent.start_char >= best.start), None)
    token = clause_head(token) if token is not None else None
    if token is not None and token.i != trigger.i and trigger.i in {t.i for t in token.ancestors} and \
            token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children) and \
            _tense(clause_head(token.head)) != "past":  # 'had been due to begin in April': an April gone by
        reading = _reading(token, _tense(token))
        if reading != _reading(trigger, tense):
            again = next((m for m in find_dates(sent.text, published, reading) if m.start == best.start), None)
            best = again or best
    return best.value, best.text


# 'on the same day', 'later that month', 'since then': a date the sentence takes from the one before it,
# at the precision the phrase keeps (a day, a month, a year, or as that sentence gave it)
ANAPHORIC_DATES = [(re.compile(r"\b(?:on )?(?:the same day|that day)\b", re.I), 10),
                   (re.compile(r"\b(?:in |later |earlier )?(?:the same month|that month)\b", re.I), 7),
                   (re.compile(r"\b(?:in |later |earlier )?(?:the same year|that year)\b", re.I), 4),
                   (re.compile(r"\b(?:since then|at the time|at that time)\b", re.I), None)]


def _anaphoric_date(sent):
    """(date, text) for a sentence that dates itself by the date an earlier sentence stated ('moved to the
    role on the same day'); else (None, None). Earlier sentences are read only when the phrase is there."""
    found = next(((m, precision) for pattern, precision in ANAPHORIC_DATES for m in [pattern.search(sent.text)]
                  if m), None)
    if found is None:
        return None, None
    m, precision = found
    doc = sent.doc
    before = doc_text(doc)[:sent.start_char]
    stated = [d for d in find_dates(before) if not d.relative]
    last = stated[-1].value if stated else None
    if last is None or precision is not None and len(last) < precision:
        return None, None
    return last[:precision] if precision else last, m.group(0)


def _is_ending(trigger):
    """'has been in the role since 2017, and will retire': a since-date starts a period, it does not end it."""
    return trigger.lemma_.lower() in TRIGGERS["departure"] | TRIGGERS["pause"]


def _fallback_date(published, tense):
    """No date in the sentence: what a report states without a date happened around its publication (for an
    undated document, as precisely as its own dates tell when it was written)."""
    return published.isoformat()[:getattr(published, "precision", 10)] if published else None


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

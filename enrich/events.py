"""Sentences -> events: pauses, resumptions, appointments, departures, reviews commissioned and published,
abolitions, launches and consultations.

Each rule finds a trigger word, checks it is asserted (not negated, hypothetical or merely proposed),
then collects participants from the sentence's entities and the date nearest the trigger, resolved
against the publication date. Consolidation across documents happens in the store, by `key`.
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .assertion import doc_text, is_asserted, is_hypothetical, is_negated, is_perfect, is_planned, tense as _tense
from .dates import find_dates
from .pronouns import antecedent as pronoun_antecedent, document_genders
from .refs import EntityRef
from .tenures import find_new_posts, find_tenures
from .vocab import org_alias_index, person_frames, post_nouns, reviews as known_reviews

REVIEW_WORDS = {"review", "inquiry", "investigation", "probe", "audit", "examination", "report", "inquest"}

TRIGGERS = {
    "pause": {"pause", "delay", "postpone", "halt", "suspend", "defer", "shelve", "freeze"},
    "resume": {"resume", "restart", "recommence", "reinstate", "unpause", "reopen"},
    "appointment": {lemma for frame in person_frames() if frame["type"] == "appointment" for lemma in frame["lemmas"]},
    "departure": {lemma for frame in person_frames() if frame["type"] == "departure" for lemma in frame["lemmas"]},
    "review_commissioned": {"commission", "launch", "order", "ask", "announce", "establish", "lead", "bring",
                            "appoint", "instigate", "begin", "start", "face", "chair", "head", "set", "publish"},
    "review_published": {"publish", "publication", "release", "set", "issue", "unveil", "present", "find",
                         "conclude", "reveal", "highlight", "pinpoint", "recommend", "criticise", "criticize",
                         "echo", "lay", "show", "warn", "describe", "identify", "confirm", "say", "state", "note",
                         "summarise", "blame", "uncover", "expose", "bare"},
    "abolition": {"abolish", "abolition", "scrap", "disband"},
    "consultation": {"launch", "open", "publish", "begin", "start", "unveil", "announce", "consult"},
    "launch": {"launch", "unveil", "introduce", "roll"},
}
# Phrases that state an event despite containing a negative ("will not go ahead", "no longer accepted").
PAUSE_PHRASES = re.compile(r"\b(will not go ahead|won['’]t go ahead|no longer (?:be )?(?:review|assess|accept|"
                           r"carry)\w*|(?:will not|won['’]t) be accepted|stop(?:s|ped)? accepting|on hold)\b", re.I)
DEPARTURE_PHRASES = re.compile(r"\b(not seek(?:ing)? re-?appointment|not stand(?:ing)? for re-?election)\b", re.I)
LABELS = {
    "pause": "Paused", "resume": "Resumed", "appointment": "Appointed", "departure": "Departure",
    "review_commissioned": "Review commissioned", "review_published": "Review published",
    "abolition": "Abolition", "consultation": "Consultation", "launch": "Launched",
}
PROBLEM_NOUNS = {"issue", "problem", "failure", "difficulty", "challenge", "backlog", "shortage", "pressure",
                 "strike", "concern", "delay", "error", "fault", "outage", "bug", "glitch"}
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
        return None, None
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
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token is not None and token.i != trigger.i and trigger.i in {t.i for t in token.ancestors} and \
            token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children) and \
            _tense(_clause_head(token.head)) != "past":  # 'had been due to begin in April': an April gone by
        reading = _reading(token, _tense(token))
        if reading != _reading(trigger, tense):
            again = next((m for m in find_dates(sent.text, published, reading) if m.start == best.start), None)
            best = again or best
    return best.value, best.text


def _is_ending(trigger):
    """'has been in the role since 2017, and will retire': a since-date starts a period, it does not end it."""
    return trigger.lemma_.lower() in TRIGGERS["departure"] | TRIGGERS["pause"]


def _fallback_date(published, tense):
    """No date in the sentence: what a report states without a date happened around its publication (for an
    undated document, as precisely as its own dates tell when it was written)."""
    return published.isoformat()[:getattr(published, "precision", 10)] if published else None


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _role_in(sent, doc_roles=None):
    """The sentence's roles; `doc_roles`: the document's, already filtered (filter_spans(doc.spans['roles']))."""
    from spacy.util import filter_spans  # here, not at the top: roles.py imports this module without spaCy
    if doc_roles is None:
        doc_roles = filter_spans(sent.doc.spans.get("roles", []))
    spans = [s for s in doc_roles if sent.start <= s.start < sent.end]
    return spans


def _about_ics(doc):
    return len(re.findall(r"\bICSs?\b|\bintegrated care systems?\b", doc_text(doc), re.I)) >= 2


def find_events(doc, published, entity_of):
    """All events stated in `doc`. `entity_of(span)` maps an entity span to an EntityRef (or None)."""
    doc.user_data["about_ics"] = _about_ics(doc)
    all_reviews = [(e, entity_of(e)) for e in doc.ents if e.label_ == "REVIEW"]
    doc.user_data["default_review"] = _default_review(doc, [(e, r) for e, r in all_reviews if r])
    doc.user_data["last_review"] = None
    doc.user_data["last_person"] = None
    from spacy.util import filter_spans
    doc_roles = filter_spans(doc.spans.get("roles", []))  # once, not for every sentence
    sentences = []
    for sent in doc.sents:
        ents = [(e, entity_of(e)) for e in sent.ents]
        sentences.append((sent, [(e, ref) for e, ref in ents if ref is not None]))
    doc.user_data["genders"] = document_genders(
        [[(e, ref) for e, ref in ents if ref.type == "PERSON" and not _is_byline(e)] for _, ents in sentences])
    events = []
    for sent, ents in sentences:
        people = [(e, ref) for e, ref in ents if ref.type == "PERSON"]
        orgs = [(e, ref) for e, ref in ents if ref.type == "ORG"]
        reviews = [(e, ref) for e, ref in ents if ref.type == "REVIEW"]
        icss = [(e, ref) for e, ref in ents if ref.type == "ICS"]
        roles = _role_in(sent, doc_roles)
        seen_types = set()
        for token in sent:
            lemma = token.lemma_.lower()  # once per token, not once per event type
            for event_type, lemmas in TRIGGERS.items():
                if lemma not in lemmas or (event_type, token.i) in seen_types:
                    continue
                candidate = _build(event_type, token, sent, published, people, orgs, reviews, icss, roles)
                if candidate:
                    seen_types.add((event_type, token.i))
                    events.extend(candidate if isinstance(candidate, list) else [candidate])
        named_people = [(span, ref) for span, ref in people if not _is_byline(span)]
        make = _post_maker(sent, published, orgs + icss)
        events += find_tenures(sent, published, named_people, roles, doc.user_data["last_person"], make)
        appointed = {ref for e in events if e.type == "appointment" and e.start == sent.start_char
                     for ref, role in e.participants if role == "person"}
        events += [e for e in find_new_posts(sent, named_people, roles, doc.user_data["last_person"], make)
                   if e.participants[0][0] not in appointed]
        _note_review(sent, reviews, people)
        named = [ref for span, ref in named_people]
        if named:
            doc.user_data["last_person"] = named[-1]
        if PAUSE_PHRASES.search(sent.text) and not any(e.type == "pause" and e.start == sent.start_char
                                                        for e in events):
            root = sent.root
            candidate = _pause(root, sent, published, icss)
            if candidate:
                events.extend(candidate if isinstance(candidate, list) else [candidate])
    return _dedupe(events)


def _post_maker(sent, published, orgs):
    """Builds the candidates of a post told in passing: the organisation is the one the post is of; the date
    is the one stated (`mention`), else the sentence's nearest one, else the publication day."""
    def make(event_type, person, role_span, mention, role_name=None):
        org = next((ref for span, ref in orgs if _is_real_org(ref) and (
            _belongs(role_span, span) or role_name and span.start >= role_span.start and span.end <= role_span.end
        )), None)
        if mention is None:
            date, date_text = _date_for(sent, role_span.root, published, None)
            date = date or _fallback_date(published, None)
        else:
            date, date_text = mention.value, mention.text
        return _person_candidate(event_type, person, role_name or role_span.text.lower(), org, date, date_text,
                                 sent)
    return make


def _dedupe(events):
    seen, unique = set(), []
    for e in events:
        if (e.key, e.start, e.date) not in seen:
            seen.add((e.key, e.start, e.date))
            unique.append(e)
    return [e for e in unique if not any(_says_more(other, e) for other in unique if other is not e)]


def _says_more(a, b):
    """One sentence telling a person's appointment or departure twice ('replacing X, who retired in
    December'; 'succeed X when she retires'): `a` is the same event as `b` with a stated date where `b` has
    none, or with the post where `b` has none. Posts that differ are two events."""
    if a.type != b.type or a.start != b.start or a.type not in ("appointment", "departure"):
        return False
    person = lambda e: e.participants[0][0]
    post = lambda e: {ref for ref, role in e.participants if role in ("role", "organisation")}
    if person(a) != person(b) or not (post(b) <= post(a)):
        return False
    return (bool(a.date_text), len(post(a))) > (bool(b.date_text), len(post(b)))


def _build(event_type, token, sent, published, people, orgs, reviews, icss, roles):
    if event_type == "pause" or event_type == "resume":
        if not is_asserted(token, sent):
            return None
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in PROBLEM_NOUNS for c in token.children):
            return None  # "the issues have delayed the assessments": a consequence, not a decision
        if token.pos_ == "NOUN" and (token.tag_ == "NNS" or not re.search(
                r"\b(announc|confirm|decid|agree|further|another|latest|new)\w*", sent.text, re.I)):
            return None  # "delays in registration" describe a problem, not a decision to pause
        if MAINTENANCE.search(sent.text):
            return None  # "suspended the service so that we could carry out maintenance": an outage
        return _with_actors(_pause(token, sent, published, icss, event_type=event_type), token, orgs, icss)
    if event_type in ("appointment", "departure"):
        return _person_event(event_type, token, sent, published, people, orgs, roles)
    if event_type.startswith("review"):
        found = _each_review(event_type, token, sent, published, people, reviews)
        return _with_actors(found, token, orgs, icss) if event_type == "review_commissioned" else found
    if event_type in ("consultation", "launch"):
        return _with_actors(_launch(event_type, token, sent, published, orgs), token, [], icss)
    if event_type == "abolition":
        if not is_asserted(token, sent) or not orgs:
            return None
        org = orgs[0][1]
        date, date_text = _date_for(sent, token, published, _tense(token))
        date = date or _fallback_date(published, _tense(token))
        return EventCandidate("abolition", date, f"Abolition of {org.name}", f"abolition:{slug(org.name)}",
                              sent.text.strip(), sent.start_char, sent.end_char, date_text, [(org, "subject")])
    return None


MAINTENANCE = re.compile(r"\b(maintenance|outage|downtime|technical (?:issue|problem|fault)s?|system upgrade)\b",
                         re.I)


def _acting_org(token, orgs):
    """The organisation that acts: the trigger's subject ('CQC paused ...', 'DHSC commissioned ...') or agent
    ('... was commissioned by DHSC'), or that of the verb the trigger completes; else the organisation
    named nearest the trigger."""
    verbs = [token] + ([token.head] if token.dep_ in ("xcomp", "conj", "advcl") else [])
    for span, ref in orgs:
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.i in {v.i for v in verbs} and root.dep_ == "nsubj" \
                or root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.i in {v.i for v in verbs}:
            return ref
    real = [(span, ref) for span, ref in orgs if _is_real_org(ref)]
    return min(real, key=lambda o: abs(o[0].start - token.i))[1] if real else None


def _with_actors(found, token, orgs, icss):
    """Add to each event the organisation that acts and the ICSs the sentence names, as participants, so
    that an organisation's or an ICS's timeline lists its pauses, launches and reviews."""
    if not found:
        return found
    actor = _acting_org(token, orgs)
    for event in found if isinstance(found, list) else [found]:
        present = {ref for ref, _ in event.participants}
        if actor is not None and actor not in present:
            event.participants.append((actor, "organisation"))
        event.participants += [(ref, "ics") for _, ref in icss if ref not in present]
    return found


def _launched_thing(token):
    """What a launch verb launches: its object ('launched a consultation on ...'), its passive subject ('the
    portal was launched'), or the noun it describes ('the portal, launched in 2023')."""
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _phrase(noun, limit=12):
    """The noun phrase `noun` heads, without leading determiners or clauses describing it, at most `limit`
    tokens: 'its new strategy, published in May' -> 'new strategy'."""
    clause = {t.i for c in noun.children if c.dep_ in ("acl", "relcl", "punct") for t in c.subtree}
    owner = {t.i for c in noun.children if c.dep_ in ("det", "poss") for t in c.subtree}  # "CQC’s", "its"
    tokens = [t for t in noun.subtree if t.i not in clause | owner]
    # a phrase never runs across a line break: 'Background' above it is a heading, not its first word
    tokens = [t for t in tokens if not any("\n" in noun.doc[i].whitespace_ or noun.doc[i].is_space
                                            for i in range(min(t.i, noun.i), max(t.i, noun.i)))][:limit]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("ADP", "CCONJ", "DET")):
        tokens.pop()
    return "".join(t.text_with_ws for t in tokens).strip()


def _launch(event_type, token, sent, published, orgs):
    """'CQC has launched a consultation on how it rates providers'; 'the regulator launched its new
    strategy in May'. Reviews launched are review_commissioned, not launches."""
    if not is_asserted(token, sent):
        return None
    lemma = token.lemma_.lower()
    if lemma == "roll" and not any(c.lower_ == "out" for c in token.children):
        return None
    if token.pos_ != "VERB":
        return None
    thing = _launched_thing(token)
    if lemma == "consult":  # "will consult on the new framework"
        thing = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "about")), None)
    if thing is None:
        return None
    words = {t.lemma_.lower() for t in thing.subtree}
    consultation = lemma == "consult" or thing.lemma_.lower() == "consultation"
    if event_type == "consultation" and not consultation:
        return None
    if event_type == "launch" and (consultation or words & REVIEW_WORDS or thing.pos_ == "PRON"):
        return None
    phrase = _phrase(thing) if lemma != "consult" else "consultation " + _phrase(thing)
    if len(phrase) < 4:
        return None
    org = min(orgs, key=lambda o: abs(o[0].start - token.i))[1] if orgs else None
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    title = phrase[0].upper() + phrase[1:] if event_type == "consultation" else f"{LABELS[event_type]}: {phrase}"
    summary = title + (f" ({org.name})" if org else "")
    key = f"{event_type}:{slug(org.name) if org else ''}:{slug(phrase)[:60]}"
    participants = [(org, "organisation")] if org else []
    return EventCandidate(event_type, date, summary, key, sent.text.strip(), sent.start_char, sent.end_char,
                          date_text, participants)


def _pause(token, sent, published, icss, event_type="pause"):
    text = sent.text
    subject_match = PAUSABLE.search(text)
    about_ics = sent.doc.user_data.get("about_ics")
    if re.search(r"\bICSs?\b|\bintegrated care systems?\b", text, re.I) or icss:
        subject = "ICS assessments"
    elif re.search(r"\bregistration|portal\b", text, re.I):
        subject = "registration through the provider portal"
    elif about_ics and (subject_match or re.search(r"\b(this|it|them|they)\b", text, re.I)):
        subject = "ICS assessments"  # "the rollout was paused" in an article about ICS assessments
    elif subject_match:  # what the trigger acts on names it best ('paused its procurement of community services')
        subject = _paused_thing(token) or subject_match.group(0).lower()
    else:
        return None
    tense = _tense(token)
    key = f"{event_type}:{slug(subject)}"
    summary = f"{LABELS[event_type]}: {subject}"
    # "paused in April 2024 ..., and then again in May": one pause per date stated after "again"
    mentions = [m for m in find_dates(text, published, _reading(token, tense))
                if not BOUNDARY_BEFORE_DATE.search(text[:m.start])]
    again = [m for m in mentions if re.search(r"\bagain\b\s*(?:\w+\s+){0,2}$", text[:m.start], re.I)]
    if again and len(mentions) > 1:
        return [EventCandidate(event_type, m.value, summary, key, text.strip(), sent.start_char, sent.end_char,
                               m.text, []) for m in mentions]
    date, date_text = _date_for(sent, token, published, tense, skip_boundaries=True)
    date = date or _fallback_date(published, tense)
    return EventCandidate(event_type, date, summary, key, text.strip(), sent.start_char, sent.end_char, date_text,
                          [])


GENERIC_THINGS = {"it", "this", "that", "them", "they", "work", "plans", "plan", "decision", "process"}


def _paused_thing(token):
    """What a pause trigger acts on, as its phrase: the object ('paused its procurement of community
    services') or the passive subject ('the rollout of the framework has been postponed'); None when that
    is a pronoun or a word too general to name it."""
    noun = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() in GENERIC_THINGS:
        return None
    phrase = _phrase(noun, limit=8)
    return phrase if phrase and len(phrase) > 3 else None


def role_family(role):
    """'Interim CEO' and 'chief executive officer' are one role for consolidation: 'chief-executive'."""
    if not role:
        return ""
    role = re.sub(r"\b(interim|acting|transition(al)?|permanent|new|first)\b", " ", role.lower())
    role = re.sub(r"\bceo\b|\bchief executive officer\b", "chief executive", role)
    role = re.sub(r"\bchair(man|woman|person)\b", "chair", role)
    return slug(role)


def _path_to(token, span):
    """The dependency label under which `span` hangs from `token`, or None if it is not below it."""
    node = span.root
    while node.head.i != node.i:  # spaCy makes new Token objects: compare positions, not identity
        if node.head.i == token.i:
            return node.dep_
        node = node.head
    return None


SPEECH_VERBS = {"say", "add", "tell", "comment", "state", "explain", "note", "write", "announce", "confirm"}


def _speaks(span, token):
    """`span` is the subject of a verb of saying whose words contain `token` ('X said: "... her ..."')."""
    root = span.root
    while root.dep_ in ("compound", "appos") and root.head.i != root.i:
        root = root.head
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    quoted = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis", "xcomp", "dobj") for t in c.subtree}
    return token.i in quoted or verb.head.i != verb.i and token.i in {t.i for t in verb.head.subtree} and \
        verb.dep_ in ("parataxis", "ccomp")


def _quoted(token, sent):
    """Inside quotation marks: more opening than closing quotes before it in its sentence (straight quotes
    alternate)."""
    before = sent.doc.text[sent.start_char: token.idx]
    straight = before.count('"')
    return before.count("“") > before.count("”") or straight % 2 == 1


def _is_byline(span):
    """'By Beth Gault' on a line of its own: the writer, not a participant."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "By" and (
        span.start == 1 or "\n" in doc[span.start - 2].text_with_ws or doc[span.start - 2].is_space
        or "\n" in doc[span.end - 1].text_with_ws or span.end < len(doc) and doc[span.end].is_space)


UMBRELLA_ORGS = {"NHS", "civil service", "health service"}
ENDING_VERBS = {"end", "expire", "conclude", "finish", "lapse", "run"}
APPOINTER_VERBS = {"appoint", "name", "confirm", "select", "hire", "recruit", "choose"}
SUCCESSION_VERBS = {"replace", "succeed", "fill"}  # 'Y replaced X', 'X was succeeded by Y', 'the post was filled by Y'


def _is_passive(token):
    """'was appointed', and a participle standing alone ('Appointed in 2019, X has led ...'; 'X, named in May')."""
    return any(c.dep_ == "auxpass" for c in token.children) or token.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass") for c in token.children) and token.dep_ in ("advcl", "acl", "relcl", "amod")


def _predecessor_dep(token):
    """Where a succession verb keeps the predecessor: its object, or its subject when passive."""
    return "nsubjpass" if _is_passive(token) else "dobj"


def _inherited_subject(token):
    """The subject a trigger without its own shares with the clause it completes ('X leaves NHS Providers
    to take over the regulator'; 'he spent eight years there before joining the ICB'), or None."""
    subject = lambda node: next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject(token) is not None:
        return None
    if token.dep_ in ("xcomp", "advcl", "conj"):
        head = token.head
        if subject(head) is None and head.dep_ == "acomp":
            head = head.head  # 'is due to start as chief executive': the subject of 'is'
        return subject(head)
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # 'before joining', 'after leaving'
        return subject(token.head.head)
    return None


def _pick_person(token, people):
    """The person the event happens to: the subject or object of the trigger rather than whoever
    appointed them ('X was appointed by Y', 'Y appointed X'), never a byline; else the nearest person."""
    people = [p for p in people if not _is_byline(p[0])]
    if not people:
        return None, None, None
    active_appointer = token.lemma_.lower() in APPOINTER_VERBS and not _is_passive(token)
    inherited = _inherited_subject(token)
    ranked = []
    for span, ref in people:
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i and root.head.i != token.i:
            root = root.head
        direct = root.dep_ if root.head.i == token.i else None
        if direct == "aux" and span.end <= token.i:
            direct = "nsubj"  # "Ruth May stepped down": a name the parser took for a modal verb
        # "X leaves NHS Providers to take over the regulator": X is the subject of "take over" too
        if direct is None and inherited is not None and root.i == inherited.i:
            direct = root.dep_
        below = _path_to(token, span) is not None
        agent = direct == "agent" or (span.start > 0 and span.doc[span.start - 1].lower_ == "by")
        if active_appointer and direct == "nsubj":
            agent = True  # "the health secretary appointed X": the subject appoints
        if token.lemma_.lower() in SUCCESSION_VERBS:
            # "Y replaced X" / "X was replaced by Y": X is the predecessor, Y the appointee
            agent = direct == _predecessor_dep(token)
        # "X, appointed in 2013"; "former director X who was appointed": the clause modifies the person
        modified = token.dep_ in ("acl", "relcl") and (
            token.head.i == span.root.i or span.root.dep_ == "appos" and span.root.head.i == token.head.i)
        distance = min(abs(span.start - token.i), abs(span.end - 1 - token.i))
        if agent:
            continue
        if modified or direct in ("nsubjpass", "dobj", "nsubj", "attr", "appos", "poss", "oprd"):
            score = 0
        elif below:
            score = 1
        else:
            score = 2 if distance <= 3 else 3  # no syntactic link: the nearest, as a last resort
        ranked.append((score, distance, span, ref))
    if not ranked:
        return None, None, None
    score, _, span, ref = min(ranked, key=lambda r: (r[0], r[1]))
    return span, ref, score


@lru_cache
def _frames():
    frames = {}
    for frame in person_frames():
        for lemma in frame["lemmas"]:
            frames.setdefault((frame["type"], lemma), []).append(frame)
    return frames


def _frame(event_type, token, sent, roles, orgs):
    """The first of the trigger's frames whose conditions the sentence meets ('take over', 'take on the
    role of'), or None."""
    candidates = _frames().get((event_type, token.lemma_.lower()), [])
    return next((frame for frame in candidates if _frame_allows(frame, token, sent, roles, orgs)), None)


def _frame_allows(frame, token, sent, roles, orgs):
    """Whether the sentence has what the trigger's frame needs (person_frames.jsonl)."""
    doc = sent.doc
    if "pos" in frame and token.pos_ not in frame["pos"]:
        return False
    # the particle right after the trigger ('step in as', 'pushed him out'), not a preposition further on
    # ('stepped down as chief nurse in 2024')
    if "particle" in frame and not any(c.lower_ in frame["particle"] and token.i < c.i <= token.i + 3
                                       for c in token.children):
        return False
    if frame.get("post") and not (roles or orgs or any(
            t.lemma_.lower() in post_nouns() and t.dep_ in ("dobj", "pobj", "attr") for t in token.subtree)):
        return False
    # 'named chief executive', 'named Jane Doe as the next chair', 'take on the role of deputy chief executive':
    # a role soon after the trigger or its object, or in its object
    objects = [c for c in token.children if c.dep_ == "dobj"]
    anchors = [token.i] + [c.right_edge.i for c in objects]
    if frame.get("role_after") and not any(a < r.start <= a + 4 for r in roles for a in anchors) and not any(
            o.left_edge.i <= r.start <= o.right_edge.i for r in roles for o in objects):
        return False
    if frame.get("passive_or_as") and not (any(c.dep_ == "auxpass" for c in token.children) or any(
            t.lower_ == "as" for t in doc[token.i + 1: min(token.i + 6, sent.end)])):
        return False
    # 'the role will be filled by X': what the passive trigger is said of
    if "subject" in frame and not any(c.dep_ == "nsubjpass" and c.lemma_.lower() in frame["subject"]
                                      for c in token.children):
        return False
    # 'held the post since 2019', 'a role he has held since 2023' (the noun the clause describes)
    if "object" in frame and not ((any(c.dep_ == "dobj" and c.lemma_.lower() in frame["object"]
                                       for c in token.children)
                                   or token.dep_ == "relcl" and token.head.lemma_.lower() in frame["object"])
                                  and ("context" not in frame
                                       or re.search(rf"\b{frame['context']}\b", sent.text, re.I))):
        return False
    return True


def _person_event(event_type, token, sent, published, people, orgs, roles):
    lemma = token.lemma_.lower()
    text = sent.text
    frame = _frame(event_type, token, sent, roles, orgs)
    if frame is None or token.dep_ in ("amod", "compound"):
        return None  # a trigger describing another noun ('a pre-appointment hearing') tells no event
    if event_type == "appointment" and lemma == "appointment" and token.head.lemma_.lower() in ENDING_VERBS:
        return None  # "once his appointment ends": the end of a term, not an appointment
    if event_type == "appointment" and any(
            c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in LEAD_VERBS
            and any(t.lemma_.lower() in REVIEW_WORDS or t.ent_type_ == "REVIEW" for t in c.subtree)
            for c in token.children):
        return None  # "appointed to lead a review": the review's commissioning, not a post
    if is_negated(token) and not DEPARTURE_PHRASES.search(text) or is_hypothetical(token, sent):
        return None
    # "since I joined CQC", "which he joined in February 2023": the person named last before
    pronoun = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she", "i")
                    or c.dep_ == "poss" and c.lower_ in ("his", "her", "my")), None)  # 'announced her retirement' 
    inherited = _inherited_subject(token)
    if pronoun is None and inherited is not None and inherited.lower_ in ("he", "she", "i"):
        pronoun = inherited  # 'he worked there before joining the ICB' 
    antecedent = None
    if pronoun is not None:  # the person named last before the pronoun, in this sentence or before it
        speakers = {ref for span, ref in people if _speaks(span, pronoun)}
        earlier = [ref for span, ref in people if span.end <= pronoun.i and not _is_byline(span)]
        antecedent = pronoun_antecedent(pronoun, earlier, sent.doc.user_data.get("last_person"),
                                        sent.doc.user_data.get("genders", {}))
        if antecedent in speakers and pronoun.lower_ not in ("i", "my") and _quoted(pronoun, sent):
            antecedent = None  # 'X said: "we wish her well in her retirement"': her is not X
    predecessor = None
    if lemma in SUCCESSION_VERBS and event_type == "appointment":
        # 'she will be replaced by Y', 'Y succeeded him': the pronoun is who leaves, not who is appointed;
        # it names the person named last before it who is not the successor
        replaced = next((c for c in token.children if c.dep_ == _predecessor_dep(token)
                         and c.lower_ in ("he", "she", "him", "her")), None)
        if replaced is not None:
            successor = {t.i for c in token.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
            earlier = [ref for span, ref in people if span.end <= replaced.i and not _is_byline(span)
                       and span.root.i not in successor]
            predecessor = pronoun_antecedent(replaced, earlier, sent.doc.user_data.get("last_person"),
                                             sent.doc.user_data.get("genders", {}))
            if pronoun is not None and pronoun.i == replaced.i:
                pronoun = None
    if not people and antecedent is None:
        return None
    orgs = [(span, ref) for span, ref in orgs if _is_real_org(ref)]
    person_span, person, link = _pick_person(token, people) if people else (None, None, None)
    # "a report found it has left one in five services unrated": the trigger's subject is something
    # else, so a person who is not its direct argument takes no part
    subject_of = token
    if token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        subject_of = token.head  # "an NHS boss ... joins the watchdog and has been appointed": shared subject
    other_subject = next((c for c in subject_of.children if c.dep_ in ("nsubj", "nsubjpass")
                          and c.pos_ != "PROPN" and c.lower_ not in ("he", "she", "i", "who")), None)
    if other_subject is not None and person is not None and link >= 1 and pronoun is None and "subject" not in frame:
        return None
    if pronoun is not None and (person is None or link >= 1):  # the pronoun is the subject
        if antecedent is None:
            return None  # "he" is someone we cannot name; not the unrelated person nearby
        person_span, person, link = sent.doc[pronoun.i: pronoun.i + 1], antecedent, 0
    if person is None:
        return None
    # Words that are only sometimes about jobs ("confirmed the CQC would ...", "due to start on 1 April")
    # count only when the person is their subject or object.
    # A noun ('the appointment comes ahead of Dr Dash's report', 'a pre-appointment hearing') names the person
    # it is about: its own argument, never merely the nearest name.
    if (frame.get("direct") or token.pos_ in ("NOUN", "PROPN")) and link > 1:
        return None
    # a role written next to someone else ("Mike Richards, Chair of CQC, said") or in a clause about
    # someone else ("Kate Terroni became interim chief executive when Mr Trenholm left") is not this person's
    others = [span for span, ref in people if ref != person]
    roles = [r for r in roles if not any(_adjacent(r, span) or _in_clause_of(r, span, token) for span in others)]
    # whoever appoints: 'the prime minister appointed X as ...', 'appointed by the secretary of state as chair'
    appointer = {t.i for c in token.children if c.dep_ == "agent" or c.dep_ == "nsubj" and lemma in APPOINTER_VERBS
                 and not _is_passive(token) for t in c.subtree}
    roles = [r for r in roles if r.root.i not in appointer]
    other_clause = _other_moves(token, sent, roles, orgs, event_type)
    roles = [r for r in roles if r.root.i not in other_clause]
    orgs = [o for o in orgs if o[0].root.i not in other_clause]
    if event_type == "appointment":
        roles, orgs = _new_post(token, sent, roles, orgs, person_span)
    role_span = min(roles, key=lambda r: abs(r.start - token.i)) if roles else None
    role = role_span.text.lower() if role_span is not None else None
    org = _org_of(role_span, orgs, token)
    if event_type == "appointment" and role is None and org is not None and org.name in UMBRELLA_ORGS:
        if lemma in ("join", "start"):
            return None  # "first joined the NHS in 1973": a career, not an appointment to a post
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    make = lambda kind, who: _person_candidate(kind, who, role, org, date, date_text, sent)
    events = [make(event_type, person)]
    # "the departure of director X and director Y": each conjoined person
    for conj in person_span.root.conjuncts:
        other = next((ref for span, ref in people if span.start <= conj.i < span.end and ref != person), None)
        if other:
            events.append(make(event_type, other))
    if event_type == "appointment" and predecessor is not None and predecessor != person:
        events.append(make("departure", predecessor))
    # "X will take over (as chair) from Y" / "when he replaced Y": Y leaves the role
    if event_type == "appointment":
        for span, ref in people:
            if ref == person:
                continue
            root = span.root
            while root.dep_ in ("appos", "compound") and root.head.i != root.i:  # "from current Chair, Ian Dilks"
                root = root.head
            between = sent.doc[token.i + 1: span.start]
            from_trigger = lemma == "take" and any(c.lower_ == "over" for c in token.children) and (
                root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.i == token.i
                or 0 < len(between) <= 8 and between[0].lower_ == "over" and "from" in [t.lower_ for t in between])
            replaced = lemma in SUCCESSION_VERBS and _path_to(token, span) == _predecessor_dep(token)
            # 'succeeding X, who left at the end of June': X's own departure is told, with its own date
            told = any(c.dep_ == "relcl" and c.lemma_.lower() in TRIGGERS["departure"] for c in span.root.children)
            if (from_trigger or replaced) and not told:
                events.append(make("departure", ref))
                break
    return events


def _other_moves(token, sent, roles, orgs, event_type):
    """The words of another appointment or departure told in the sentence, whose posts are not this one's:
    a clause below the trigger ('will leave the trust to become chief executive of X'; 'appointed to replace
    Y, who left to join NHS England') or the rest of a clause the trigger sits in."""
    own = {t.i for t in token.subtree}
    other = set()
    # 'Before joining the ICB in 2021, she was director of nursing': the clause an appointment is subordinate
    # to tells another post (for a departure it tells the post left: 'Chief executive X announced her retirement')
    governor = token
    while governor.dep_ in ("advcl", "pcomp", "prep", "conj") and governor.head.i != governor.i:
        governor = governor.head  # an adverbial or conjoined clause, not a relative one (a role she has held since)
    governors = {governor.i} if event_type == "appointment" and governor.i != token.i and governor.pos_ in (
        "VERB", "AUX") else set()
    for word in sent:
        if word.i not in own and _clause_head(word).i in governors:
            other.add(word.i)
    for t in sent:
        # a noun is another move only with its own person ('the departure of Y', "Y's resignation"), not
        # when it is the post this one is to ('chosen as the preferred candidate for chair')
        if t.pos_ == "NOUN" and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            continue
        if t.i == token.i or t.dep_ in ("amod", "compound") or not any(
                t.lemma_.lower() in TRIGGERS[kind] and _frame(kind, t, sent, roles, orgs)
                for kind in ("appointment", "departure")):
            continue
        clause = {x.i for x in t.subtree}
        if t.i in own:
            other |= clause
        elif token.i in clause:
            other |= clause - own
    return other


PAST_POST = {"current", "currently", "former", "outgoing", "previous", "previously", "ex", "then", "departing"}
LEAVING_LEMMAS = {"leave", "step", "stand", "quit", "resign", "depart", "exit"}


def _new_post(token, sent, roles, orgs, person_span=None):
    """Roles and organisations of the post an appointment is to, leaving out the one the person holds now
    or held before ('X, current chief executive of NHS Providers, has been confirmed as CEO of CQC';
    'X leaves NHS Providers to take over the regulator'; 'X, chief executive of NHS Providers, has been
    appointed to lead the CQC': a post set beside the name, before the trigger, when a post or an
    organisation follows the trigger)."""
    doc = sent.doc
    after = [r.start for r in roles] + [span.start for span, _ in orgs]
    if person_span is not None and any(a > token.i for a in after):
        beside = [r for r in roles if r.end <= token.i and _adjacent(r, person_span)]
        roles = [r for r in roles if r not in beside]
        orgs = [o for o in orgs if not any(_belongs(r, o[0]) for r in beside)]
    # 'joins from the trust, where he was chief executive': a post held where someone was is background;
    # 'moved across from NHS England': where someone comes from is not the new post
    background = [r for r in roles if _clause_head(r.root).i != token.i and _clause_head(r.root).dep_ == "relcl"
                  and any(c.lower_ == "where" for c in _clause_head(r.root).children)
                  and _tense(_clause_head(r.root)) == "past"]
    came_from = lambda span: span.root.dep_ == "pobj" and span.root.head.lower_ == "from" and \
        span.root.head.head.i in {token.i} | {c.i for c in token.children}  # 'steps up from deputy'
    roles = [r for r in roles if r not in background and not came_from(r)]
    orgs = [o for o in orgs if not came_from(o[0])]
    own = {t.i for t in token.subtree}
    leaving = set()
    for t in sent:
        if t.lemma_.lower() in LEAVING_LEMMAS and t.i != token.i and t.pos_ == "VERB" and token.i in {
                x.i for x in t.subtree}:
            leaving |= {x.i for x in t.subtree} - own
    past = [r for r in roles if any(doc[i].lower_ in PAST_POST for i in range(max(sent.start, r.start - 2), r.start))
            or r.start in leaving]
    if not past and not leaving:
        return roles, orgs
    past_orgs = [(span, ref) for span, ref in orgs if span.start in leaving or any(
        _belongs(r, span) for r in past)]
    past_refs = {ref for _, ref in past_orgs}  # 'NHS Providers (NHSP)': both names go
    return [r for r in roles if r not in past], [o for o in orgs if o[1] not in past_refs]


def _clause_head(token):
    """The verb whose clause a word is in ('chief executive' in 'where he was chief executive': 'was')."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _belongs(role_span, org_span):
    """'chief executive of NHS Providers', 'NHS Providers chief executive', 'NHS Providers' chief'."""
    doc = role_span.doc
    gap = doc[role_span.end: org_span.start]
    return 0 < len(gap) <= 2 and gap[0].lower_ in ("of", "at", "for") or org_span.end == role_span.start \
        or org_span.end + 1 == role_span.start and doc[org_span.end].text in ("'s", "’s")


def _in_clause_of(role_span, person_span, trigger):
    """The role is the complement of a verb other than the trigger whose subject is `person_span`."""
    verb = role_span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.i == trigger.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(person_span.start <= t.i < person_span.end
                                                        for t in c.subtree) for c in verb.children)


def _adjacent(a, b):
    """Spans side by side, at most a comma or 'the' between them."""
    gap = a.doc[min(a.end, b.end): max(a.start, b.start)]
    return len(gap) <= 2 and all(t.text in (",", "the", "The", "’s", "'s") for t in gap)


def _org_of(role_span, orgs, token):
    """The organisation a role belongs to: 'chief executive of the CQC', 'CQC chief executive', else the
    organisation nearest the trigger."""
    if not orgs:
        return None
    if role_span is not None:
        for span, ref in orgs:
            if _belongs(role_span, span):
                return ref
    return min(orgs, key=lambda o: abs(o[0].start - token.i))[1]


def _person_summary(event_type, name, role, org):
    """'Jane Sample appointed chief executive of CQC', 'Jane Sample joins CQC', 'Jane Sample leaves CQC'."""
    if event_type == "appointment":
        if role:
            return f"{name} appointed {role}" + (f" of {org}" if org else "")
        return f"{name} joins {org}" if org else f"{name} appointed to a new post"
    if role:
        return f"{name} leaves post as {role}" + (f" of {org}" if org else "")
    return f"{name} leaves {org}" if org else f"{name} leaves post"


def _person_candidate(event_type, person, role, org, date, date_text, sent):
    summary = _person_summary(event_type, person.name, role, org.name if org else None)
    key = f"{event_type}:{slug(person.name)}:{role_family(role)}:{slug(org.name) if org else ''}"
    participants = [(person, "person")] + ([(org, "organisation")] if org else []) + \
        ([(EntityRef("ROLE", role), "role")] if role else [])
    return EventCandidate(event_type, date, summary, key, sent.text.strip(), sent.start_char, sent.end_char,
                          date_text, participants)


ORG_WORD = re.compile(r"\b(NHS|Trust|Board|Commission|Council|Committee|Department|Agency|Association|"
                      r"College|Office|Authority|Institute|Foundation|Providers|England|Confederation|ICB|ICS|"
                      r"University|Hospital|Group|Ltd|plc|Service)\b")


def _is_real_org(ref):
    return ref.type == "ICS" or ref.name.lower() in org_alias_index() or bool(ORG_WORD.search(ref.name))


PUBLISH_LEMMAS = {"publish", "publication", "release", "set", "issue", "unveil", "present"}
FINDING_LEMMAS = {"find", "conclude", "reveal", "highlight", "pinpoint", "recommend", "criticise", "criticize",
                  "echo", "lay", "show", "warn", "describe", "identify", "confirm", "say", "state", "note",
                  "summarise", "blame", "uncover", "expose", "call", "bare"}
COMMISSION_LEMMAS = {"commission", "launch", "order", "ask", "announce", "establish", "lead", "bring", "appoint",
                     "instigate", "begin", "start", "face", "chair", "head", "set", "publish"}
TERMS_OF_REFERENCE = re.compile(r"\bterms of reference\b", re.I)
GENERIC_REVIEW = re.compile(r"^(?:the|this|that|her|his|its|their|a|an|our)?\s*(?:(?:full|final|interim|"
                            r"independent|second|first|government-commissioned|damning|blistering)\s+)*"
                            r"(?:review|report|inquiry|investigation|findings)s?$", re.I)


@lru_cache
def review_lead_index():
    """surname -> review name, for reviews known by their lead ('the Dash review')."""
    index = {}
    for review in known_reviews():
        index.setdefault(review["lead"].split()[-1].lower(), review["name"])
    return index


@lru_cache
def review_lead_pattern():
    """Any known review lead's surname, as a whole word, in one pass over a text."""
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in review_lead_index()) + r")\b", re.I)


@lru_cache
def review_leads():
    """review name -> the name of the person who leads it."""
    return {review["name"]: review["lead"] for review in known_reviews() if review.get("lead")}


LEAD_VERBS = {"lead", "chair", "head", "conduct", "carry", "undertake", "review", "examine", "investigate"}
ASKING_VERBS = {"ask", "appoint", "invite", "commission", "choose", "select", "task", "bring"}


def _review_lead(trigger, people, leads):
    """Who leads the review: a person it is 'led by' or 'by', whose report it is ('Tom Example's report'),
    who was asked or appointed to lead it, who leads, chairs or publishes it; else a known review lead named
    in the sentence. The nearest to the trigger of the best kind."""
    def kind(span):
        root = span.root
        doc = span.doc
        if re.search(r"\bby\s+(?:\w+\s+){0,2}$", doc[max(span.sent.start, span.start - 4): span.start].text + " "):
            return 0
        if root.dep_ == "poss" and root.head.lemma_.lower() in REVIEW_WORDS:
            return 0
        head = root.head
        if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in ASKING_VERBS and any(
                c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in LEAD_VERBS for c in head.children):
            return 0
        if root.dep_ == "nsubj" and (head.lemma_.lower() in LEAD_VERBS or head.i == trigger.i):
            return 1
        if span[-1].text.split()[-1].lower() in leads:
            return 2
        return None
    ranked = [(kind(span), abs(span.start - trigger.i), span, ref) for span, ref in people]
    ranked = [r for r in ranked if r[0] is not None]
    return min(ranked, key=lambda r: (r[0], r[1]))[2:] if ranked else (None, None)


def _review_led_by(lead, text):
    """Of the known reviews a person leads, the one whose subject the text names ('the patient safety review'
    is Dr Dash's second), else the first listed."""
    led = [r for r in known_reviews() if r.get("lead") and r["lead"].split()[-1] == lead.split()[-1]]
    if not led:
        return None
    named = [r for r in led if any(re.search(rf"\b{re.escape(p.lower())}\b", text) for p in r["patterns"])]
    if named:
        return named[0]["name"]
    words = {r["name"]: set(re.findall(r"[a-z]{4,}", (r["subject"] + " " + " ".join(r["patterns"])).lower()))
             for r in led}
    present = set(re.findall(r"[a-z]{4,}", text))
    for r in led:  # two words only this review's subject has: 'patient safety' for Dr Dash's second review
        own = words[r["name"]] - set().union(*(w for name, w in words.items() if name != r["name"]))
        if len(own & present) >= 2:
            return r["name"]
    return led[0]["name"]


def _default_review(doc, reviews):
    """The review a document is mostly about: named reviews, and mentions of a known review lead's
    surname, counted; of two mentioned as often, the one named first ('Sir Mike Richards ... asked him to
    review ... alongside Dr Penny Dash's report'). Anaphora like 'the report' or 'her review' refer to it."""
    counts, first = Counter(), {}
    mentions = [(span.start_char, ref.name) for span, ref in reviews]
    text = doc_text(doc)
    if re.search(r"\b(review|report|inquiry)\b", text, re.I):
        index = review_lead_index()
        mentions += [(m.start(), index[m.group(1).lower()]) for m in review_lead_pattern().finditer(text)]
    for at, name in sorted(mentions):
        counts[name] += 1
        first.setdefault(name, at)
    # the most mentioned; of two mentioned as often, the one the document names first
    return min(counts, key=lambda name: (-counts[name], first[name])) if counts else None


def _note_review(sent, reviews, people):
    """Remember the review this sentence names (by name or by its lead), for 'the report' in later ones."""
    leads = review_lead_index()
    named = [ref.name for _, ref in reviews]
    named += [leads[ref.name.split()[-1].lower()] for _, ref in people if ref.name.split()[-1].lower() in leads
              and re.search(r"\b(review|report|inquiry)", sent.text, re.I)]
    if named:
        sent.doc.user_data["last_review"] = named[-1]


def _refers_to_default(phrase, sent):
    """'the report', 'her interim report of her work', 'a more comprehensive review': no proper name of
    its own, so it is the document's review."""
    if GENERIC_REVIEW.match(phrase):
        return True
    # "a government-commissioned review of the Care Quality Commission": a review of a regulator we know
    # is the one the document is about; "an inquiry into maternity care at Leeds" has its own subject
    bare = _without_org_names(phrase)
    into = re.search(r"\b(?:report|review|inquiry|investigation)s? into\s+(.*)$", bare, re.I)
    if into and re.sub(r"\b(the|its|their|our|and|’s|'s)\b|[\s,]", "", into.group(1)):
        return False
    span_tokens = [t for t in sent if t.text in bare.split()]
    names = [t for t in span_tokens if t.pos_ == "PROPN" and t.text not in ("CQC", "DHSC", "NHS", "England")]
    return not names


@lru_cache
def _org_names_pattern():
    """Every known organisation name or alias longer than two letters, longest first, as one pattern."""
    aliases = sorted((a for a in org_alias_index() if len(a) > 2), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in aliases) + r")\b", re.I)


def _without_org_names(phrase):
    """The phrase with every known organisation name or alias taken out."""
    return re.sub(r"\s+", " ", _org_names_pattern().sub(" ", phrase)).strip()


def _review_noun(sent, token):
    """The review/report noun nearest the trigger, with the phrase it heads ('an inquiry into maternity care
    at Leeds Teaching Hospitals')."""
    nouns = [t for t in sent if t.lemma_.lower() in REVIEW_WORDS and t.pos_ in ("NOUN", "PROPN")]
    # "brought back X to review the framework": the verb names the review
    nouns = nouns or [t for t in sent if t.lemma_.lower() in ("review", "investigate", "examine")
                      and t.pos_ == "VERB" and t.i > 0 and sent.doc[t.i - 1].lower_ == "to"]
    if not nouns:
        return None, None
    noun = min(nouns, key=lambda t: abs(t.i - token.i))
    left = max(min(t.i for t in noun.subtree if t.i >= noun.i - 6), sent.start)
    right = noun.i
    # what the review is into runs on to the end of the clause ('an inquiry into maternity care at Leeds ...')
    doc = sent.doc
    dated = lambda i: i < sent.end and doc[i].ent_type_ in ("DATE", "TIME")  # 'in May 2024' says when, not what
    while right + 1 < min(sent.end, noun.i + 16) and not doc[right + 1].is_punct \
            and (doc[right + 1].pos_ not in ("VERB", "AUX") or doc[right + 1].dep_ in ("amod", "compound")) \
            and not dated(right + 1) \
            and not (doc[right + 1].pos_ == "ADP" and dated(right + 2)):
        right += 1
    phrase = sent.doc[left: right + 1].text.strip(" ,.;:")
    return noun, phrase


def _report_phase(mention, trigger):
    """'interim', 'final' or '' (not said) for a published report, read from the words that name it: the
    review noun a mention stands for and what it is 'of' ('the interim report of the Dash review'), never
    elsewhere in the sentence ('published alongside Dr Dash's report, months after its interim findings')."""
    if mention is None:
        return ""
    nouns = [mention]
    if mention.dep_ == "pobj" and mention.head.lower_ in ("of", "from", "into") and mention.head.head.pos_ in (
            "NOUN", "PROPN"):
        nouns.append(mention.head.head)  # 'the final report of [the review]'
    # what the trigger publishes: 'published initial findings from her review'
    nouns += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    nouns += [pobj for prep in mention.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
              for pobj in prep.children if pobj.dep_ == "pobj"]  # '[the findings] of its interim review'
    text = " ".join(mention.doc[n.left_edge.i: n.i + 1].text for n in nouns if n.left_edge.i <= n.i)
    interim = re.search(r"\b(interim|initial|preliminary|emerging) (findings|report|review|conclusions)\b", text, re.I)
    final = re.search(r"\b(final|full|concluding|completed) (findings|report|review)\b", text, re.I)
    if bool(interim) == bool(final):
        return ""
    return "interim" if interim else "final"


def _review_mention(token, noun, review_span, lead_span):
    """The noun that names the report an event publishes: the named review's own, the one its lead's name
    is the possessor of ('Dr Dash's report'), else the review noun nearest the trigger."""
    if review_span is not None:
        return review_span.root
    if lead_span is not None and lead_span.root.dep_ == "poss" and lead_span.root.head.lemma_.lower() in REVIEW_WORDS:
        return lead_span.root.head
    return noun


def _launched(token):
    """The words that can name what a trigger launched: its own phrase, and the noun a relative clause
    modifies ('the review, which was commissioned last year')."""
    words = list(token.subtree)
    if token.dep_ in ("relcl", "acl") and token.head.i != token.i:
        words.append(token.head)
    return words


def _each_review(event_type, token, sent, published, people, reviews):
    """'the reports of Dame Penny Dash, Professor Sir Mike Richards and ...': one event per review named."""
    leads = review_lead_index()
    named = {}
    for span, ref in reviews:
        named.setdefault(ref.name, ([], []))[0].append((span, ref))
    for span, ref in people:
        name = leads.get(ref.name.split()[-1].lower())
        if name:
            named.setdefault(name, ([], []))[1].append((span, ref))
    if len(named) < 2:
        return _review_event(event_type, token, sent, published, people, reviews)
    # which review 'interim' or 'final' describes cannot be told when a sentence names several
    events = [_review_event(event_type, token, sent, published, its_people, its_reviews, phase_known=False)
              for its_reviews, its_people in named.values()]
    return [e for e in events if e] or None


def _review_event(event_type, token, sent, published, people, reviews, phase_known=True):
    text = sent.text
    lower = text.lower()
    lemma = token.lemma_.lower()
    if "state of care" in lower:
        return None  # an annual report, not a review
    noun, phrase = _review_noun(sent, token)
    if not reviews and noun is None:
        return None
    if event_type == "review_published":
        if lemma not in PUBLISH_LEMMAS | FINDING_LEMMAS or TERMS_OF_REFERENCE.search(text):
            return None  # terms of reference set out a review to come: it is commissioned
        if is_planned(token):
            return None  # "the final report will set out", "is expected to be published in the autumn"
        if lemma == "set" and not any(c.lower_ == "out" for c in token.children):
            return None
        if lemma == "bare":
            # "a report into X lays bare ...": the small model often misparses the idiom
            if token.i == 0 or sent.doc[token.i - 1].lemma_.lower() != "lay" or noun is None or noun.i > token.i:
                return None
        elif lemma in FINDING_LEMMAS:
            # a finding verb states a published review only when the review is what finds
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            review_subject = any(t.lemma_.lower() in REVIEW_WORDS or t.ent_type_ == "REVIEW"
                                 for c in subjects for t in c.subtree)
            if not review_subject:
                return None
    else:
        if lemma not in COMMISSION_LEMMAS:
            return None
        if lemma in ("publish", "set") and not (
                TERMS_OF_REFERENCE.search(text) or lemma == "set" and any(c.lower_ == "up" for c in token.children)):
            return None  # 'published the terms of reference', 'set up an inquiry'
        if lemma in ("lead", "chair", "head") and not (re.search(
                r"\bto (?:lead|chair|head)\b|\b(?:to|will) be (?:led|chaired|headed)\b|asked .{0,40}\blead", lower)
                or "will" in {c.lower_ for c in token.children if c.dep_ == "aux"}):
            return None  # 'will chair an independent review': someone has been asked to lead it
        if lemma in ("bring", "appoint", "ask", "begin", "start") and not re.search(
                r"\bto (?:review|lead|conduct|carry out|undertake|examine|look)\b|\breview\b", lower):
            return None
        if lemma in ("begin", "start", "face") and not re.search(r"\b(?:review|inquiry|investigation)\b", lower):
            return None
        if lemma in ("commission", "launch", "order", "announce", "establish", "instigate", "begin", "start") and \
                not any(t.lemma_.lower() in REVIEW_WORDS or t.ent_type_ == "REVIEW" for t in _launched(token)):
            return None  # "the portal, launched in 2023": what was launched is not a review
    if not is_asserted(token, sent):
        return None
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    if lemma in FINDING_LEMMAS and not date_text and not is_perfect(token):
        return None  # 'the review found ...' tells what it said, not that it came out ('has found': just now)
    date = date or _fallback_date(published, tense)
    participants, review_span = [], None
    leads = review_lead_index()
    lead_span, lead = _review_lead(token, people, leads)
    if reviews:
        review_span, review = min(reviews, key=lambda r: abs(r[0].start - token.i))
        review_name = review.name
    elif lead and lead.name.split()[-1].lower() in leads:
        review_name = _review_led_by(lead.name, lower)
    elif phrase and (sent.doc.user_data.get("last_review") or sent.doc.user_data.get("default_review")) \
            and noun.tag_ != "NNS" and _refers_to_default(phrase, sent):
        review_name = sent.doc.user_data.get("last_review") or sent.doc.user_data["default_review"]
    elif phrase and not GENERIC_REVIEW.match(phrase) and (
            noun.lemma_.lower() in ("review", "inquiry", "investigation") and re.search(r"\b(into|of|on)\b", phrase)
            or re.search(r"\breport into\b", phrase, re.I)):
        review_name = None  # a specific but unnamed review ("an inquiry into maternity care at Leeds")
    elif lead and noun is not None and (noun.lemma_.lower() != "report" or re.search(
            r"\b(review|inquiry|investigation|interim|final)\b", lower)):
        review_name = None  # 'the review, led by Jane Sample', 'Tom Example's report': known by its lead
    else:
        return None
    if review_name:
        participants.append((EntityRef("REVIEW", review_name), "review"))
        known_lead = review_leads().get(review_name)
        if lead is None and known_lead:
            lead = EntityRef("PERSON", known_lead)  # 'the patient safety review' is still Dr Dash's
    if lead:
        participants.append((lead, "lead"))
    name = review_name or phrase
    summary = f"{LABELS[event_type]}: {name}" + (f" ({lead.name})" if lead and lead.name not in name else "")
    ident = slug(review_name or phrase)[:60]
    key = f"{event_type}:{ident}"
    if event_type == "review_published":  # the interim and the final report are two publications
        phase = _report_phase(_review_mention(token, noun, review_span, lead_span), token) if phase_known else ""
        key += ":" + phase
        summary += f", {phase} report" if phase and f"{phase} report" not in name.lower() else ""
    return EventCandidate(event_type, date, summary, key, text.strip(), sent.start_char, sent.end_char, date_text,
                          participants)

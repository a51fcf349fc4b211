"""Sentences -> events: pauses, resumptions, appointments, departures, reviews commissioned and published,
abolitions, launches and consultations. Appointments and departures are in person_events.py, reviews in
review_events.py, and what they all share (trigger words, the candidate, the date resolver) in candidates.py.

Each rule finds a trigger word, checks it is asserted (not negated, hypothetical or merely proposed),
then collects participants from the sentence's entities and the date nearest the trigger, resolved
against the publication date. Consolidation across documents happens in the store, by `key`.
"""
import re

from .assertion import doc_text, is_asserted, tense as _tense
from .candidates import (BOUNDARY_BEFORE_DATE, LABELS, REVIEW_WORDS, TRIGGERS, EventCandidate, _date_for,
                         _fallback_date, _reading, slug)
from .dates import find_dates
from .person_events import _belongs, _is_byline, _is_real_org, _ours, _person_candidate, _person_event
from .pronouns import document_genders
from .review_events import _default_review, _each_review, _note_review
from .tenures import find_new_posts, find_tenures

PAUSE_PHRASES = re.compile(r"\b(will not go ahead|won['’]t go ahead|no longer (?:be )?(?:review|assess|accept|"
                           r"carry)\w*|(?:will not|won['’]t) be accepted|stop(?:s|ped)? accepting|on hold)\b", re.I)
PROBLEM_NOUNS = {"issue", "problem", "failure", "difficulty", "challenge", "backlog", "shortage", "pressure",
                 "strike", "concern", "delay", "error", "fault", "outage", "bug", "glitch"}
PAUSABLE = re.compile(r"\b(ICSs?|ICBs?|integrated care systems?|assessments?|inspections?|registrations?|"
                      r"portal|programme|ratings?|reviews?|rollout|roll-out|consultation|work|applications?)\b", re.I)


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
        )), None) or (None if role_name else _ours(role_span))
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

"""Reviews commissioned and published: which review a sentence means (by name, by its lead, or the
document's own), who leads it, and whether a report is the interim or the final one."""
import re
from collections import Counter
from functools import lru_cache

from .assertion import doc_text, is_asserted, is_perfect, is_planned, tense as _tense
from .candidates import EventCandidate, LABELS, REVIEW_WORDS, _date_for, _fallback_date, slug
from .refs import EntityRef
from .vocab import event_triggers, org_alias_index, reviews as known_reviews


PUBLISH_LEMMAS = event_triggers()["review_publication"]
FINDING_LEMMAS = event_triggers()["review_finding"]
COMMISSION_LEMMAS = event_triggers()["review_commissioned"]
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
ASKING_VERBS = {"ask", "appoint", "invite", "commission", "choose", "select", "task", "bring", "instruct"}


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
                      and t.pos_ == "VERB" and t.i > 0 and sent.doc[t.i - 1].lower_ in ("to", "with")]
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
        # asking someone counts when it is to review ('asked X to lead a review', 'tasked X with reviewing')
        if lemma in ("bring", "appoint", "ask", "task", "invite", "instruct") and not re.search(
                r"\bto (?:review|lead|conduct|carry out|undertake|examine|look)\b|\breview", lower):
            return None
        # a review that begins or is faced: the word names one ('an investigation ... began in 2023')
        if lemma in ("begin", "start", "face") and not any(
                t.lemma_.lower() in REVIEW_WORDS - {"report"} or t.ent_type_ == "REVIEW" for t in sent):
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

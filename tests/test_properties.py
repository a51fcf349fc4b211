"""Properties over generated inputs (hypothesis): ingest and enrichment do not depend on the order
documents arrive in, the URL guard never lets the harvester reach a non-public address, and the date and
money parsers never crash and read back what they are given.

Example counts are modest so that `make test` stays quick; `make stress` sets HYPOTHESIS_PROFILE=stress
(or KB_HYPOTHESIS_SCALE=N) to run many times more of each.
"""
import ipaddress
import json
import os
import re
import socket
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from enrich.dates import find_dates, parse_iso
from enrich.money import describe, find_money
from enrich.run import enrich
from harvester.fetch import FetchError, Fetcher
from kb.db import connect
from kb.documents import iso_date, normalise_text
from kb.ingest import ingest_lines
from tests.test_enrich import DOCUMENTS, snapshot

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
SCALE = int(os.environ.get("KB_HYPOTHESIS_SCALE") or {"stress": 20}.get(PROFILE, 1))


def examples(n):
    """`n` examples (times the stress scale); no example database, so nothing is written into the tree."""
    return settings(max_examples=n * SCALE, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- (a) ingest: the same documents, twice, in any order, give the same database ------------------------
TRACKING = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "mc_cid", "mc_eid", "wgt_ref"]
HOSTS = ["example.org", "www.example.org", "EXAMPLE.org", "Www.Example.ORG"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
prose = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


def spellings_of(day):
    """Ways a feed or a file writes one publication day; all must be stored as the same ISO date."""
    return [day.isoformat(), f"{day.isoformat()}T09:30:00Z", f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{MONTHS[day.month - 1]} {day.day}, {day.year}", f"{day.isoformat()} 10:00"]


@st.composite
def url_spelling(draw, path, page):
    """One way a link to `path` may be written: host case and www., tracking parameters, fragment,
    trailing slash. The page's own query (`page`) is part of the document and always kept."""
    query = [("page", page)] if page else []
    for key, value in draw(st.lists(st.tuples(st.sampled_from(TRACKING), st.text(max_size=6)), max_size=3)):
        query.insert(draw(st.integers(0, len(query))), (key, value))
    url = f"{draw(st.sampled_from(['https', 'HTTPS']))}://{draw(st.sampled_from(HOSTS))}{path}"
    url += draw(st.sampled_from(["", "/"]))
    if query:
        url += "?" + urlencode(query)
    return url + draw(st.sampled_from(["", "#top", "#"]))


@st.composite
def cosmetic(draw, text):
    """The same text re-rendered: CRLF line ends, spaces and tabs around lines, extra blank lines."""
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return draw(st.sampled_from(["", " ", "\t", "\n\n\n"])) + text + draw(st.sampled_from(["", "  ", "\n"]))


@st.composite
def document_copies(draw, i):
    """Two JSONL lines for one document: its URL, title spacing, text layout and date spelled two ways."""
    path, page = f"/news/doc-{i}", draw(st.sampled_from([None, "2"]))
    title, text = draw(st.none() | any_text), draw(prose)
    day = draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)))
    copies = []
    for _ in range(2):
        line = {"url": draw(url_spelling(path, page)), "text": draw(cosmetic(text))}
        if title is not None:
            line["title"] = draw(st.sampled_from(["", " ", "  "])) + title + draw(st.sampled_from(["", " "]))
        if day is not None:
            line["published"] = draw(st.sampled_from(spellings_of(day)))
        copies.append(json.dumps(line))
    return copies


@st.composite
def corpus(draw):
    n = draw(st.integers(1, 5))
    copies = [draw(document_copies(i)) for i in range(n)]
    first = [c[0] for c in copies]
    both = draw(st.permutations(first + [c[1] for c in copies]))
    return first, both


def dump(db):
    """The stored documents by URL, with what identifies their content, and their version counts."""
    versions = {r["url"]: r["n"] for r in db.query(
        "select d.url, count(v.id) n from documents d left join document_versions v on v.document_id = d.id "
        "group by d.id")}
    documents = {r["url"]: (r["title"], r["text"], r["published"], r["content_hash"], r["source"], r["kind"])
                 for r in db.query("select * from documents")}
    return documents, versions


def check_integrity(db):
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    db.execute("insert into documents_fts(documents_fts) values('integrity-check')")  # FTS in step with rows
    assert db.execute("select count(*) from documents_fts").fetchone()[0] == db["documents"].count


@examples(100)
@given(corpus())
def test_ingesting_the_same_documents_twice_in_any_order_gives_the_same_database(generated):
    once, twice_shuffled = generated
    reference = connect(":memory:")
    expected = ingest_lines(reference, once)
    db = connect(":memory:")
    report = ingest_lines(db, twice_shuffled)
    assert dump(db) == dump(reference)
    assert set(dump(db)[1].values()) <= {0}, "a re-spelled copy is not an edit: no versions"
    assert (report.new, report.updated, len(report.errors)) == (expected.new, 0, 2 * len(expected.errors))
    check_integrity(db)


# -- (a) enrichment: the same events whatever order documents arrive in and however runs split them ------
MORE_DOCUMENTS = [
    ("https://d.example/4", "Julian Hartley was appointed chief executive of the Care Quality Commission on "
     "5 September 2024. The trust spent £12.5m on agency staff last year.", "2024-09-06"),
    ("https://e.example/5", "Sir Julian Hartley left the Care Quality Commission in June 2025.", "2025-06-20"),
]
# An undated report (order-dependent today, see the xfail test below), and a surname alone.
UNDATED = ("https://u.example/6", "Dr Dash's interim report was published. It found serious failings at the "
           "regulator.", None)
DATED_X = ("https://x.example/7", "The Dash review was published on 15 October 2024.", "2024-10-16")
DATED_Y = ("https://y.example/8", "The government published the Dash review on 7 July 2025.", "2025-07-09")
SURNAME = ("https://s.example/9", "Mr Hartley left the Care Quality Commission in June 2025.", "2025-06-20")
FULL_NAME = ("https://f.example/10", "Julian Hartley was appointed chief executive of the Care Quality "
             "Commission in October 2024.", "2024-10-05")


def enriched(documents, enrich_after=None):
    """A fresh database with `documents` ingested in the given order; enriched after each document whose
    flag in `enrich_after` is set (runs split as daily harvests, or a killed run resumed, split them),
    then once more at the end."""
    db = connect(":memory:")
    for i, (url, text, published) in enumerate(documents):
        ingest_lines(db, [json.dumps({"url": url, "text": text, "published": published, "title": "T"})])
        if enrich_after and enrich_after[i]:
            enrich(db)
    enrich(db)
    result = snapshot(db)
    result["event_keys"] = sorted((e["type"], e["date"] or "", e["summary"] or "") for e in db.query("select * from events"))
    db.conn.close()
    return result


ORDER_FREE = DOCUMENTS + MORE_DOCUMENTS
_reference = {}


def reference(documents):
    key = tuple(documents)
    if key not in _reference:
        _reference[key] = enriched(list(documents))
    return _reference[key]


@examples(20)
@given(st.permutations(ORDER_FREE), st.lists(st.booleans(), min_size=len(ORDER_FREE), max_size=len(ORDER_FREE)))
def test_enrichment_gives_the_same_events_in_any_order_and_any_split_into_runs(documents, enrich_after):
    expected = reference(ORDER_FREE)
    assert expected["event_keys"], "the documents state events"
    got = enriched(documents, enrich_after)
    assert got["event_keys"] == expected["event_keys"]
    assert got == expected


SPLIT_POOL = [DOCUMENTS[0], UNDATED, DATED_X, DATED_Y, SURNAME, FULL_NAME, MORE_DOCUMENTS[1]]


@examples(15)
@given(st.permutations(SPLIT_POOL), st.lists(st.booleans(), min_size=len(SPLIT_POOL), max_size=len(SPLIT_POOL)))
@example(documents=[DATED_X, UNDATED, DATED_Y] + SPLIT_POOL[4:] + SPLIT_POOL[:1],
         enrich_after=[True, False, False, False, False, False, False])
def test_splitting_one_order_into_several_runs_changes_nothing(documents, enrich_after):
    """What a killed and resumed `kb enrich`, or one run a day, does: the same documents in the same order,
    enriched in several runs, give what one run gives. (Before the fix in enrich/run.py, a run learnt the
    people of event participants only from the next run's database: 'Dr Dash' of an undated report was
    'Penny Dash' only if the Dash review had been enriched in an earlier run.)"""
    assert enriched(documents, enrich_after) == enriched(documents)


def test_an_undated_report_never_relabels_the_event_it_joins_whatever_the_order():
    """The undated 'interim report' may join either dated publication, but it redefines neither: the
    timeline reads the same in both orders (it used to call the October report 'interim')."""
    forward = enriched([UNDATED, DATED_X, DATED_Y])
    assert enriched([DATED_Y, DATED_X, UNDATED])["event_keys"] == forward["event_keys"]
    assert not any("interim" in summary for _, _, summary in forward["event_keys"])


@pytest.mark.xfail(strict=True, reason="known order dependence (enrich/store.py find_event): a report with no "
                   "date at all joins the first-created agreeing event, so the undated 'interim report' "
                   "document is cited by the 2024-10-15 or the 2025-07-07 Dash review event depending on "
                   "which was stored first")
def test_an_undated_report_is_cited_by_the_same_event_whatever_the_order():
    forward = enriched([UNDATED, DATED_X, DATED_Y])
    assert enriched([DATED_Y, DATED_X, UNDATED])["sources"] == forward["sources"]


def test_a_surname_read_before_the_full_name_is_the_same_person():
    forward = enriched([FULL_NAME, SURNAME])
    assert enriched([SURNAME, FULL_NAME])["event_keys"] == forward["event_keys"]


# -- (b) the URL guard never lets the harvester reach a non-public address ------------------------------
NON_PUBLIC_V4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
                 "192.0.0.0/29", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
                 "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32"]
NON_PUBLIC_V6 = ["::1/128", "::/128", "fc00::/7", "fe80::/10", "2001:db8::/32", "100::/64", "2001:2::/48"]
MULTICAST = ["224.0.0.0/4", "ff00::/8"]
SITE_LOCAL = ["fec0::/10"]
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not global, yet not 'private' either
FETCHERS = {}


def fetcher(*allowed):
    """One Fetcher per allow-list (each holds an httpx client), shared by the examples."""
    if allowed not in FETCHERS:
        FETCHERS[allowed] = Fetcher(user_agent="test", allow_private_addresses=list(allowed))
    return FETCHERS[allowed]


def address_in(networks):
    def pick(network, offset):
        network = ipaddress.ip_network(network)
        return network[offset % network.num_addresses]
    return st.builds(pick, st.sampled_from(networks), st.integers(0, 2 ** 128))


def host_forms(address):
    """Every way a URL's host can spell `address` that the system resolver (inet_aton) reads as it."""
    if address.version == 6:
        forms = [f"[{address}]", f"[{address.exploded}]", f"[{str(address).upper()}]"]
        if address.ipv4_mapped:
            forms.append(f"[::ffff:{address.ipv4_mapped}]")
        return forms
    n, (a, b, c, d) = int(address), address.packed
    return [str(address), str(n), hex(n), f"0{n:o}", ".".join(f"0{x:o}" for x in (a, b, c, d)),
            ".".join(hex(x) for x in (a, b, c, d)), f"{a}.{b}.{c * 256 + d}", f"{a}.{b * 65536 + c * 256 + d}",
            f"{hex(a)}.{b * 65536 + c * 256 + d}", f"[::ffff:{address}]"]


@st.composite
def urls_to(draw, addresses):
    address = draw(addresses)
    host = draw(st.sampled_from(host_forms(address)))
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    userinfo = draw(st.sampled_from(["", "evil@", "user:pass@", "www.gov.uk@", "www.gov.uk:443@", "a%40b@"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":22"]))
    path = draw(st.sampled_from(["/", "", "/latest/meta-data/", "/?x=1#frag", "/a/../b"]))
    return address, f"{scheme}://{userinfo}{host}{port}{path}"


def assert_refused(fetcher, url):
    with pytest.raises(FetchError) as refused:
        fetcher.check_url(url)
    return str(refused.value)


@examples(300)
@given(urls_to(address_in(NON_PUBLIC_V4) | address_in(NON_PUBLIC_V6)), st.sampled_from([[], ["127.0.0.1"]]))
@example(generated=(ipaddress.ip_address("127.0.0.1"), "http://2130706433/"), allowed=[])
@example(generated=(ipaddress.ip_address("127.0.0.1"), "http://0x7f.1/"), allowed=[])
@example(generated=(ipaddress.ip_address("127.0.0.1"), "http://evil@127.0.0.1/"), allowed=[])
@example(generated=(ipaddress.ip_address("169.254.169.254"), "http://[::ffff:169.254.169.254]/"), allowed=[])
def test_the_url_guard_refuses_private_loopback_link_local_reserved_and_unspecified_addresses(generated, allowed):
    """Allowing 127.0.0.1 (as the tests and the demo do) allows that one address, nothing else."""
    address, url = generated
    if str(address) in allowed:
        return
    reason = assert_refused(fetcher(*allowed), url)
    if "[" not in url:  # a numeric IPv4 form: refused for its address, not for failing to resolve
        assert "non-public address" in reason, reason


@examples(20)
@given(urls_to(address_in(MULTICAST) | address_in(SITE_LOCAL)
               | address_in([str(SHARED)]).map(lambda a: ipaddress.ip_address(f"::ffff:{a}"))))
def test_the_url_guard_refuses_multicast_site_local_and_mapped_shared_addresses(generated):
    """ipaddress.is_global says True for these on Python 3.11: the guard must not trust it alone (it did
    until harvester commit 6bbf20d, found by this test)."""
    assert_refused(fetcher(), generated[1])


def embedded(form):
    """IPv6 addresses that carry an IPv4 address inside, by translation prefix."""
    def build(v4):
        a, b, c, d = v4.packed
        return ipaddress.IPv6Address({
            "nat64": f"64:ff9b::{v4}",                     # RFC 6052 well-known prefix
            "nat64-local": f"64:ff9b:1::{v4}",             # RFC 8215 local-use prefix: not global at all
            "6to4": f"2002:{a:02x}{b:02x}:{c:02x}{d:02x}::1",  # RFC 3056
            "compatible": f"::{v4}",                       # deprecated, RFC 4291
            "translated": f"::ffff:0:{v4}",                # SIIT, RFC 2765
        }[form])
    return build


@examples(20)
@given(st.builds(lambda form, v4: embedded(form)(v4),
                 st.sampled_from(["nat64", "nat64-local", "6to4", "compatible", "translated"]),
                 address_in(["127.0.0.0/8", "10.0.0.0/8", "169.254.0.0/16", "192.168.0.0/16"])))
def test_the_url_guard_refuses_ipv6_forms_embedding_a_private_ipv4_address(address):
    assert_refused(fetcher(), f"http://[{address}]/")


@examples(40)
@given(st.sampled_from(["localhost", "LOCALHOST", "LocalHost", "localhost.", "localhost.localdomain",
                        "ip6-localhost", "ip6-loopback", "foo.localhost", "127.0.0.1.", "0", "127.1", "0x7f000001"]),
       st.sampled_from(["http", "https"]), st.sampled_from(["", ":80", ":8001"]), st.sampled_from(["", "user@"]))
def test_the_url_guard_refuses_localhost_names(name, scheme, port, userinfo):
    assert_refused(fetcher(), f"{scheme}://{userinfo}{name}{port}/")


@examples(100)
@given(st.sampled_from(["file", "ftp", "gopher", "data", "javascript", "ws", "wss", "dict", "ldap", "jar",
                        "http+unix", "httpx", "hxxp", "view-source", "blob"]) | st.from_regex(r"[a-z][a-z0-9+.-]{0,8}",
                                                                                             fullmatch=True),
       st.sampled_from(["//127.0.0.1/", "///etc/passwd", "//www.gov.uk/", "alert(1)", "text/html,<b>x</b>",
                        "/127.0.0.1/", "127.0.0.1/", "\\\\127.0.0.1/"]))
def test_the_url_guard_refuses_every_scheme_but_http_and_https(scheme, rest):
    url = f"{scheme}:{rest}"
    if scheme in ("http", "https"):
        if not urlsplit(url).hostname:  # 'http:/127.0.0.1/' has no host: refused too
            assert_refused(fetcher(), url)
        return
    assert "only http and https" in assert_refused(fetcher(), url)


PUBLIC = "93.184.215.14"


@contextmanager
def names_resolving_publicly():
    """The real world: any name resolves to a public address; numeric hosts resolve as the system reads them.
    (No DNS here; this makes the guard's answer depend on the host it parsed, not on a lookup failing.)"""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        try:
            return real(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})
        except (socket.gaierror, UnicodeError, ValueError, TypeError):
            pass
        try:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (socket.inet_ntoa(socket.inet_aton(host)), port))]
        except (OSError, ValueError, TypeError):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, port))]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket, "getaddrinfo", fake)
        yield


@examples(300)
@given(st.sampled_from(["127.0.0.1", "10.0.0.1", "[::1]", "2130706433", "169.254.169.254", "0"]),
       st.sampled_from(["www.gov.uk", "evil.example", "WWW.GOV.UK"]),
       st.sampled_from(["@", "\\@", "#@", "?@", ":80@", " @", "%40", "@@", ";@", "%00@", "\\\\@", "/@", ".@",
                        "&@", "%2f@", ":@", "%23@", "\t@", "\n@"]),
       st.booleans())
def test_the_host_the_guard_checks_is_the_host_the_client_connects_to(private, public, separator, private_first):
    """Userinfo and separator tricks: whatever the guard accepts, httpx (which makes the request) reads the
    same host from the URL, and that host is public."""
    url = f"http://{private}{separator}{public}/" if private_first else f"http://{public}{separator}{private}/"
    with names_resolving_publicly():
        try:
            fetcher().check_url(url)
        except FetchError:
            return
        try:
            connects_to = httpx.URL(url).host
        except httpx.InvalidURL:
            return  # the client will not request it at all
        assert connects_to.lower() == urlsplit(url).hostname.lower(), url
        assert ipaddress.ip_address(socket.getaddrinfo(connects_to, 80)[0][4][0]).is_global, url


@examples(200)
@given(st.text(max_size=40).map(lambda s: "http://" + s))
@example("http://[::1/")
@example("http://example.org:99999/")
def test_the_url_guard_answers_every_string_with_a_refusal_or_nothing(url):
    """Callers catch FetchError only: anything else from a malformed link would fail its whole source."""
    with names_resolving_publicly():
        try:
            fetcher().check_url(url)
        except FetchError:
            pass


# -- (c) dates and money: never a crash, and what is written is what is read ---------------------------
@examples(300)
@given(st.text(max_size=200), st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31)),
       st.sampled_from([None, "past", "future", "present"]))
@example("today (31 February) last Monday 00 October 2024 2024-02-30 29/02/2023 2024/25", date(2025, 3, 31), "past")
def test_find_dates_never_crashes_and_every_mention_is_a_real_span_and_date(text, published, tense):
    for mention in find_dates(text, published, tense):
        assert text[mention.start:mention.end] == mention.text
        assert len(mention.value) in (4, 7, 10), mention
        if len(mention.value) == 10:
            assert parse_iso(mention.value) is not None, mention
        elif len(mention.value) == 7:
            assert 1 <= int(mention.value[5:]) <= 12, mention


@examples(300)
@given(st.text(max_size=40) | st.dates().map(str) | st.datetimes().map(str))
@example("2024-W01-1")
def test_parse_iso_never_crashes(value):
    assert parse_iso(value) is None or isinstance(parse_iso(value), date)


@examples(100)
@given(days_any := st.dates(), st.sampled_from(["", "T09:00:00Z", " 10:00", "T23:59:59.123456+05:30"]))
def test_parse_iso_reads_back_a_day_and_refuses_a_partial_date(day, suffix):
    assert parse_iso(day.isoformat() + suffix) == day
    assert parse_iso(day.isoformat()[:7]) is None and parse_iso(day.isoformat()[:4]) is None


words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz "), max_size=20).map(lambda s: s.strip())
days = st.dates(date(1950, 1, 1), date(2099, 12, 31))


@examples(300)
@given(days, st.sampled_from(["dmy", "dmy_short", "dmy_th", "my", "iso", "mdy"]), words, words)
def test_a_written_date_reads_back_as_its_iso_value(day, form, before, after):
    month = MONTHS[day.month - 1]
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    written, value = {
        "dmy": (f"{day.day} {month} {day.year}", day.isoformat()),
        "dmy_short": (f"{day.day} {month[:3]} {day.year}", day.isoformat()),
        "dmy_th": (f"{day.day}{suffix} {month} {day.year}", day.isoformat()),
        "my": (f"{month} {day.year}", day.isoformat()[:7]),
        "iso": (day.isoformat(), day.isoformat()),
        "mdy": (f"{month} {day.day}, {day.year}", day.isoformat()),
    }[form]
    sentence = f"{before} {written} {after}".strip()
    found = [(m.text, m.value) for m in find_dates(sentence)]
    assert (written, value) in found, (sentence, found)


@examples(200)
@given(days, st.sampled_from(["dmy", "dmy_short", "dmy_upper", "my", "iso", "timestamp", "mdy", "year"]))
def test_a_stored_publication_date_keeps_the_precision_it_was_written_with(day, form):
    """kb ingest and the harvester store `published` through iso_date: 'October 2024' is 2024-10 (not an
    invented day), and the same text gives the same date whatever day it is ingested."""
    month = MONTHS[day.month - 1]
    written, value = {
        "dmy": (f"{day.day} {month} {day.year}", day.isoformat()),
        "dmy_short": (f"{day.day:02d} {month[:3]} {day.year}", day.isoformat()),
        "dmy_upper": (f"{day.day}  {month.upper()}\n{day.year}", day.isoformat()),
        "my": (f"{month} {day.year}", day.isoformat()[:7]),
        "iso": (day.isoformat(), day.isoformat()),
        "timestamp": (f"{day.isoformat()}T23:59:00+01:00", day.isoformat()),
        "mdy": (f"{month} {day.day}, {day.year}", day.isoformat()),
        "year": (str(day.year), str(day.year)),
    }[form]
    assert iso_date(written) == value


@examples(300)
@given(st.text(max_size=60))
@example("2024-13-45")
@example("Monday")
@example("1")
@example("2024-00")
@example("31 February 2025")
@example("29 Feb 2023")
def test_a_stored_publication_date_is_a_real_date_or_nothing(text):
    value = iso_date(text)
    if value is not None:
        assert len(value) in (4, 7, 10), value
        assert parse_iso(value + "-01-01"[len(value) - 4:]) is not None, value


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)


@examples(300)
@given(amounts, st.sampled_from(["m", "M", "bn", "k", " million", " billion", "mn", " thousand", ""]), words)
@example(Decimal("12.5"), "m", "")
@example(Decimal("0.3"), "bn", "")
def test_a_written_amount_reads_back_in_pounds(amount, unit, before):
    multiplier = {"m": 10 ** 6, "mn": 10 ** 6, "million": 10 ** 6, "bn": 10 ** 9, "billion": 10 ** 9,
                  "k": 10 ** 3, "thousand": 10 ** 3, "": 1}[unit.strip().lower()]
    number = format(amount.normalize(), "f")
    sentence = f"{before} the trust spent £{number}{unit} on agency staff".strip()
    assert [m.amount_gbp for m in find_money(sentence)] == pytest.approx([float(amount * multiplier)]), sentence


@examples(300)
@given(st.integers(0, 10 ** 13), st.booleans())
@example(12_500_000, True)
def test_a_written_whole_amount_with_thousands_separators_reads_back(pounds, pence):
    written = f"£{pounds:,}" + (".50" if pence else "")
    found = find_money(f"It cost {written} last year.")
    assert [m.amount_gbp for m in found] == pytest.approx([pounds + (0.5 if pence else 0)])
    assert found[0].text == written


@examples(300)
@given(st.text(max_size=200))
@example("£" + "9" * 400 + "bn")
@example("£5-10m and GBP 3 to 4 billion, £.5m, £1,00,000")
def test_money_never_crashes_and_amounts_are_spans_of_the_text(text):
    for money in find_money(text):
        assert money.amount_gbp >= 0
        assert text[money.start:money.end].strip() == money.text
    describe(text)


def _normalise_reference(text):
    """normalise_text as first written, without its shortcut for text that is already normal."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@examples(500)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\u00a0\u2003\x0b\x0c\x1c")), max_size=40))
@example("a\n\nb")
@example("a \u2003\nb")
def test_normalising_text_is_the_same_with_or_without_the_shortcut(text):
    assert normalise_text(text) == _normalise_reference(text)
    assert normalise_text(normalise_text(text)) == normalise_text(text)

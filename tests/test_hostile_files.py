"""Hostile XML feeds and PDFs through the real harvester, against a server on 127.0.0.1: entity bombs and
external entities are refused before any parser runs, and a PDF costs at most the extraction child's
time, memory, page and text budget. In every run a good source or PDF must still be stored."""
import io
import os
import random
import time
import uuid
from pathlib import Path

import pytest
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from harvester.feeds import parse_feed
from harvester.items import SourceError
from harvester.run import harvest
from tests.fake_server import Site, serve
from tests.test_harvest import BODY, article, config, rss, runs


@pytest.fixture
def site():
    with serve(Site()) as s:
        s.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        yield s


def everything_stored(db):
    """The whole database as SQL text: a secret read from disk would show up here wherever it landed."""
    return "\n".join(db.conn.iterdump())


# --- XML feeds ----------------------------------------------------------------------------------------

def hostile_feed(base, doctype, reference, link, times=1, encoding="utf-8"):
    """An RSS feed whose DOCTYPE declares entities and whose item title and description use `reference`."""
    used = reference * times
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n{doctype}\n<rss version="2.0"><channel>'
            f'<title>Hostile</title><item><title>{used}</title><link>{base}{link}</link>'
            f'<description>{used}</description></item></channel></rss>')
    return text.encode(encoding)


def billion_laughs():
    """Ten levels of ten: &lol9; would be 10^9 copies of 'lol'."""
    lines = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                       for i in range(1, 10)]
    return "<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>"


QUADRATIC = '<!DOCTYPE rss [\n<!ENTITY big "' + "A" * 100_000 + '">\n]>'  # x 1,000 references = 100 MB


def utf7(text):
    """UTF-7 with each '<!' written as a base64 run, so '<!ENTITY' appears nowhere in the raw bytes."""
    encoded = text.encode("utf-7").replace(b"<!", b"+ADwAIQ-")
    assert encoded.decode("utf-7") == text
    return encoded


def test_entity_bombs_and_external_entities_are_refused_and_the_good_feed_is_stored(db, site, tmp_path):
    secret = f"HOSTILE-SECRET-{uuid.uuid4().hex}"
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(secret)
    base = site.base
    site.page("/good/feed", rss("/news/good"), "application/rss+xml")
    site.page("/news/good", article("Good story", BODY))
    site.page("/news/dtd", article("Story under an external DTD", BODY))
    for path in ("/xxe/target", "/xxe/evil.dtd", "/xxe/param.dtd"):  # requested only if something expanded
        site.page(path, secret, "text/plain")
    feeds = {
        "laughs": hostile_feed(base, billion_laughs(), "&lol9;", "/news/laughs"),
        "quadratic": hostile_feed(base, QUADRATIC, "&big;", "/news/quadratic", times=1_000),
        "quadratic-inline": hostile_feed(base, QUADRATIC.replace("\n", ""), "&big;", "/news/inline", times=1_000),
        "xxe-file": hostile_feed(base, f'<!DOCTYPE rss [\n<!ENTITY x SYSTEM "file://{secret_file}">\n]>',
                                 "&x;", "/news/xxe-file"),
        "xxe-file-inline": hostile_feed(base, f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret_file}">]>',
                                        "&x;", "/news/xxe-file-inline"),
        "xxe-http": hostile_feed(base, f'<!DOCTYPE rss [\n<!ENTITY x SYSTEM "{base}/xxe/target">\n]>',
                                 "&x;", "/news/xxe-http"),
        "xxe-param": hostile_feed(base, f'<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "{base}/xxe/param.dtd">\n%p;\n]>',
                                  "&x;", "/news/xxe-param"),
        "xxe-utf16": hostile_feed(base, f'<!DOCTYPE rss [\n<!ENTITY x SYSTEM "file://{secret_file}">\n]>',
                                  "&x;", "/news/xxe-utf16", encoding="utf-16"),
        "quadratic-ebcdic": hostile_feed(base, QUADRATIC, "&big;", "/news/ebcdic", times=1_000, encoding="cp037"),
        "quadratic-utf7": utf7(hostile_feed(base, QUADRATIC, "&big;", "/news/utf7", times=1_000).decode()
                               .replace('encoding="utf-8"', 'encoding="utf-7"')),
        "laughs-lowercase": hostile_feed(base, billion_laughs().replace("<!DOCTYPE", "<!doctype"), "&lol9;",
                                         "/news/lowercase"),
    }
    assert b"<!ENTITY" not in feeds["xxe-utf16"] + feeds["quadratic-ebcdic"] + feeds["quadratic-utf7"]
    for name, payload in feeds.items():
        site.page(f"/{name}/feed", payload, "application/rss+xml")
    # Harmless: an external DTD is dropped unread and the feed's item is stored.
    site.page("/dtd/feed", f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{base}/xxe/evil.dtd">\n'
                           f'<rss version="2.0"><channel><title>T</title><item><title>Under a DTD</title>'
                           f'<link>{base}/news/dtd</link></item></channel></rss>', "application/rss+xml")
    names = ["good", *feeds, "dtd"]
    cfg = config(site, *[{"name": n, "kind": "feed", "url": f"{{BASE}}/{n}/feed"} for n in names], concurrency=1)

    started = time.monotonic()
    results = {r.name: r for r in harvest(db, cfg)}
    elapsed = time.monotonic() - started

    assert elapsed < 10, elapsed
    assert (results["good"].status, results["good"].new) == ("ok", 1)
    assert (results["dtd"].status, results["dtd"].new) == ("ok", 1)
    recorded, health = runs(db), {r["name"]: r for r in db.query("select * from sources")}
    for name in feeds:
        assert results[name].status == "failed", (name, results[name])
        assert "declares XML entities" in recorded[name]["error"], (name, recorded[name]["error"])
        assert health[name]["consecutive_failures"] == 1 and "declares XML entities" in health[name]["last_error"]
    fetched = {r["url"]: r["status"] for r in db.query("select url, status from fetches")}
    assert all(fetched[f"{base}/{name}/feed"] == 200 for name in names)
    # Nothing expanded, fetched or read on the feeds' say-so:
    requested = site.paths()
    assert not [p for p in requested if p.startswith("/xxe/")], requested
    assert not [p for p in requested if p.startswith("/news/") and p not in ("/news/good", "/news/dtd")], requested
    assert not any(secret in p or secret in str(h) for p, h in site.requests)
    assert secret not in everything_stored(db)
    assert sorted(d["title"] for d in db.query("select title from documents")) == [
        "Good story", "Story under an external DTD"]
    assert db.execute("select max(length(title) + length(text)) from documents").fetchone()[0] < 2_000


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE rss [<!ENTITY a "x">]>',                  # one innocent-looking entity
    '<!DOCTYPE rss [<!ATTLIST rss version CDATA "2.0">]>',  # an internal subset, even without entities
    '<!ENTITY a "x">',                                     # a stray declaration outside any DOCTYPE
])
def test_parse_feed_refuses_any_dtd_subset_before_parsing(doctype):
    with pytest.raises(SourceError, match="declares XML entities"):
        parse_feed(hostile_feed("http://example.com", doctype, "", "/a"))


def test_parse_feed_still_reads_plain_feeds_in_other_encodings():
    for encoding in ("utf-16", "cp037", "iso-8859-1"):
        feed = parse_feed(hostile_feed("http://example.com", "", "Caf\u00e9", "/a", encoding=encoding))
        assert [(e.title, e.link) for e in feed.entries] == [("Caf\u00e9", "http://example.com/a")], encoding


# --- PDFs ---------------------------------------------------------------------------------------------

def text_page(writer, content):
    """A page showing `content` (a PDF content stream) in Helvetica."""
    page = PageObject.create_blank_page(width=612, height=792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"):
                             NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(  # _add_object: pypdf's only way to make an indirect object
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    return writer.add_page(page)


def show(text):
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"


def written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_of(*texts, encrypt=None):
    writer = PdfWriter()
    for text in texts:
        text_page(writer, show(text))
    if encrypt:
        writer.encrypt(**encrypt)
    return written(writer)


def repeated_page_pdf(content, pages):
    """`pages` pages sharing one compressed content stream: a few KB of file, `pages` times the work."""
    writer = PdfWriter()
    first = text_page(writer, content)
    first.compress_content_streams()
    for _ in range(pages - 1):
        writer.add_page(first)
    return written(writer)


def raw_pdf(*objects):
    """A PDF written by hand: object i+1 is objects[i]; object 1 is the catalog."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def page_tree_bomb(levels=9, fanout=10):
    """fanout^levels pages in under 2 KB: each /Pages node lists the node below it `fanout` times.
    Objects: 1 catalog, 2 font, 3 content, 4 the one leaf page, 5... the /Pages nodes, bottom up."""
    leaf = (b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
            b" /Resources << /Font << /F1 2 0 R >> >> >>")
    content = show("leaf")
    objects = [b"<< /Type /Catalog /Pages %d 0 R >>" % (4 + levels),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content), leaf]
    for level in range(levels):
        number, child = 5 + level, 4 + level
        parent = b" /Parent %d 0 R" % (number + 1) if level < levels - 1 else b""
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d%s >>"
                       % (b" ".join([b"%d 0 R" % child] * fanout), fanout ** (level + 1), parent))
    return raw_pdf(*objects)


def good_pdf():
    from kb.paths import SAMPLE_SITE
    return next(SAMPLE_SITE.glob("cqc/sites/default/files/*/*.pdf")).read_bytes()


def board(site, name, pdfs, **options):
    """A `pdfs` source named `name` whose index page links each of `pdfs` ({file name: bytes}) in order."""
    links = "".join(f"<a href='/{name}/{file}'>{file}</a>" for file in pdfs)
    site.page(f"/{name}/", f"<html><body><h2>Board meeting: 22 January 2025</h2>{links}</body></html>")
    for file, data in pdfs.items():
        site.page(f"/{name}/{file}", data, "application/pdf")
    return {"name": name, "kind": "pdfs", "url": f"{{BASE}}/{name}/", **options}


def documents(db):
    return {d["url"].rsplit("/", 1)[-1]: d for d in db.query("select * from documents")}


def pdftext_children():
    """Our extraction children still alive (or unreaped): there must be none after a run."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and b"harvester.pdftext" in cmdline:
            found.append(stat.parent.name)
    return found


def test_malformed_encrypted_and_oversized_pdfs_are_recorded_and_the_good_one_is_stored(db, site):
    hostile = {
        "random": b"%PDF-1.7\n" + random.Random(7).randbytes(64 * 1024),
        "cyclic": raw_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"),
        "deep": raw_pdf(b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>",
                        b"<< /Type /Pages /Kids [] /Count 0 >>"),
        "locked": pdf_of("Locked board paper", encrypt={"user_password": "board", "owner_password": "owner"}),
        "owner-only": pdf_of("Readable but owner-protected paper",
                             encrypt={"user_password": "", "owner_password": "owner"}),
        "many-pages": pdf_of(*[f"Page number {i}" for i in range(40)]),
        "tree-bomb": page_tree_bomb(),
        "text-bomb": repeated_page_pdf(show("A" * 400_000), pages=50),
    }
    # Each hostile PDF is a source of its own, so that each one's recorded error can be read back.
    sources = [board(site, name, {f"{name}.pdf": data}, max_pdf_pages=5, pdf_timeout=10)
               for name, data in hostile.items()]
    sources.append(board(site, "good", {"paper.pdf": good_pdf()}, max_pdf_pages=5, pdf_timeout=10))
    started = time.monotonic()
    results = {r.name: r for r in harvest(db, config(site, *sources, max_bytes=1_000_000, concurrency=1))}
    elapsed = time.monotonic() - started

    assert elapsed < 25, elapsed
    recorded = runs(db)
    stored = documents(db)
    assert sorted(stored) == ["many-pages.pdf", "owner-only.pdf", "paper.pdf", "text-bomb.pdf"], recorded
    for name in ("random", "cyclic", "deep", "locked", "tree-bomb"):
        assert (results[name].status, results[name].new, results[name].failed) == ("partial", 0, 1), results[name]
        prefix = f"1 items failed; first: {site.base}/{name}/{name}.pdf: PDF text extraction failed: "
        error = recorded[name]["error"]
        assert error.startswith(prefix) and "Traceback" not in error and len(error) < 500, error
    assert "encrypted" in recorded["locked"]["error"] and "password" in recorded["locked"]["error"]
    assert "page tree" in recorded["tree-bomb"]["error"]
    assert "Locked board paper" not in everything_stored(db)
    assert "Readable but owner-protected paper" in stored["owner-only.pdf"]["text"]
    # The page budget: the first five pages, nothing after.
    assert stored["many-pages.pdf"]["text"] == "\n\n".join(f"Page number {i}" for i in range(5))
    # The text budget: 50 pages of 400,000 characters from a few KB of file stop at max_bytes.
    assert len(hostile["text-bomb"]) < 10_000
    bomb_text = stored["text-bomb.pdf"]["text"]
    assert 400_000 <= len(bomb_text) - bomb_text.count("\n") <= 1_000_000
    assert (results["good"].status, results["good"].new) == ("ok", 1)
    assert len(stored["paper.pdf"]["text"]) > 200
    assert not pdftext_children()


def test_a_pdf_that_hangs_the_parser_is_killed_at_the_time_limit_and_the_next_is_processed(db, site):
    # 30 pages sharing one 150,000-operator content stream: ~5 KB that keeps pypdf busy for minutes.
    tarpit = repeated_page_pdf(b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj 1 0 Td " * 150_000 + b"ET", pages=30)
    assert len(tarpit) < 20_000
    source = board(site, "board", {"tarpit.pdf": tarpit, "good.pdf": good_pdf()}, pdf_timeout=2)
    started = time.monotonic()
    (result,) = harvest(db, config(site, source))
    elapsed = time.monotonic() - started

    assert 2 <= elapsed < 10, elapsed
    assert (result.status, result.new, result.failed) == ("partial", 1, 1)
    error = runs(db)["board"]["error"]
    assert "tarpit.pdf: PDF text extraction took longer than 2.0s and was stopped" in error, error
    assert list(documents(db)) == ["good.pdf"]
    assert not pdftext_children()


def test_a_pdf_that_exceeds_the_memory_limit_is_killed_and_recorded(db, site):
    # A 70 KB page whose content stream inflates to 70 MB (under pypdf's own 75 MB cap): the child needs
    # about 200 MB of address space, the good paper under 100 MB.
    hog = repeated_page_pdf(show("hog") + b" " * 70_000_000, pages=1)
    assert len(hog) < 100_000
    source = board(site, "board", {"hog.pdf": hog, "good.pdf": good_pdf()}, pdf_timeout=20, pdf_memory_mb=128)
    started = time.monotonic()
    (result,) = harvest(db, config(site, source))
    elapsed = time.monotonic() - started

    assert elapsed < 15, elapsed
    assert (result.status, result.new, result.failed) == ("partial", 1, 1)
    error = runs(db)["board"]["error"]
    assert "hog.pdf: PDF text extraction failed: " in error and "memory" in error.lower(), error
    assert list(documents(db)) == ["good.pdf"]
    assert not pdftext_children()

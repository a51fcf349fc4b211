#!/usr/bin/env python3
"""Check the offline demo sample as the sample server would serve it (standard library; pypdf optional).

- every internal link (root-relative or {{BASE}}) in every page, feed and listing resolves to a file under the
  serving rules (P, P.html, P/index.html, P/index.xml; ?k=v -> <name>__k=v<ext>);
- every feed (.xml, .atom) parses with xml.etree; HTML tags balance;
- every document of expected.json is reachable from a feed or listing, and its evidence quotes, people's
  surnames and £ amounts occur in its served text (PDF text through pypdf when it is installed);
- each PDF has at least 2 pages and starts with the meeting and the paper title.

Usage: python3 sample/tools/check_sample.py   (exit status 1 on any problem)
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE = Path(__file__).resolve().parent.parent
SITE = SAMPLE / "site"
BASE = "{{BASE}}"
FAKE_BASE = "http://127.0.0.1:8000"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ENTRY_POINTS = ["/healthcare-leader/feed/", "/management-in-practice/feed/", "/cqc/search/news",
                "/govdelivery/accounts/UKCQC/bulletins", "/cqc/about-us/how-we-are-run/board-meetings",
                "/govuk/government/organisations/department-of-health-and-social-care.atom"]


def resolve(url_path):
    parts = urlsplit(url_path)
    base = SITE / unquote(parts.path).lstrip("/")
    candidates = [base, base.with_name(base.name + ".html"), base / "index.html", base / "index.xml"]
    if parts.query:
        suffix = "__" + parts.query
        candidates = [c.with_name(c.stem + suffix + c.suffix) if c.suffix else c.with_name(c.name + suffix)
                      for c in candidates]
    return next((c for c in candidates if c.is_file()), None)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.text, self.stack, self.errors = [], [], [], []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "href" and v:
                self.links.append(v)
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag in ("p", "h1", "h2", "h3", "li", "td", "dt", "dd", "div", "br", "time", "span"):
            self.text.append("\n")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("script", "style", "head"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def norm(s):
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return re.sub(r"\s+", " ", s).strip()


def internal(href):
    if href.startswith(BASE):
        return href[len(BASE):] or "/"
    if href.startswith("/"):
        return href
    return None


def xml_links(root):
    out = []
    for el in root.iter():
        if el.get("href"):
            out.append(el.get("href"))
        if el.tag in ("link", "guid") and el.text and el.text.strip():
            if el.tag == "link" or el.get("isPermaLink") != "false":
                out.append(el.text.strip())
    return out


def pdf_text(path):
    try:
        import pypdf
    except ImportError:
        return None, None
    reader = pypdf.PdfReader(str(path))
    return "\n".join(p.extract_text() or "" for p in reader.pages), len(reader.pages)


MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|million|m|M|k)?\b")
MULT = {"bn": 1e9, "billion": 1e9, "million": 1e6, "m": 1e6, "M": 1e6, "k": 1e3, None: 1}


def main():
    problems = []
    texts, links_from = {}, {}
    for f in sorted(SITE.rglob("*")):
        if not f.is_file():
            continue
        rel = "/" + f.relative_to(SITE).as_posix()
        if f.suffix in (".xml", ".atom"):
            raw = f.read_text(encoding="utf-8")
            try:
                root = ET.fromstring(raw.replace(BASE, FAKE_BASE))
            except ET.ParseError as e:
                problems.append(f"{rel}: XML does not parse: {e}")
                continue
            links_from[rel] = [h.replace(FAKE_BASE, BASE) for h in xml_links(root)]
        elif f.suffix == ".html":
            p = Page()
            p.feed(f.read_text(encoding="utf-8"))
            p.close()
            problems += [f"{rel}: {e}" for e in p.errors]
            if [t for t in p.stack if t != "html"]:
                problems.append(f"{rel}: unclosed tags {p.stack}")
            links_from[rel] = p.links
            texts[rel] = "".join(p.text)
        elif f.suffix != ".pdf":
            problems.append(f"{rel}: unexpected file type")
    n_links = 0
    for rel, hrefs in links_from.items():
        for h in hrefs:
            target = internal(h)
            if target is None:
                continue
            n_links += 1
            if resolve(target) is None:
                problems.append(f"{rel}: broken link {h}")

    # documents: reachable from the entry points, and their key checks against the served text
    key = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    reachable = set()
    for ep in ENTRY_POINTS:
        f = resolve(ep)
        if f is None:
            problems.append(f"entry point {ep} missing")
            continue
        reachable |= {urlsplit(internal(h)).path for h in links_from.get("/" + f.relative_to(SITE).as_posix(), [])
                      if internal(h)}
    if resolve("/cqc/search/news?page=1"):
        reachable |= {internal(h) for h in links_from["/cqc/search/news__page=1.html"] if internal(h)}
    n_pdf = 0
    for doc in key["documents"]:
        path = doc["path"]
        if path not in reachable:
            problems.append(f"{path}: not linked from any feed or listing")
        f = resolve(path)
        if f is None:
            problems.append(f"{path}: no file")
            continue
        if f.suffix == ".pdf":
            text, pages = pdf_text(f)
            if text is None:
                continue
            n_pdf += 1
            if pages < 2:
                problems.append(f"{path}: only {pages} page(s)")
            head = norm(text)[:200]
            if not head.startswith("Board meeting:") or norm(doc["title"]) not in head:
                problems.append(f"{path}: PDF does not start with the meeting and title: {head[:80]!r}")
        else:
            text = texts["/" + f.relative_to(SITE).as_posix()]
        t = norm(text)
        for e in doc["events"] + doc["non_events"]:
            if norm(e["evidence"]) not in t:
                problems.append(f"{path}: evidence not found: {e['evidence']!r}")
        for person in doc["people"]:
            if person.split()[-1] not in t:
                problems.append(f"{path}: person not found: {person}")
        amounts = {round(float(m.group(1).replace(",", "")) * MULT[m.group(2)], 2) for m in MONEY.finditer(t)}
        if amounts != {float(v) for v in doc["gbp"]}:
            problems.append(f"{path}: £ amounts {sorted(amounts)} but key says {doc['gbp']}")

    print(f"{sum(1 for f in SITE.rglob('*') if f.is_file())} files, {n_links} internal links, "
          f"{len(key['documents'])} documents ({n_pdf} PDFs text-checked)")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()

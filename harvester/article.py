"""Article pages -> title, dates, author, canonical URL and the main text without page furniture.

Known layouts (CQC, GOV.UK, WordPress trade press, GovDelivery bulletins) are recognised by the
containers and text patterns they use; anything else falls back to the largest block of paragraphs.
"""
import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from kb.documents import iso_date

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY_MONTH_YEAR = rf"\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}"
PUBLISHED_LINE = re.compile(rf"Published:?\s*({DAY_MONTH_YEAR})", re.I)
UPDATED_LINE = re.compile(rf"(?:Page\s+)?last\s+updated:?\s*({DAY_MONTH_YEAR})", re.I)
DATE_ONLY_LINE = re.compile(rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({DAY_MONTH_YEAR})$", re.I)
BYLINE = re.compile(r"^by\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$", re.I)

# Where the body lives, most specific first.
BODY_SELECTORS = [
    "div.entry-content", "div.article-body", "div.govspeak", ".gem-c-govspeak", "div.body",
    "article .content", "main article", "article", "main", "#content", "[role=main]",
]
ANY_BODY_SELECTOR = ", ".join(BODY_SELECTORS)
# Page furniture removed before reading the body.
DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
             "button", "template"]
# A class or id token naming furniture ("cookie-banner", "share-links", "entry-header"); whole words
# only, so that "has-shares-count" or "headerless" bodies are not thrown away.
FURNITURE = re.compile(r"(^|[-_])(cookies?|banner|share|sharing|social|newsletter|related|breadcrumbs?|"
                       r"subscribe|menu|skip|sidebar|advert|adverts|promo|signup|footer|header|byline|"
                       r"metadata|published|categories|tags|comments?)([-_]|$)", re.I)
# Lines that are furniture whatever markup carries them; a STOP line ends the article.
DROP_LINES = re.compile(r"^(this site is intended for health professionals only|share this article|"
                        r"share this page|categories|print this page|skip to main content|"
                        r"having trouble viewing this email\?.*|view (?:it|this) (?:as a|in your) (?:web page|browser)\.?|"
                        r"image credit:.*|credit:.*)$", re.I)
STOP_LINES = re.compile(r"^(want news like this straight to your inbox\??|related articles|related content|"
                        r"you may also like|read more|more news|sign up to our newsletter.*)$", re.I)
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr",
              "td", "th", "dd", "dt", "dl", "div", "section", "article", "main", "body", "header", "footer",
              "figure", "figcaption", "hr", "address", "center"}


@dataclass
class Article:
    title: str | None
    text: str
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    canonical: str | None = None


def _meta_tags(soup):
    """The first <meta> for each property= and name= value, from one pass over the page (a search of the
    whole tree per name was a third of the parsing time)."""
    tags = {}
    for tag in soup.find_all("meta"):
        for attr in ("property", "name"):
            value = tag.get(attr)
            if isinstance(value, str):
                tags.setdefault((attr, value), tag)
    return tags


def _meta(tags, *names):
    for name in names:
        tag = tags.get(("property", name)) or tags.get(("name", name))
        if tag and tag.get("content", "").strip():
            return tag["content"].strip()
    return None


def _json_ld(soup):
    """The first schema.org Article-like object in JSON-LD, if any."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and item.get("datePublished"):
                return item
    return {}


def _clean(text):
    return re.sub(r"\s+", " ", text or "").strip()


def _block_lines(root):
    """The visible text of `root` as lines, one per block element (paragraph, heading, list item, cell,
    div) or <br>. Iterative, so deeply nested pages cannot exhaust the stack."""
    lines, buffer, current = [], [], None

    def flush():
        text = _clean("".join(buffer))
        buffer.clear()
        if text:
            lines.append(text)

    for node in root.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                flush()
            continue
        if type(node) is not NavigableString:  # comments, CDATA, doctype
            continue
        block = next((p for p in node.parents if p is root or p.name in BLOCK_TAGS), root)
        if block is not current:
            flush()
            current = block
        buffer.append(str(node))
    flush()
    return lines


def _is_furniture(element):
    tokens = element.get("class", []) + [element.get("id") or "", element.get("role") or ""]
    return any(FURNITURE.search(token) for token in tokens if token)


def _body_root(soup):
    """The element holding the article body: a known container, else the whole page."""
    page = soup.body or soup
    page_length = len(page.get_text(" ", strip=True))
    # One pass over the page for all the selectors, then each selector's matches among those, in order:
    # the same elements as one soup.select per selector, without walking the whole tree eleven times.
    candidates = soup.select(ANY_BODY_SELECTOR)
    for selector in BODY_SELECTORS:
        found = [element for element in candidates if element.css.match(selector)]
        if found:
            best = max(found, key=lambda e: len(e.get_text(" ", strip=True)))
            # An empty or teaser-sized match (a listing's <article>) is not the body.
            if len(best.get_text(" ", strip=True)) >= min(500, page_length // 4):
                return best
    return page


def _strip_furniture(root):
    for tag in root.find_all(DROP_TAGS):
        tag.decompose()
    for element in root.find_all(True):
        # A decomposed tag has its name wiped. Not `element.decomposed`: bs4 answers that with a search
        # of the whole subtree (tag.__getattr__), quadratic on deeply nested pages.
        if element.name and _is_furniture(element):
            element.decompose()


def _dates_and_author_from_lines(lines):
    published = updated = author = None
    for line in lines[:40]:
        if published is None and (m := PUBLISHED_LINE.search(line)):
            published = m.group(1)
        if updated is None and (m := UPDATED_LINE.search(line)):
            updated = m.group(1)
        if published is None and (m := DATE_ONLY_LINE.match(line)):
            published = m.group(1)
        if author is None and (m := BYLINE.match(line)):
            author = m.group(1)
    return published, updated, author


def parse_article(html):
    """Parse an article page. The text is the body only; title, dates and author come from metadata
    first (they are explicit) and from the visible lines second."""
    soup = BeautifulSoup(html, "lxml")
    metas = _meta_tags(soup)
    ld = _json_ld(soup)
    h1 = soup.find("h1")
    title = _clean(_meta(metas, "og:title", "twitter:title") or (h1 and h1.get_text(" ")) or
                   (soup.title and soup.title.get_text(" ")) or "") or None
    canonical_tag = soup.find("link", rel="canonical")
    canonical = canonical_tag.get("href") if canonical_tag else None
    time_tag = soup.find("time", datetime=True)
    published = (_meta(metas, "article:published_time", "govuk:first-published-at", "date", "dc.date",
                       "DC.date.issued") or ld.get("datePublished") or (time_tag and time_tag["datetime"]))
    updated = _meta(metas, "article:modified_time", "govuk:public-updated-at") or ld.get("dateModified")
    author = _meta(metas, "author", "article:author")
    if not author and isinstance(ld.get("author"), dict):
        author = ld["author"].get("name")

    all_lines = _block_lines(soup.body or soup)  # before furniture removal: dates and bylines live there
    line_published, line_updated, line_author = _dates_and_author_from_lines(all_lines)
    published = published or line_published
    updated = updated or line_updated
    author = author or line_author

    root = _body_root(soup)
    _strip_furniture(root)
    lines = []
    for line in _block_lines(root):
        if STOP_LINES.match(line):
            break
        if DROP_LINES.match(line) or line == title or BYLINE.match(line) or DATE_ONLY_LINE.match(line) \
                or PUBLISHED_LINE.match(line):
            continue
        lines.append(line)
    if author and author.lower().startswith("http"):
        author = None
    return Article(title=title, text="\n\n".join(lines), published=iso_date(published),
                   updated=iso_date(updated), author=author, canonical=canonical)

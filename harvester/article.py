"""Article pages -> title, dates, author, canonical URL and the main text without page furniture.

Known layouts (CQC, GOV.UK, GovDelivery bulletins, Cogora's trade press) are recognised by the
containers and text patterns they use and read by our own rules here; every other page's body is read
by trafilatura (harvester/general.py), which is far better than our rules on layouts we have never seen.
Each falls back to the other when it finds no text.

Parsed with lxml's HTML parser and walked directly: the same libxml2 parse BeautifulSoup("lxml") uses,
without building a second tree in Python, which made parsing a quarter of the cost it was (#7).
"""
import itertools
import json
import re
from dataclasses import dataclass

from lxml import etree

from kb.documents import MONTH_NAMES, iso_date
from . import general

MONTHS = "|".join(MONTH_NAMES)
DAY_MONTH_YEAR = rf"\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}"
PUBLISHED_LINE = re.compile(rf"Published:?\s*({DAY_MONTH_YEAR})", re.I)
UPDATED_LINE = re.compile(rf"(?:Page\s+)?last\s+updated:?\s*({DAY_MONTH_YEAR})", re.I)
DATE_ONLY_LINE = re.compile(rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({DAY_MONTH_YEAR})$", re.I)
BYLINE = re.compile(r"^by\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$", re.I)

def _has_class(name):
    """XPath for "has `name` among its class tokens", as CSS's .name (and cssselect) reads it. The plain
    substring test first: it rules out most elements before the token test builds a string for them."""
    return f"contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Where the body lives, most specific first: (CSS it stands for, the same as compiled XPath, which
# finds the matches in document order in C rather than testing every element in Python).
BODY_SELECTORS = [(css, etree.XPath(xpath)) for css, xpath in [
    ("div.entry-content", f"//div[{_has_class('entry-content')}]"),
    ("div.article-body", f"//div[{_has_class('article-body')}]"),
    ("div.govspeak", f"//div[{_has_class('govspeak')}]"),
    (".gem-c-govspeak", f"//*[{_has_class('gem-c-govspeak')}]"),
    ("div.body", f"//div[{_has_class('body')}]"),
    ("article .content", f"//article//*[{_has_class('content')}]"),
    ("main article", "//main//article"),
    ("article", "//article"),
    ("main", "//main"),
    ("#content", "//*[@id='content']"),
    ("[role=main]", "//*[@role='main']"),
]]
# The layouts of the sources we know, by the markup that marks them: pages with one are read by our rules
# (see known_layout). Text tests look at text nodes, not whole elements, whose string values are slow to
# build on long pages. Plain WordPress (`entry-content`) is not among them: on the benchmark's 27 WordPress
# pages trafilatura did as well as our rules, and on our trade press sample it gives the same words.
KNOWN_LAYOUTS = [(name, etree.XPath(xpath)) for name, xpath in [
    ("GOV.UK", f"//div[{_has_class('govspeak')}] | //*[{_has_class('gem-c-govspeak')}]"),
    # CQC's Drupal pages: a "Published: 26 March 2025" line, then the body field.
    ("CQC", f"//div[{_has_class('body')}][preceding::text()[starts-with(normalize-space(.), 'Published:')]]"),
    ("GovDelivery bulletin", "//*[@id='bulletin_body']"),
    # Cogora's trade titles (Pulse, Management in Practice, Healthcare Leader) open with this audience banner.
    ("Cogora trade press", "//body//div/text()[contains(., 'intended for health professionals')]"
                           "[starts-with(normalize-space(.), 'This site is intended for health professionals')]"),
]]
# A <title> longer than this is an unclosed one that swallowed the page.
MAX_TITLE = 300
# Page furniture removed before reading the body.
DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
             "button", "template"}
# Elements whose content is code or inert markup, never visible text.
NO_TEXT_TAGS = {"script", "style", "template"}
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


# libxml2 stops building a tree at 256 levels and drops the rest of the page; pages nested deeper than
# this are rebuilt with the extra levels flattened, as browsers do, so no text is lost.
MAX_DEPTH = 200


class _FlatteningTarget:
    """A parser target building the tree with no element deeper than MAX_DEPTH: deeper start tags are
    skipped and their text goes to the deepest element kept."""

    def __init__(self):
        self.builder, self.depth, self.skipped = etree.TreeBuilder(), 0, 0

    def start(self, tag, attrib):
        if self.depth >= MAX_DEPTH:
            self.skipped += 1
            return
        self.depth += 1
        self.builder.start(tag, attrib)

    def end(self, tag):
        if self.skipped:  # libxml2 balances its events, so the innermost ends are the skipped ones
            self.skipped -= 1
            return
        self.depth -= 1
        self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def _parse(html):
    """The page's root element, or None for a page with no markup at all."""
    return _parse_page(html)[0]


def _parse_page(html):
    """(root element or None, whether the page was too deep and rebuilt flattened). Text is handed to
    libxml2 as UTF-8 bytes, so a <meta charset> in an already decoded page cannot make it decode twice."""
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    if not data or not data.strip():
        return None, False
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(data, parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return etree.fromstring(data, etree.HTMLParser(encoding="utf-8", target=_FlatteningTarget(),
                                                       no_network=True)), True
    return root, False


def _classes(element):
    return (element.get("class") or "").split()


def _first(root, tag):
    return next(root.iter(tag), None)


def _meta_tags(root):
    """The first <meta> for each property= and name= value, from one pass over the page."""
    tags = {}
    for tag in root.iter("meta"):
        for attr in ("property", "name"):
            value = tag.get(attr)
            if value is not None:
                tags.setdefault((attr, value), tag)
    return tags


def _meta(tags, *names):
    for name in names:
        for key in (("property", name), ("name", name)):
            content = (tags[key].get("content") or "").strip() if key in tags else ""
            if content:
                return content
    return None


def _json_ld(root):
    """The first schema.org Article-like object in JSON-LD, if any."""
    for script in root.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and item.get("datePublished"):
                return item
    return {}


def _clean(text):
    return " ".join(text.split()) if text else ""  # str.split's whitespace is re's \s


BREAK = object()  # a <br>: the line ends here


def _strings(root):
    """The visible strings under `root` in document order, each with the block element it belongs to
    (the nearest paragraph, heading, list item, cell, div ... or `root`), and BREAK for each <br>.
    lxml's iterwalk does the walking in C and needs no recursion, so deep pages cannot exhaust the stack.
    (Trees from _parse hold no comments or processing instructions, which iterwalk would skip tail and all.)"""
    blocks = [root]
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if element is not root and tag in NO_TEXT_TAGS:
                walker.skip_subtree()  # its "end" still comes, with the tail that follows it
                continue
            if tag == "br":
                yield BREAK, blocks[-1]
            if element is not root and tag in BLOCK_TAGS:
                blocks.append(element)
            if element.text and tag not in NO_TEXT_TAGS:
                yield element.text, blocks[-1]
        elif element is not root:
            if blocks[-1] is element:
                blocks.pop()
            if element.tail:  # text after an element belongs to the block around it
                yield element.tail, blocks[-1]


def _text(element, separator=" "):
    """All the visible text of `element`, its strings joined by `separator`."""
    return separator.join(text for text, _ in _strings(element) if text is not BREAK)


def _text_length(strings):
    """The length of the stripped strings (from _strings) joined by single spaces."""
    return len(" ".join(t for t in (text.strip() for text, _ in strings if text is not BREAK) if t))


def _block_lines(root):
    """The visible text of `root` as lines, one per block element or <br>, yielded as the walk reaches
    them: a caller that wants only the first lines stops the walk there."""
    return _lines(_strings(root))


def _lines(strings):
    """_block_lines over strings already walked."""
    buffer, current = [], None
    for text, block in strings:
        if text is BREAK or block is not current:
            if line := _clean("".join(buffer)):
                yield line
            buffer.clear()
            if text is BREAK:
                continue
            current = block
        buffer.append(text)
    if line := _clean("".join(buffer)):
        yield line


def html_lines(html):
    """The visible lines of an HTML page or fragment (GOV.UK's search API bodies)."""
    root = _parse(html)
    return list(_block_lines(root)) if root is not None else []


def _is_furniture(element):
    tokens = _classes(element) + [element.get("id") or "", element.get("role") or ""]
    return any(FURNITURE.search(token) for token in tokens if token)


def _body_root(page, page_length):
    """The element holding the article body: a known container, else the whole page (whose text is
    `page_length` long)."""
    for _, select in BODY_SELECTORS:
        found = select(page)
        if found:
            lengths = [_text_length(_strings(element)) for element in found]
            best_length = max(lengths)
            best = found[lengths.index(best_length)]
            # An empty or teaser-sized match (a listing's <article>) is not the body.
            if best_length >= min(500, page_length // 4):
                return best
    return page


def _remove(element):
    """Remove an element but keep the text that follows it (lxml stores that text on the element)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _strip_furniture(root):
    """Remove furniture tags and elements whose class, id or role names furniture, below `root`."""
    stack = [root]
    while stack:
        element = stack.pop()
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            if child.tag in DROP_TAGS or _is_furniture(child):
                _remove(child)
            else:
                stack.append(child)


def _dates_and_author_from_lines(lines):
    published = updated = author = None
    for line in itertools.islice(lines, 40):
        if published is None and (m := PUBLISHED_LINE.search(line)):
            published = m.group(1)
        if updated is None and (m := UPDATED_LINE.search(line)):
            updated = m.group(1)
        if published is None and (m := DATE_ONLY_LINE.match(line)):
            published = m.group(1)
        if author is None and (m := BYLINE.match(line)):
            author = m.group(1)
    return published, updated, author


def _metadata(root):
    """Title, dates, author and canonical URL from the page's metadata: og:/article: meta tags, JSON-LD,
    <time datetime>; the title from <h1> or <title> when no meta tag gives one."""
    metas = _meta_tags(root)
    ld = _json_ld(root)
    h1, title_tag = _first(root, "h1"), _first(root, "title")
    # An unclosed <title> swallows the rest of the page: a "title" that long is not one.
    page_title = title_tag is not None and _clean(_text(title_tag))
    title = _clean(_meta(metas, "og:title", "twitter:title") or (h1 is not None and _text(h1)) or
                   (page_title if page_title and len(page_title) <= MAX_TITLE else "") or
                   (isinstance(ld.get("headline"), str) and ld["headline"]) or "") or None
    canonical = next((link.get("href") for link in root.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), None)
    time_tag = next((t for t in root.iter("time") if t.get("datetime") is not None), None)
    published = (_meta(metas, "article:published_time", "govuk:first-published-at", "date", "dc.date",
                       "DC.date.issued") or ld.get("datePublished") or
                 (time_tag is not None and time_tag.get("datetime")) or None)
    updated = _meta(metas, "article:modified_time", "govuk:public-updated-at") or ld.get("dateModified")
    author = _meta(metas, "author", "article:author") or _ld_author(ld.get("author"))
    return {"title": title, "canonical": canonical, "published": published, "updated": updated,
            "author": author}


def _ld_author(value):
    """The first author's name from JSON-LD's author (a name, a Person, or a list of either)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _keep_line(line, title):
    return not (DROP_LINES.match(line) or line == title or BYLINE.match(line) or DATE_ONLY_LINE.match(line)
                or PUBLISHED_LINE.match(line))


def _with_site_rules(root):
    """Our own extractor: the known body containers, furniture removed, else the whole page less its
    furniture. Changes the tree."""
    meta = _metadata(root)
    title = meta["title"]
    page = _first(root, "body")
    page = page if page is not None else root
    # The page's first lines, before furniture removal: dates and bylines live there.
    page_strings = list(_strings(page))
    line_published, line_updated, line_author = _dates_and_author_from_lines(_lines(page_strings))
    published = meta["published"] or line_published
    updated = meta["updated"] or line_updated
    author = meta["author"] or line_author

    body = _body_root(page, _text_length(page_strings))
    _strip_furniture(body)
    lines = []
    for line in _block_lines(body):
        if STOP_LINES.match(line):
            break
        if _keep_line(line, title):
            lines.append(line)
    if author and author.lower().startswith("http"):
        author = None
    return Article(title=title, text="\n\n".join(lines), published=iso_date(published),
                   updated=iso_date(updated), author=author, canonical=meta["canonical"])


def parse_with_site_rules(html):
    """Our own extractor on any page (what parse_article was before trafilatura; the benchmark's third
    column)."""
    root = _parse(html)
    return _with_site_rules(root) if root is not None else Article(title=None, text="")


def known_layout(root):
    """The name of the known source layout this page has, or None. Only these pages are read by our own
    rules: on them the rules know the furniture (banners, share boxes, "Related articles") the general
    extractor keeps, and on the benchmark's pages with these containers they scored as well or better."""
    for name, select in KNOWN_LAYOUTS:
        if select(root):
            return name
    return None


def parse_article(html):
    """Parse an article page: title, dates, author and canonical URL from the page's metadata first
    (they are explicit), then its visible lines, then (dates) htmldate; the body text by our own rules on
    the layouts we know, by trafilatura on all others, each falling back to the other when it finds
    nothing."""
    root, flattened = _parse_page(html)
    if root is None:
        return Article(title=None, text="")
    if known_layout(root):
        article = _with_site_rules(root)
        if article.text.strip():
            return article
        root, flattened = _parse_page(html)  # our rules changed the tree; the general reader starts afresh
    meta = _metadata(root)
    # A page nested deeper than libxml2 builds is handed over as we rebuilt it, so no text is lost.
    source = etree.tostring(root, encoding="unicode", method="html") if flattened else html
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    title = meta["title"]
    lines = [line for line in general.body_lines(source) if _keep_line(line, title)]
    published, updated, author = meta["published"], meta["updated"], meta["author"]
    page = _first(root, "body")
    page = page if page is not None else root
    if not (published and updated and author):  # the first visible lines, when metadata leaves a gap
        line_published, line_updated, line_author = _dates_and_author_from_lines(_block_lines(page))
        published, updated, author = published or line_published, updated or line_updated, author or line_author
    if not lines:  # the library found no article: the whole page less its furniture
        _strip_furniture(page)
        lines = [line for line in _block_lines(page) if _keep_line(line, title) and not STOP_LINES.match(line)]
    published = iso_date(published) or general.publication_date(source.encode("utf-8"))
    if author and author.lower().startswith("http"):
        author = None
    return Article(title=title, text="\n\n".join(lines), published=published, updated=iso_date(updated),
                   author=author, canonical=meta["canonical"])

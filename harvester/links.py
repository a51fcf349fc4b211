"""Finding links on listing and index pages."""
import re
from urllib.parse import urljoin, urlsplit

from kb.urls import canonical_url


def _soup(html):
    # Imported here: listing pages are a few per run, and BeautifulSoup costs 0.16 s to import, which
    # a harvest whose feeds all answer 304 would otherwise pay for nothing.
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "lxml")


def _absolute(base_url, href):
    """The absolute URL of `href`, or None if it is malformed ("http://[::1", "http://host:99999/"):
    one bad link must not fail the whole page."""
    try:
        url = urljoin(base_url, href.strip())
        urlsplit(url).port  # raises on a port that is not a number in range
    except ValueError:
        return None
    return url


def page_links(html, base_url):
    """(absolute URL, link text, anchor tag) for every http(s) link on the page, in order."""
    soup = _soup(html)
    for a in soup.find_all("a", href=True):
        url = _absolute(base_url, a["href"])
        if url and urlsplit(url).scheme in ("http", "https"):
            yield url.split("#")[0], " ".join(a.get_text(" ").split()), a


def article_links(html, base_url, pattern=None):
    """Links to articles: those matching `pattern` (a regex on the absolute URL), or else links in
    <article> blocks and headings on the same host. Each once, in page order."""
    regex = re.compile(pattern) if pattern else None
    host = urlsplit(base_url).netloc
    seen, found = set(), []
    for url, _, a in page_links(html, base_url):
        if regex:
            wanted = bool(regex.search(url))
        else:
            wanted = urlsplit(url).netloc == host and a.find_parent(["article", "h2", "h3"]) is not None
        key = canonical_url(url)
        if wanted and key not in seen and key != canonical_url(base_url):
            seen.add(key)
            found.append(url)
    return found


def next_page(html, base_url):
    """The listing's next page: rel=next, else a link whose text is 'Next' (with arrows or 'page')."""
    soup = _soup(html)
    for tag in soup.find_all(["a", "link"], href=True):
        rel = tag.get("rel") or []
        if "next" in [r.lower() for r in rel] and (url := _absolute(base_url, tag["href"])):
            return url
    for url, text, _ in page_links(html, base_url):
        if re.fullmatch(r"(next( page)?|next\s*[›»>]+|[›»>]+)", text.strip(), re.I):
            return url
    return None

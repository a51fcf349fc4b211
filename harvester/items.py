"""What a source kind yields: documents, and the per-item failures that must not stop the source."""
from dataclasses import dataclass

from kb.documents import Document
from .article import parse_article
from .fetch import FetchError


@dataclass
class ItemError:
    url: str
    reason: str
    permanent: bool = False  # refused for good (robots.txt, 404, 410): remembered, not a failure of the source


def item_error(url, error):
    """The ItemError for a failed fetch (or PDF), permanent when asking again cannot help."""
    return ItemError(url, str(error), permanent=getattr(error, "permanent", False))


@dataclass
class NotModified:
    """A conditional GET answered 304: the stored document is current."""
    url: str
    fetched_url: str | None = None  # where the 304 came from, if not `url`


class SourceError(Exception):
    """The source as a whole could not be read (its feed, listing or index page)."""


def with_next(values):
    """Each value with the one after it (None after the last): the page a source will ask for next, which
    the fetcher can fetch ahead."""
    return zip(values, [*values[1:], None])


def fetch_article(fetcher, source, url, next_url=None, **known):
    """Fetch and parse one article page into a Document; `known` (title, published, author from a feed)
    fills what the page does not say. `next_url`, the page the source asks for next, is fetched ahead
    while this one is parsed and stored."""
    response = fetcher.get(url)
    fetcher.prefetch(next_url)
    if response.not_modified:
        return NotModified(url)
    if "html" not in response.content_type and response.content_type not in ("", "text/plain"):
        raise FetchError(f"expected an HTML page at {url}, got {response.content_type}")
    article = parse_article(response.text())
    if not article.text.strip():
        raise FetchError(f"no article text found at {url}")
    return Document(
        url=url, text=article.text,
        title=article.title or known.get("title"),
        published=article.published or known.get("published"),
        updated=article.updated or known.get("updated"),
        author=article.author or known.get("author"),
        source=source.name, publisher=source.publisher, kind=source.options.get("document_kind", "article"),
    )

"""`html` sources: a listing page (and its next pages) linking to article pages."""
from .fetch import FetchError
from .items import ItemError, SourceError, fetch_article, item_error, with_next
from .links import article_links, next_page


def items(source, fetcher, settings):
    url, pages, seen = source.url, 0, set()
    max_pages = int(source.options.get("max_pages", settings.max_pages))
    while url and pages < max_pages and len(seen) < settings.max_items:
        try:
            response = fetcher.get(url)
        except FetchError as e:
            if pages == 0:
                raise SourceError(str(e)) from e
            yield ItemError(url, f"listing page: {e}")  # later pages failing keeps what we have
            return
        if response.not_modified:
            return  # the listing is as it was: nothing new
        html = response.text()
        pages += 1
        links = []
        for link in article_links(html, response.url, source.link_pattern):
            if link not in seen and len(seen) < settings.max_items:
                seen.add(link)
                links.append(link)
        for link, next_link in with_next(links):
            try:
                yield fetch_article(fetcher, source, link, next_link)
            except FetchError as e:
                yield item_error(link, e)
        url = next_page(html, response.url)

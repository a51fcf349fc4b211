"""`pdfs` sources: an index page (e.g. CQC board meetings) whose PDF links become documents."""
import re

from kb.documents import Document, iso_date
from .article import DAY_MONTH_YEAR
from .fetch import FetchError
from .items import ItemError, NotModified, SourceError, item_error, with_next
from .links import page_links
from .pdftext import DEFAULT_MEMORY, DEFAULT_TIMEOUT, PdfError, extract_pages

HEADINGS = ["h1", "h2", "h3", "h4"]


def pdf_links(html, base_url, pattern=None):
    """(url, title, meeting heading) for each PDF link, each URL once, in page order."""
    regex = re.compile(pattern) if pattern else re.compile(r"\.pdf($|\?)", re.I)
    seen, found = set(), []
    for url, text, a in page_links(html, base_url):
        if url in seen or not regex.search(url):
            continue
        seen.add(url)
        heading = a.find_previous(HEADINGS)
        found.append((url, text, " ".join(heading.get_text(" ").split()) if heading else ""))
    return found


def meeting_date(heading, url, first_page):
    """The meeting's date: from its heading, else the paper's first page, else the /YYYY-MM/ upload folder."""
    for text in (heading, first_page[:500]):
        if m := re.search(DAY_MONTH_YEAR, text or ""):
            return iso_date(m.group(0))
    if m := re.search(r"/(\d{4})-(\d{2})/", url):
        return f"{m.group(1)}-{m.group(2)}"
    return None


def items(source, fetcher, settings):
    try:
        index = fetcher.get(source.url, conditional=False)  # new papers appear on an unchanged-looking page
    except FetchError as e:
        raise SourceError(str(e)) from e
    limits = {"max_pages": int(source.options.get("max_pdf_pages", 300)),  # the extraction child's budget
              "timeout": float(source.options.get("pdf_timeout", DEFAULT_TIMEOUT)),
              "memory": int(source.options.get("pdf_memory_mb", DEFAULT_MEMORY >> 20)) << 20,
              "max_chars": settings.max_bytes}  # no more text than the largest body we would download
    papers = pdf_links(index.text(), index.url, source.link_pattern)[: settings.max_items]
    for (url, link_text, heading), next_paper in with_next(papers):
        try:
            response = fetcher.get(url)
            fetcher.prefetch(next_paper[0] if next_paper else None)  # downloads while this one is extracted
            if response.not_modified:
                yield NotModified(url)
                continue
            if not response.content.startswith(b"%PDF"):
                raise PdfError(f"not a PDF (starts {response.content[:8]!r})")
            pages = extract_pages(response.content, **limits)
        except (FetchError, PdfError) as e:
            yield item_error(url, e)
            continue
        text = "\n\n".join(page.strip() for page in pages if page.strip())
        if not text:
            yield ItemError(url, "PDF has no extractable text (scanned?)")
            continue
        title = link_text or url.rsplit("/", 1)[-1]
        if heading:
            title = f"{heading}: {title}"
        yield Document(url=url, text=text, title=title, published=meeting_date(heading, url, text),
                       source=source.name, publisher=source.publisher, kind="board_paper")

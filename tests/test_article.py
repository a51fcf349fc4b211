import dataclasses
import json

import pytest

from harvester import general
from harvester.article import _parse, known_layout, parse_article, parse_with_site_rules
from kb.paths import PROJECT_ROOT

TRADE_PAGE = """<html><head><title>Site</title>
<meta property="og:title" content="Regulator names new chief inspector">
<link rel="canonical" href="https://trade.example/news/new-chief-inspector/">
</head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<div class="site-banner">This site is intended for health professionals only</div>
<h1>Regulator names new chief inspector</h1>
<p class="byline">By Ada Example</p>
<p class="date">4 February 2025</p>
<div class="share-links">Share this article <a href="#">X</a></div>
<div class="entry-content">
  <p>The regulator has named a new chief inspector of hospitals.</p>
  <ul><li>She starts in <b>March</b>.</li><li>Her predecessor retires.</li></ul>
  <div class="social-share">Share</div>
  <p>Want news like this straight to your inbox?</p>
  <p>Related articles</p>
  <p>Another story</p>
</div>
<footer>Copyright and cookies</footer>
</body></html>"""

CQC_PAGE = """<html><body><header>CQC</header><main>
<h1>Independent review published</h1>
<p>Published: 26 March 2025 Page last updated: 27 March 2025</p>
<h2>Categories</h2><ul class="categories"><li>News</li></ul>
<div class="body"><p>An independent review of our technology was published today.</p>
<p>It makes 23 recommendations, which we accept in full, and we will report on progress.</p></div>
</main><footer>Contact us</footer></body></html>"""


def test_trade_press_page_gives_metadata_and_clean_body():
    article = parse_article(TRADE_PAGE)
    assert article.title == "Regulator names new chief inspector"
    assert article.author == "Ada Example"
    assert article.published == "2025-02-04"
    assert article.canonical == "https://trade.example/news/new-chief-inspector/"
    assert article.text.split("\n\n") == [
        "The regulator has named a new chief inspector of hospitals.",
        "She starts in March.",
        "Her predecessor retires.",
    ]
    for furniture in ("intended for health professionals", "Share", "Related articles", "Another story",
                      "Copyright", "Home"):
        assert furniture not in article.text


def test_cqc_layout_published_line_and_body():
    article = parse_article(CQC_PAGE)
    assert (article.published, article.updated) == ("2025-03-26", "2025-03-27")
    assert article.text.startswith("An independent review of our technology")
    assert "Categories" not in article.text and "Contact us" not in article.text


def test_meta_tags_win_over_visible_lines():
    html = ('<html><head><meta property="article:published_time" content="2024-11-07T08:00:00+00:00">'
            '<meta name="author" content="Julie Example"></head><body><article><h1>T</h1>'
            '<p>by Someone Else</p><p>' + "Body text. " * 30 + "</p></article></body></html>")
    article = parse_article(html)
    assert (article.published, article.author) == ("2024-11-07", "Julie Example")


def test_text_below_and_after_libxml2s_depth_limit_is_kept():
    # libxml2 stops building the tree at 256 levels; unclosed tags in generated email HTML reach that.
    html = ("<html><body><h1>Bulletin</h1>" + "<div><font>" * 400 + "<p>Deep paragraph.</p>" + "</font></div>" * 400
            + "<p>Closing paragraph.</p></body></html>")
    assert parse_article(html).text.split("\n\n") == ["Deep paragraph.", "Closing paragraph."]


def test_comments_scripts_and_styles_are_not_text_but_what_follows_them_is():
    html = ("<html><body><article><h1>T</h1><p>Before <!-- hidden --> after.</p>"
            "<p>Code<script>var x = 1;</script> and style<style>p {}</style> gone.</p>"
            "<p>Kept<br>on two lines</p></article></body></html>")
    assert parse_article(html).text.split("\n\n") == ["Before after.", "Code and style gone.", "Kept",
                                                      "on two lines"]


# -- which extractor reads a page (#15) ---------------------------------------------------------------

SAMPLE_SITE = PROJECT_ROOT / "sample" / "site"
# What every article page of the bundled sample gave before trafilatura came in (#15).
SAMPLE_ARTICLES = json.loads((PROJECT_ROOT / "tests" / "data" / "sample_articles.json").read_text(encoding="utf-8"))

STORY = ("The council's adult social care team has been told to improve after inspectors visited in May. "
         "Inspectors found that people waited too long for an assessment of their needs. ") * 4


def test_every_sample_article_page_extracts_exactly_what_it_did_before():
    assert len(SAMPLE_ARTICLES) == 25
    for path, before in SAMPLE_ARTICLES.items():
        html = (SAMPLE_SITE / path).read_text(encoding="utf-8")
        assert known_layout(_parse(html)), path
        assert dataclasses.asdict(parse_article(html)) == before, path


def test_known_layouts_are_recognised_and_unknown_ones_are_not():
    assert known_layout(_parse(TRADE_PAGE)) == "Cogora trade press"
    assert known_layout(_parse(CQC_PAGE)) == "CQC"
    assert known_layout(_parse("<html><body><div class='gem-c-govspeak'><p>x</p></div></body></html>")) == "GOV.UK"
    for unknown in (f"<html><body><main><article><p>{STORY}</p></article></main></body></html>",
                    f"<html><body><div class='entry-content'><p>{STORY}</p></div></body></html>",
                    f"<html><body><div class='body'><p>{STORY}</p></div></body></html>"):
        assert known_layout(_parse(unknown)) is None


def test_an_article_in_a_container_named_like_furniture_is_kept():
    # "sidebar" inside a longer class name threw the whole article away when our rules read every page.
    html = (f"<html><body><nav><a href='/'>Home</a></nav><div class='content-with-sidebar-wrp'><h1>Told to improve"
            f"</h1><p>{STORY}</p><p>A follow-up visit is planned for the autumn.</p></div>"
            f"<footer>Copyright 2025</footer></body></html>")
    assert "A follow-up visit" not in parse_with_site_rules(html).text
    text = parse_article(html).text
    assert STORY.strip() in text and "A follow-up visit is planned for the autumn." in text
    assert "Copyright" not in text and "Home" not in text


def test_a_page_wrapped_in_a_form_keeps_its_article():
    # ASP.NET sites wrap the whole page in one <form>, which our rules drop as furniture.
    html = (f"<html><body><form id='aspnetForm' method='post'><div class='page'><h1>Told to improve</h1>"
            f"<p>{STORY}</p></div></form></body></html>")
    assert parse_with_site_rules(html).text == ""
    assert STORY.strip() in parse_article(html).text


def test_read_more_before_the_article_does_not_end_it():
    html = (f"<html><body><div class='page'><div class='teaser'><p>Read more</p></div><h1>Told to improve</h1>"
            f"<p>{STORY}</p><p>The council said it accepted the findings.</p></div></body></html>")
    assert "accepted the findings" in parse_article(html).text


def test_unknown_layout_paragraphs_come_out_as_our_paragraphs_without_the_title():
    html = (f"<html><head><title>Told to improve | Example News</title></head><body><article>"
            f"<h1>Told to improve</h1><p>{STORY}</p><p>The council said it accepted the findings.</p>"
            f"</article></body></html>")
    article = parse_article(html)
    assert article.title == "Told to improve"
    assert article.text.split("\n\n") == [STORY.strip(), "The council said it accepted the findings."]


def test_metadata_first_then_visible_lines_then_htmldate():
    json_ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Told to improve", '
               '"datePublished": "2025-05-02T10:00:00Z", "author": [{"@type": "Person", "name": "Rosa Example"}]}'
               '</script>')
    html = f"<html><head>{json_ld}</head><body><div><p>{STORY}</p></div></body></html>"
    article = parse_article(html)
    assert (article.title, article.published, article.author) == ("Told to improve", "2025-05-02", "Rosa Example")
    lines = f"<html><body><div><h1>T</h1><p>By Rosa Example</p><p>Published: 3 June 2025</p><p>{STORY}</p></div></body></html>"
    article = parse_article(lines)
    assert (article.published, article.author) == ("2025-06-03", "Rosa Example")
    assert "Published" not in article.text and "By Rosa" not in article.text
    # Markup our own metadata reading does not know, which htmldate does.
    itemprop = (f'<html><head><meta itemprop="datePublished" content="2024-09-17"></head>'
                f'<body><div><p>{STORY}</p></div></body></html>')
    assert parse_article(itemprop).published == "2024-09-17"


def test_an_unclosed_title_is_not_the_title():
    html = f"<html><head><title>Told to improve</head><body><div><p>{STORY}</p></div></body></html>"
    # libxml2 reads everything after an unclosed <title> as its text.
    assert parse_article(html).title is None


def test_a_page_that_is_only_an_address_is_never_fetched(monkeypatch):
    # htmldate downloads a str that looks like a URL; the page goes to it as bytes, so a hostile page
    # cannot make the harvester request an address its checks never saw.
    import htmldate.utils

    def no_network(url):
        raise AssertionError(f"htmldate tried to fetch {url}")
    monkeypatch.setattr(htmldate.utils, "fetch_url", no_network)
    article = parse_article("http://127.0.0.1:9/internal")
    assert article.published is None
    with pytest.raises(TypeError):
        general.publication_date("http://127.0.0.1:9/internal")

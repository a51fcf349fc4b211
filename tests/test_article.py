from harvester.article import parse_article

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

#!/usr/bin/env python3
"""Render the offline demo sample from sample/tools/content.py (standard library only).

Writes, under sample/:
  site/**            HTML pages, RSS/Atom feeds and listing pages (the PDFs come from make_board_pdfs.py)
  expected.json      the answer key, machine-readable
  gold.jsonl         the same key in the format of ../shared/eval/score.py (scored event types only)
  README.md          the document table between the answer-key markers

Usage: python3 sample/tools/build_sample.py
The output is deterministic; run sample/tools/check_sample.py afterwards.
"""
import html
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent
SITE = SAMPLE / "site"
BASE = "{{BASE}}"
DOCS = content.DOCS
BY_ID = {d["id"]: d for d in DOCS}
NOTE = "<!-- Offline demo sample written for this project from public facts; not a real publication. -->"


# ---------------------------------------------------------------- helpers
def esc(s):
    """Escape element text."""
    return html.escape(s, quote=False)


def attr(s):
    """Escape an attribute value."""
    return html.escape(s, quote=True)


def d_of(doc):
    return date.fromisoformat(doc["published"])


def long_date(d):
    return f"{d.day} {d.strftime('%B %Y')}"


def rfc822(doc):
    dt = datetime.fromisoformat(f"{doc['published']}T{doc.get('time', '09:00')}:00")
    return dt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def iso_utc(doc):
    return f"{doc['published']}T{doc.get('time', '09:00')}:00+00:00"


def typographic(s):
    """Curly apostrophes inside and at the end of words, as WordPress renders them."""
    return re.sub(r"(?<=\w)'(?=\w|\s|$|[.,;:])", "’", s)


def blocks_html(blocks, pretty=False, indent="      "):
    out = []
    fix = typographic if pretty else (lambda x: x)
    for b in blocks:
        if isinstance(b, str):
            out.append(f"{indent}<p>{esc(fix(b))}</p>")
        elif b[0] in ("h2", "h3"):
            out.append(f"{indent}<{b[0]}>{esc(fix(b[1]))}</{b[0]}>")
        elif b[0] == "ul":
            items = "".join(f"\n{indent}  <li>{esc(fix(i))}</li>" for i in b[1])
            out.append(f"{indent}<ul>{items}\n{indent}</ul>")
        elif b[0] == "link":
            out.append(f'{indent}<p><a href="{attr(b[2])}">{esc(b[1])}</a></p>')
        elif b[0] == "pagebreak":
            continue
        else:
            raise ValueError(f"unknown block {b!r}")
    return "\n".join(out)


def blocks_text(blocks):
    parts = []
    for b in blocks:
        if isinstance(b, str):
            parts.append(b)
        elif b[0] in ("h2", "h3"):
            parts.append(b[1])
        elif b[0] == "ul":
            parts.extend(b[1])
        elif b[0] == "link":
            parts.append(b[1])
    return "\n".join(parts)


def doc_body_blocks(doc):
    if doc["shape"] == "govdelivery":
        blocks = list(doc["intro"])
        for heading, paras in doc["sections"]:
            blocks.append(("h2", heading))
            blocks.extend(paras)
        blocks.extend(doc["signoff"] or [])
        return blocks
    return doc["body"]


def doc_text(doc):
    """The document's main text as a reader sees it (what the answer key describes)."""
    head = [doc["title"]]
    if doc.get("author"):
        head.append(doc["author"])
    if doc["shape"] == "govdelivery":
        head += ["The independent regulator of health and social care in England", doc["bulletin_name"], doc["dateline"]]
    if doc["shape"] == "govuk":
        head.append(doc["summary"])  # shown as the lead paragraph
    if doc["shape"] == "board-pdf":
        head = [doc["meeting"], doc["agenda_item"], doc["title"], doc["author"]]
    return "\n".join(head) + "\n" + blocks_text(doc_body_blocks(doc))


def write(rel, text):
    path = SITE / rel.lstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return path


def docs_of(shape):
    return sorted((d for d in DOCS if d["shape"] == shape), key=lambda d: (d["published"], d.get("time", "")), reverse=True)


# ---------------------------------------------------------------- trade press (WordPress)
def share_links(doc, cls):
    url = BASE + doc["path"]
    t = esc(doc["title"])
    return (f'<div class="{cls}">\n        <span>Share this article</span>\n        <ul>\n'
            f'          <li><a href="https://x.com/intent/post?url={url}&amp;text={t}">X</a></li>\n'
            f'          <li><a href="https://www.linkedin.com/sharing/share-offsite/?url={url}">LinkedIn</a></li>\n'
            f'          <li><a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a></li>\n'
            f'          <li><a href="mailto:?subject={t}&amp;body={url}">Email</a></li>\n'
            f'        </ul>\n      </div>')


def related_html(doc, tag):
    items = "\n".join(f'          <li><a href="{attr(BY_ID[r]["path"])}">{esc(typographic(BY_ID[r]["title"]))}</a></li>'
                      for r in doc["related"])
    return f'<{tag} class="related-articles">\n        <h3>Related articles</h3>\n        <ul>\n{items}\n        </ul>\n      </{tag}>'


def render_hl(doc):
    d = d_of(doc)
    title = esc(typographic(doc["title"]))
    cats = "".join(f'<a href="/healthcare-leader/" rel="category tag">{esc(c)}</a> ' for c in doc["categories"])
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} - Healthcare Leader</title>
  <meta name="description" content="{attr(doc['summary'])}">
  <link rel="canonical" href="{BASE}{doc['path']}">
  <meta property="og:locale" content="en_GB">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title}">
  <meta property="og:description" content="{attr(doc['summary'])}">
  <meta property="og:url" content="{BASE}{doc['path']}">
  <meta property="og:site_name" content="Healthcare Leader">
  <meta property="article:published_time" content="{iso_utc(doc)}">
  <meta name="author" content="{attr(doc['author'])}">
  <link rel="alternate" type="application/rss+xml" title="Healthcare Leader &raquo; Feed" href="{BASE}/healthcare-leader/feed/">
</head>
<body class="post-template-default single single-post">
  <div class="hcp-notice">This site is intended for health professionals only</div>
  <header class="site-header">
    <a class="site-logo" href="/healthcare-leader/">Healthcare Leader</a>
    <nav class="main-navigation" aria-label="Main menu">
      <ul>
        <li><a href="/healthcare-leader/">Home</a></li>
        <li><a href="/healthcare-leader/">News</a></li>
        <li><a href="#analysis">Analysis</a></li>
        <li><a href="#commissioning">Commissioning</a></li>
        <li><a href="#workforce">Workforce</a></li>
        <li><a href="#events">Events</a></li>
        <li><a href="#newsletter">Newsletter</a></li>
        <li><a href="/healthcare-leader/feed/">RSS</a></li>
      </ul>
    </nav>
  </header>
  <main id="primary" class="site-main">
    <article class="post type-post status-publish format-standard">
      <header class="entry-header">
        <div class="entry-categories">{cats.strip()}</div>
        <h1 class="entry-title">{title}</h1>
        <h2 class="entry-title entry-title--banner">{title}</h2>
        <p class="byline">By {esc(doc['author'])}</p>
        <p class="date">{long_date(d)}</p>
      </header>
      {share_links(doc, "share-buttons")}
      <div class="entry-content">
{blocks_html(doc['body'], pretty=True, indent='        ')}
      </div>
      <aside class="newsletter-signup" id="newsletter">
        <h3>Want news like this straight to your inbox?</h3>
        <p>Sign up for our free weekly newsletter for leaders across primary care and integrated care systems.</p>
        <a class="button" href="#newsletter">Sign up</a>
      </aside>
      {related_html(doc, 'section')}
    </article>
  </main>
  <footer class="site-footer">
    <p>We use cookies on this site to improve your experience. You can change your cookie settings at any time.</p>
    <ul class="footer-links">
      <li><a href="#about">About us</a></li>
      <li><a href="#privacy">Privacy policy</a></li>
      <li><a href="#cookies">Cookie policy</a></li>
      <li><a href="#contact">Contact</a></li>
    </ul>
    <p class="copyright">&copy; {d.year} Healthcare Leader. All rights reserved.</p>
  </footer>
</body>
</html>
"""


def render_mip(doc):
    d = d_of(doc)
    title = esc(typographic(doc["title"]))
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": doc["title"],
        "datePublished": iso_utc(doc), "dateModified": iso_utc(doc),
        "author": {"@type": "Person", "name": doc["author"]},
        "publisher": {"@type": "Organization", "name": "Management in Practice"},
        "mainEntityOfPage": BASE + doc["path"],
    }, ensure_ascii=False)
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{title} | Management in Practice</title>
  <meta name="description" content="{attr(doc['summary'])}">
  <link rel="canonical" href="{BASE}{doc['path']}">
  <meta property="og:title" content="{title}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{BASE}{doc['path']}">
  <meta property="og:site_name" content="Management in Practice">
  <script type="application/ld+json">{ld}</script>
</head>
<body class="single news-template">
  <div class="audience-banner">This site is intended for health professionals only</div>
  <header class="masthead">
    <div class="brand"><a href="/management-in-practice/">Management in Practice</a></div>
    <nav class="primary-nav">
      <a href="/management-in-practice/">News</a>
      <a href="#clinical">Clinical</a>
      <a href="#finance">Finance</a>
      <a href="#hr">HR and employment</a>
      <a href="#leadership">Leadership</a>
      <a href="#regulation">Regulation</a>
      <a href="#subscribe">Subscribe</a>
    </nav>
  </header>
  <div class="container">
    <nav class="breadcrumbs"><a href="/management-in-practice/">Home</a> / <a href="/management-in-practice/">News</a> / <span class="current">{title}</span></nav>
    <article class="news-article">
      <h1 class="article-title">{title}</h1>
      <div class="article-meta">
        <span class="author">by {esc(doc['author'])}</span>
        <time datetime="{doc['published']}">{long_date(d)}</time>
      </div>
      {share_links(doc, "social-share")}
      <div class="article-body">
{blocks_html(doc['body'], pretty=True, indent='        ')}
      </div>
      <div class="newsletter-box">
        <p class="newsletter-title">Want news like this straight to your inbox?</p>
        <p>Get the Management in Practice newsletter, written for practice managers and primary care leaders.</p>
        <a href="#subscribe">Subscribe</a>
      </div>
      {related_html(doc, 'aside')}
    </article>
  </div>
  <footer class="site-footer">
    <p>This website uses cookies. By continuing to browse you agree to our use of cookies.</p>
    <p><a href="#terms">Terms and conditions</a> | <a href="#privacy">Privacy</a> | <a href="#cookies">Cookies</a></p>
    <p>&copy; Management in Practice {d.year}</p>
  </footer>
</body>
</html>
"""


def render_rss(shape, title, home, description, generator_note):
    items = []
    for i, doc in enumerate(docs_of(shape)):
        link = BASE + doc["path"]
        cats = "".join(f"\n      <category><![CDATA[{c}]]></category>" for c in doc["categories"])
        guid_id = 40000 + sum(ord(c) for c in doc["id"]) * 7
        items.append(f"""    <item>
      <title>{esc(doc['title'])}</title>
      <link>{link}</link>
      <dc:creator><![CDATA[{doc['author']}]]></dc:creator>
      <pubDate>{rfc822(doc)}</pubDate>{cats}
      <guid isPermaLink="false">{BASE}{home}?p={guid_id}</guid>
      <description><![CDATA[{doc['summary']}]]></description>
    </item>""")
    newest = docs_of(shape)[0]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Offline demo sample written for this project; not a real feed. -->
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
  <channel>
    <title>{esc(title)}</title>
    <atom:link href="{BASE}{home}feed/" rel="self" type="application/rss+xml"/>
    <link>{BASE}{home}</link>
    <description>{esc(description)}</description>
    <lastBuildDate>{rfc822(newest)}</lastBuildDate>
    <language>en-GB</language>
    <sy:updatePeriod>hourly</sy:updatePeriod>
    <sy:updateFrequency>1</sy:updateFrequency>
    <generator>{generator_note}</generator>
{chr(10).join(items)}
  </channel>
</rss>
"""


def render_press_home(shape, name, home):
    items = "\n".join(
        f'      <li><a href="{attr(d["path"])}">{esc(typographic(d["title"]))}</a> <span class="date">{long_date(d_of(d))}</span></li>'
        for d in docs_of(shape))
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{esc(name)}</title>
  <link rel="alternate" type="application/rss+xml" title="{attr(name)} feed" href="{BASE}{home}feed/">
</head>
<body>
  <div class="hcp-notice">This site is intended for health professionals only</div>
  <header><a href="{home}">{esc(name)}</a> <a href="{home}feed/">RSS</a></header>
  <main>
    <h1>Latest news</h1>
    <ul class="post-list">
{items}
    </ul>
  </main>
</body>
</html>
"""


# ---------------------------------------------------------------- CQC website (Drupal)
CQC_NAV = """  <header class="site-header" role="banner">
    <a href="/cqc/" class="site-logo">Care Quality Commission</a>
    <nav class="main-menu" aria-label="Main">
      <ul>
        <li><a href="#find-a-service">Find and compare services</a></li>
        <li><a href="#guidance-providers">Guidance for providers</a></li>
        <li><a href="/cqc/search/news">News</a></li>
        <li><a href="#publications">Publications</a></li>
        <li><a href="/cqc/about-us/how-we-are-run/board-meetings">About us</a></li>
        <li><a href="#give-feedback">Give feedback on care</a></li>
      </ul>
    </nav>
  </header>"""

CQC_COOKIES = """  <div class="cookie-banner" id="cookie-banner" role="region" aria-label="Cookies on this website">
    <p>We use necessary cookies to make this site work. We would also like to use analytics cookies to help us improve it.</p>
    <button type="button">Accept analytics cookies</button>
    <button type="button">Reject analytics cookies</button>
    <a href="#cookies">Cookie settings</a>
  </div>"""

CQC_FOOTER = """  <footer class="site-footer" role="contentinfo">
    <ul class="footer-menu">
      <li><a href="#contact-us">Contact us</a></li>
      <li><a href="#accessibility">Accessibility</a></li>
      <li><a href="#cookies">Cookies</a></li>
      <li><a href="#privacy">Privacy</a></li>
      <li><a href="#foi">Freedom of information</a></li>
    </ul>
    <p>Care Quality Commission, 2 Redman Place, London E20 1JQ.</p>
    <p>&copy; Care Quality Commission</p>
  </footer>"""


def cqc_page(title, main, head_extra="", body_class="path-node"):
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>{esc(title)} | Care Quality Commission</title>
{head_extra}</head>
<body class="{body_class}">
{CQC_COOKIES}
  <a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
{CQC_NAV}
{main}
{CQC_FOOTER}
</body>
</html>
"""


def render_cqc(doc):
    d = d_of(doc)
    upd = date.fromisoformat(doc["updated"])
    head = (f'  <meta name="description" content="{attr(doc["summary"])}">\n'
            f'  <link rel="canonical" href="{BASE}{doc["path"]}">\n'
            f'  <meta property="og:site_name" content="Care Quality Commission">\n'
            f'  <meta property="og:type" content="article">\n'
            f'  <meta property="og:title" content="{attr(doc["title"])}">\n'
            f'  <meta property="og:url" content="{BASE}{doc["path"]}">\n')
    if doc["meta_time"]:
        head += f'  <meta property="article:published_time" content="{iso_utc(doc)}">\n'
    section = "Press releases" if doc["kind"] == "press-release" else "News"
    cats = "\n".join(f"          <li>{esc(c)}</li>" for c in doc["categories"])
    main = f"""  <nav class="breadcrumb" aria-label="Breadcrumb">
    <ol>
      <li><a href="/cqc/">Home</a></li>
      <li><a href="/cqc/search/news">{section}</a></li>
    </ol>
  </nav>
  <main id="main-content" role="main">
    <article class="node node--type-{doc['kind']} node--view-mode-full">
      <h1 class="page-title"><span>{esc(doc['title'])}</span></h1>
      <p class="published">Published: {long_date(d)} Page last updated: {long_date(upd)}</p>
      <div class="field--name-field-categories">
        <h2>Categories</h2>
        <ul>
{cats}
        </ul>
      </div>
      <div class="body">
{blocks_html(doc['body'], indent='        ')}
      </div>
    </article>
  </main>"""
    return cqc_page(doc["title"], main, head, f"path-node page-node-type-{doc['kind']}")


def render_cqc_listing(page_docs, page, pages, total, start):
    arts = []
    for doc in page_docs:
        arts.append(f"""      <article class="search-result">
        <span class="search-result__type">{'Press release' if doc['kind'] == 'press-release' else 'News'}</span>
        <h3><a href="{attr(doc['path'])}">{esc(doc['title'])}</a></h3>
        <p class="search-result__date">{long_date(d_of(doc))}</p>
        <p class="search-result__teaser">{esc(doc['summary'])}</p>
      </article>""")
    pager = []
    if page > 0:
        prev = "/cqc/search/news" if page == 1 else f"/cqc/search/news?page={page - 1}"
        pager.append(f'<a rel="prev" href="{prev}">Previous</a>')
    if page < pages - 1:
        pager.append(f'<a rel="next" href="/cqc/search/news?page={page + 1}">Next</a>')
    main = f"""  <nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/cqc/">Home</a></li></ol></nav>
  <main id="main-content" role="main">
    <h1>News</h1>
    <p class="search-summary">Showing {start + 1} to {start + len(page_docs)} of {total} results</p>
    <div class="search-results">
{chr(10).join(arts)}
    </div>
    <nav class="pager" aria-label="Pagination">
      {' '.join(pager)}
    </nav>
  </main>"""
    return cqc_page("News", main, "", "path-search")


def render_board_meetings():
    parts = []
    for heading, ids in content.BOARD_MEETINGS:
        links = "\n".join(f'        <li><a href="{attr(BY_ID[i]["path"])}">{esc(BY_ID[i].get("link_text", BY_ID[i]["title"]))}</a> (PDF)</li>'
                          for i in ids)
        parts.append(f"""      <h2>{esc(heading)}</h2>
      <p>Papers for this meeting:</p>
      <ul class="board-papers">
{links}
      </ul>""")
    main = f"""  <nav class="breadcrumb" aria-label="Breadcrumb">
    <ol><li><a href="/cqc/">Home</a></li><li>About us</li><li>How we are run</li></ol>
  </nav>
  <main id="main-content" role="main">
    <h1 class="page-title">Board meetings</h1>
    <p>Our Board meets in public several times a year. We publish the agenda and papers on this page a few days before each meeting, and you can watch the meetings online.</p>
    <p>Papers for meetings held more than two years ago are kept in the UK Government Web Archive.</p>
{chr(10).join(parts)}
  </main>"""
    return cqc_page("Board meetings", main, f'  <link rel="canonical" href="{BASE}/cqc/about-us/how-we-are-run/board-meetings">\n')


def render_cqc_home():
    main = """  <main id="main-content" role="main">
    <h1>Care Quality Commission</h1>
    <p>The independent regulator of health and social care in England.</p>
    <ul>
      <li><a href="/cqc/search/news">News and press releases</a></li>
      <li><a href="/cqc/about-us/how-we-are-run/board-meetings">Board meetings</a></li>
      <li><a href="/govdelivery/accounts/UKCQC/bulletins">Email bulletins</a></li>
    </ul>
  </main>"""
    return cqc_page("Home", main)


# ---------------------------------------------------------------- GovDelivery bulletins
def render_govdelivery(doc):
    d = d_of(doc)
    sent = datetime.fromisoformat(f"{doc['published']}T{doc['time']}:00")
    tz = "GMT" if d.month in (11, 12, 1, 2) or (d.month == 3 and d.day < 30) else "BST"
    sent_s = sent.strftime("%m/%d/%Y %I:%M %p") + f" {tz}"
    intro = blocks_html(doc["intro"], indent="                  ")
    secs = []
    for heading, paras in doc["sections"]:
        secs.append(f"""              <tr>
                <td class="section" style="padding:12px 24px;border-top:1px solid #dddddd;">
                  <h2 style="color:#2a1a4a;font-size:20px;">{esc(heading)}</h2>
{blocks_html(paras, indent='                  ')}
                </td>
              </tr>""")
    signoff = ""
    if doc["signoff"]:
        lines = "\n".join(f"                  <p>{esc(s)}</p>" for s in doc["signoff"])
        signoff = f"""              <tr>
                <td class="signoff" style="padding:12px 24px;">
{lines}
                </td>
              </tr>"""
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(doc['title'])}</title>
  <meta name="og:title" content="{attr(doc['title'])}">
  <meta name="og:description" content="{attr(doc['summary'])}">
  <meta name="og:url" content="{BASE}{doc['path']}">
</head>
<body>
  <div id="bulletin_header" class="govdelivery-header">
    <p>You are subscribed to updates from the Care Quality Commission. <a href="#subscribe">Subscribe to updates</a></p>
    <p class="bulletin-sent">Care Quality Commission sent this bulletin at {sent_s}</p>
  </div>
  <div class="bulletin_body" id="bulletin_body">
    <table class="wrapper" width="100%" cellpadding="0" cellspacing="0" border="0" role="presentation">
      <tr>
        <td align="center" style="background:#f2f2f2;">
          <table class="main" width="600" cellpadding="0" cellspacing="0" border="0" role="presentation" style="background:#ffffff;">
            <tr>
              <td class="preheader" style="font-size:11px;padding:6px 24px;">Having trouble viewing this email? <a href="{doc['path']}">View it as a web page</a>.</td>
            </tr>
            <tr>
              <td class="header" style="background:#2a1a4a;padding:16px 24px;">
                <table width="100%" cellpadding="0" cellspacing="0" border="0" role="presentation">
                  <tr>
                    <td style="color:#ffffff;font-size:22px;font-weight:bold;">Care Quality Commission</td>
                  </tr>
                  <tr>
                    <td style="color:#ffffff;font-size:13px;">The independent regulator of health and social care in England</td>
                  </tr>
                </table>
              </td>
            </tr>
            <tr>
              <td class="title" style="padding:16px 24px 0 24px;">
                <table width="100%" cellpadding="0" cellspacing="0" border="0" role="presentation">
                  <tr>
                    <td><h1 style="font-size:26px;margin:0;">{esc(doc['bulletin_name'])}</h1></td>
                  </tr>
                  <tr>
                    <td><p class="dateline" style="color:#555555;">{esc(doc['dateline'])}</p></td>
                  </tr>
                </table>
              </td>
            </tr>
            <tr>
              <td class="intro" style="padding:0 24px 12px 24px;">
{intro}
              </td>
            </tr>
{chr(10).join(secs)}
{signoff}
            <tr>
              <td class="footer" style="padding:16px 24px;font-size:12px;background:#f2f2f2;">
                <p>Subscriber services: <a href="#manage-preferences">Manage preferences</a> | <a href="#unsubscribe">Unsubscribe</a> | <a href="#help">Help</a></p>
                <p>This email was sent using GovDelivery Communications Cloud on behalf of the Care Quality Commission, 2 Redman Place, London E20 1JQ.</p>
              </td>
            </tr>
          </table>
        </td>
      </tr>
    </table>
  </div>
</body>
</html>
"""


def render_govdelivery_list():
    items = []
    for doc in docs_of("govdelivery"):
        sent = datetime.fromisoformat(f"{doc['published']}T{doc['time']}:00").strftime("%m/%d/%Y %I:%M %p")
        items.append(f'      <li><a href="{doc["path"]}">{esc(doc["title"])}</a> <span class="date">{sent}</span></li>')
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Care Quality Commission bulletins</title>
</head>
<body>
  <div class="govdelivery-header"><p>Care Quality Commission</p></div>
  <main>
    <h1>Bulletins</h1>
    <ul class="bulletin-list">
{chr(10).join(items)}
    </ul>
  </main>
</body>
</html>
"""


# ---------------------------------------------------------------- GOV.UK
GOVUK_COOKIES = """  <div id="global-cookie-message" class="gem-c-cookie-banner govuk-clearfix" role="region" aria-label="Cookies on GOV.UK">
    <div class="govuk-cookie-banner__message govuk-width-container">
      <h2 class="govuk-cookie-banner__heading govuk-heading-m">Cookies on GOV.UK</h2>
      <p class="govuk-body">GOV.UK needs a few essential cookies to work. With your permission we would also use analytics cookies to learn how people use the site.</p>
      <button class="govuk-button" type="submit">Accept additional cookies</button>
      <button class="govuk-button" type="submit">Reject additional cookies</button>
      <a class="govuk-link" href="#cookies">View cookies</a>
    </div>
  </div>"""

GOVUK_HEADER = """  <a href="#content" class="govuk-skip-link">Skip to main content</a>
  <header role="banner" class="gem-c-layout-super-navigation-header">
    <div class="govuk-header__container govuk-width-container">
      <a href="/govuk/" class="govuk-header__link govuk-header__link--homepage">GOV.UK</a>
      <nav aria-label="Menu" class="gem-c-layout-super-navigation-header__content">
        <ul>
          <li><a href="#topics">Topics</a></li>
          <li><a href="#government-activity">Government activity</a></li>
          <li><a href="#search">Search GOV.UK</a></li>
        </ul>
      </nav>
    </div>
  </header>"""

GOVUK_FOOTER = """  <footer class="govuk-footer" role="contentinfo">
    <div class="govuk-width-container">
      <ul class="govuk-footer__inline-list">
        <li><a href="#help">Help</a></li>
        <li><a href="#privacy">Privacy</a></li>
        <li><a href="#cookies">Cookies</a></li>
        <li><a href="#accessibility">Accessibility statement</a></li>
        <li><a href="#contact">Contact</a></li>
      </ul>
      <p class="govuk-footer__licence-description">Sample page for an offline demo, laid out like GOV.UK.</p>
      <p class="govuk-footer__copyright">&copy; Crown copyright</p>
    </div>
  </footer>"""

DHSC_ORG = "/govuk/government/organisations/department-of-health-and-social-care"


def govuk_page(title, head_extra, main):
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} - GOV.UK</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
{head_extra}</head>
<body class="govuk-template__body">
{GOVUK_COOKIES}
{GOVUK_HEADER}
  <div class="govuk-width-container">
{main}
  </div>
{GOVUK_FOOTER}
</body>
</html>
"""


def render_govuk(doc):
    d = d_of(doc)
    head = f"""  <meta name="description" content="{attr(doc['summary'])}">
  <link rel="canonical" href="{BASE}{doc['path']}">
  <meta name="govuk:format" content="news_article">
  <meta name="govuk:schema-name" content="news_article">
  <meta name="govuk:primary-publishing-organisation" content="Department of Health and Social Care">
  <meta name="govuk:organisations" content="&lt;D12&gt;">
  <meta name="govuk:first-published-at" content="{doc['published_at']}">
  <meta name="govuk:public-updated-at" content="{doc['published_at']}">
  <meta property="og:site_name" content="GOV.UK">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{BASE}{doc['path']}">
  <meta property="og:title" content="{attr(doc['title'])}">
  <meta property="og:description" content="{attr(doc['summary'])}">
"""
    main = f"""    <div class="govuk-breadcrumbs">
      <ol class="govuk-breadcrumbs__list">
        <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/govuk/">Home</a></li>
        <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="{DHSC_ORG}">Health and social care</a></li>
      </ol>
    </div>
    <main id="content" role="main" class="govuk-main-wrapper" lang="en">
      <div class="gem-c-title">
        <span class="gem-c-title__context">{esc(doc['doc_type'])}</span>
        <h1 class="gem-c-title__text govuk-heading-l">{esc(doc['title'])}</h1>
      </div>
      <p class="gem-c-lead-paragraph">{esc(doc['summary'])}</p>
      <div class="gem-c-metadata" data-module="metadata">
        <dl class="gem-c-metadata__list">
          <dt class="gem-c-metadata__term">From:</dt>
          <dd class="gem-c-metadata__definition"><a href="{DHSC_ORG}" class="govuk-link">Department of Health and Social Care</a></dd>
          <dt class="gem-c-metadata__term">Published</dt>
          <dd class="gem-c-metadata__definition">{long_date(d)}</dd>
        </dl>
      </div>
      <div class="gem-c-govspeak govuk-govspeak govspeak" data-module="govspeak">
{blocks_html(doc['body'], indent='        ')}
      </div>
    </main>"""
    return govuk_page(doc["title"], head, main)


def render_govuk_atom():
    entries = []
    docs = docs_of("govuk")
    for doc in docs:
        url = BASE + doc["path"]
        ts = doc["published_at"]
        entries.append(f"""  <entry>
    <id>{url}#{ts}</id>
    <updated>{ts}</updated>
    <link rel="alternate" type="text/html" href="{url}"/>
    <title>{esc(doc['title'])}</title>
    <summary type="html">{esc(doc['summary'])}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Offline demo sample written for this project; not a real feed. -->
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>tag:www.gov.uk,2005:/government/organisations/department-of-health-and-social-care</id>
  <link rel="alternate" type="text/html" href="{BASE}{DHSC_ORG}"/>
  <link rel="self" type="application/atom+xml" href="{BASE}{DHSC_ORG}.atom"/>
  <title>Department of Health and Social Care - Activity on GOV.UK</title>
  <author>
    <name>HM Government</name>
  </author>
  <updated>{docs[0]['published_at']}</updated>
{chr(10).join(entries)}
</feed>
"""


def render_govuk_org():
    items = "\n".join(f"""        <li class="gem-c-document-list__item">
          <a class="govuk-link" href="{d['path']}">{esc(d['title'])}</a>
          <p class="gem-c-document-list__item-description">{esc(d['summary'])}</p>
          <p class="gem-c-document-list__attribute">{esc(d['doc_type'])} - {long_date(d_of(d))}</p>
        </li>""" for d in docs_of("govuk"))
    head = f'  <link rel="alternate" type="application/atom+xml" href="{BASE}{DHSC_ORG}.atom" title="Department of Health and Social Care - Activity on GOV.UK">\n'
    main = f"""    <main id="content" role="main" class="govuk-main-wrapper">
      <h1 class="govuk-heading-xl">Department of Health and Social Care</h1>
      <h2 class="govuk-heading-m">Latest from the Department of Health and Social Care</h2>
      <ul class="gem-c-document-list">
{items}
      </ul>
      <p><a class="govuk-link" href="{DHSC_ORG}.atom">Subscribe to feed</a></p>
    </main>"""
    return govuk_page("Department of Health and Social Care", head, main)


def render_govuk_home():
    main = f"""    <main id="content" role="main" class="govuk-main-wrapper">
      <h1 class="govuk-heading-xl">GOV.UK (offline sample)</h1>
      <ul>
        <li><a class="govuk-link" href="{DHSC_ORG}">Department of Health and Social Care</a></li>
      </ul>
    </main>"""
    return govuk_page("Welcome to GOV.UK", "", main)


def render_index():
    rows = [
        ("Healthcare Leader RSS feed", "/healthcare-leader/feed/"),
        ("Management in Practice RSS feed", "/management-in-practice/feed/"),
        ("CQC news listing (page 1)", "/cqc/search/news"),
        ("CQC news listing (page 2)", "/cqc/search/news?page=1"),
        ("CQC board meetings", "/cqc/about-us/how-we-are-run/board-meetings"),
        ("CQC bulletins (GovDelivery)", "/govdelivery/accounts/UKCQC/bulletins"),
        ("DHSC Atom feed (GOV.UK)", DHSC_ORG + ".atom"),
    ]
    items = "\n".join(f'      <li><a href="{attr(u)}">{esc(t)}</a> <code>{esc(u)}</code></li>' for t, u in rows)
    return f"""<!DOCTYPE html>
{NOTE}
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Offline sample sources</title>
</head>
<body>
  <main>
    <h1>Offline sample sources</h1>
    <p>Entry points of the bundled demo sample. Every page here was written for the project from public facts; none is a real publication.</p>
    <ul>
{items}
    </ul>
  </main>
</body>
</html>
"""


# ---------------------------------------------------------------- answer key
def key_documents():
    out = []
    for doc in DOCS:
        out.append({
            "path": doc["path"],
            "url": BASE + doc["path"],
            "shape": doc["shape"],
            "publisher": doc["publisher"],
            "published": doc["published"],
            "title": doc["title"],
            "people": doc["people"],
            "gbp": doc["gbp"],
            "events": [{"type": e["type"], "date": e["dates"][0], "dates": e["dates"], "key": e["key"],
                        "gid": e["gid"], "evidence": e["evidence"]} for e in doc["events"]],
            "non_events": doc["non_events"],
        })
    return out


def write_expected():
    data = {
        "description": "Answer key of the offline demo sample (sample/README.md explains the conventions). "
                       "'date' is the primary date; any of 'dates' is acceptable. Paths are served under {{BASE}}.",
        "event_types": content.EVENT_TYPES,
        "documents": key_documents(),
    }
    (SAMPLE / "expected.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = []
    for doc in DOCS:
        url = "http://127.0.0.1" + doc["path"]
        lines.append({"kind": "doc", "url": url, "people": doc["people"], "gbp": doc["gbp"]})
        for e in doc["events"]:
            if e["type"] in content.SCORED_TYPES:
                lines.append({"kind": "event", "gid": e["gid"], "url": url, "type": e["type"],
                              "date": e["dates"][0] if len(e["dates"]) == 1 else e["dates"],
                              "keys": [e["key"]], "evidence": e["evidence"]})
    (SAMPLE / "gold.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def fmt_money(v):
    if v >= 1e9:
        return f"£{v / 1e9:g}bn"
    if v >= 1e6:
        return f"£{v / 1e6:g}m"
    return f"£{v:,.0f}"


def write_readme_table():
    readme = SAMPLE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- answer-key:start -->", "<!-- answer-key:end -->"
    if start not in text or end not in text:
        raise SystemExit("README.md lacks the answer-key markers")
    rows = ["| # | URL path | Publisher | Published | People | £ amounts | Events (type date key) |",
            "|---|---|---|---|---|---|---|"]
    for i, doc in enumerate(DOCS, 1):
        evs = "<br>".join(f"{e['type']} {' / '.join(x or '(no date)' for x in e['dates'])} {e['key']}" for e in doc["events"])
        rows.append(f"| {i} | `{doc['path']}` | {doc['publisher']} | {doc['published']} | "
                    f"{', '.join(doc['people']) or '-'} | {', '.join(fmt_money(v) for v in doc['gbp']) or '-'} | {evs or '-'} |")
    n_ev = sum(len(d["events"]) for d in DOCS)
    n_scored = sum(1 for d in DOCS for e in d["events"] if e["type"] in content.SCORED_TYPES)
    body = (f"\n{len(DOCS)} documents, {n_ev} events ({n_scored} of the six scored types). "
            "Generated from `tools/content.py` by `tools/build_sample.py`.\n\n" + "\n".join(rows) + "\n")
    new = text[:text.index(start) + len(start)] + body + text[text.index(end):]
    readme.write_text(new, encoding="utf-8")


# ---------------------------------------------------------------- self-checks on the content
MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|million|m|M|k)?\b")
MULT = {"bn": 1e9, "billion": 1e9, "million": 1e6, "m": 1e6, "M": 1e6, "k": 1e3, None: 1}


def norm(s):
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return re.sub(r"\s+", " ", s).strip()


def check_content():
    errors = []
    all_people = {p for d in DOCS for p in d["people"]}
    surnames = {p.split()[-1]: p for p in all_people}
    gids = {}
    for doc in DOCS:
        text = norm(doc_text(doc))
        for e in doc["events"]:
            if e["type"] not in content.EVENT_TYPES:
                errors.append(f"{doc['id']}: bad type {e['type']}")
            if norm(e["evidence"]) not in text:
                errors.append(f"{doc['id']}: evidence not in text: {e['evidence']!r}")
            for dt in e["dates"]:
                if dt and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", dt):
                    errors.append(f"{doc['id']}: bad date {dt!r}")
            if not re.search(r"\b" + re.escape(e["key"].lower()), text.lower()):
                errors.append(f"{doc['id']}: key {e['key']!r} not in text")
            gids.setdefault(e["gid"], e["type"])
            if gids[e["gid"]] != e["type"] or not e["gid"].startswith(e["type"] + ":"):
                errors.append(f"{doc['id']}: gid {e['gid']} does not match type {e['type']}")
        for n in doc["non_events"]:
            if norm(n["evidence"]) not in text:
                errors.append(f"{doc['id']}: non-event evidence not in text: {n['evidence']!r}")
        for p in doc["people"]:
            if p.split()[-1] not in text:
                errors.append(f"{doc['id']}: person {p} not in text")
        for sn, p in surnames.items():
            if re.search(r"\b" + re.escape(sn) + r"\b", text) and p not in doc["people"]:
                errors.append(f"{doc['id']}: {p} named in text but not in people")
        found = set()
        for m in MONEY.finditer(text):
            found.add(round(float(m.group(1).replace(",", "")) * MULT[m.group(2)], 2))
        if found != {float(v) for v in doc["gbp"]}:
            errors.append(f"{doc['id']}: gbp {sorted(found)} in text, key says {doc['gbp']}")
        if doc["shape"] != "board-pdf":
            words = len(blocks_text(doc_body_blocks(doc)).split())
            if not 150 <= words <= 450:
                errors.append(f"{doc['id']}: body has {words} words (want 150-450)")
    return errors


# ---------------------------------------------------------------- main
def main():
    errors = check_content()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(1)
    written = []
    for doc in DOCS:
        shape = doc["shape"]
        if shape == "healthcare-leader":
            written.append(write(doc["path"] + "index.html", render_hl(doc)))
        elif shape == "management-in-practice":
            written.append(write(doc["path"] + "/index.html", render_mip(doc)))
        elif shape == "cqc":
            written.append(write(doc["path"] + ".html", render_cqc(doc)))
        elif shape == "govdelivery":
            written.append(write(doc["path"] + ".html", render_govdelivery(doc)))
        elif shape == "govuk":
            written.append(write(doc["path"] + ".html", render_govuk(doc)))
    written.append(write("/healthcare-leader/feed/index.xml", render_rss(
        "healthcare-leader", "Healthcare Leader", "/healthcare-leader/",
        "News and analysis for leaders in primary care and integrated care systems", "https://wordpress.org/?v=6.5.2")))
    written.append(write("/management-in-practice/feed/index.xml", render_rss(
        "management-in-practice", "Management in Practice", "/management-in-practice/",
        "News, guidance and opinion for practice managers", "https://wordpress.org/?v=6.4.3")))
    written.append(write("/healthcare-leader/index.html", render_press_home("healthcare-leader", "Healthcare Leader", "/healthcare-leader/")))
    written.append(write("/management-in-practice/index.html", render_press_home("management-in-practice", "Management in Practice", "/management-in-practice/")))
    cqc_docs = docs_of("cqc")
    per_page = 4
    pages = [cqc_docs[i:i + per_page] for i in range(0, len(cqc_docs), per_page)]
    for n, page_docs in enumerate(pages):
        name = "/cqc/search/news.html" if n == 0 else f"/cqc/search/news__page={n}.html"
        written.append(write(name, render_cqc_listing(page_docs, n, len(pages), len(cqc_docs), n * per_page)))
    written.append(write("/cqc/about-us/how-we-are-run/board-meetings.html", render_board_meetings()))
    written.append(write("/cqc/index.html", render_cqc_home()))
    bl = render_govdelivery_list()
    # The list URL /govdelivery/accounts/UKCQC/bulletins is also a directory (it holds the bulletins), so the
    # list is written both as bulletins.html and bulletins/index.html: either lookup order of the server works.
    written.append(write("/govdelivery/accounts/UKCQC/bulletins.html", bl))
    written.append(write("/govdelivery/accounts/UKCQC/bulletins/index.html", bl))
    written.append(write(DHSC_ORG + ".atom", render_govuk_atom()))
    written.append(write(DHSC_ORG + ".html", render_govuk_org()))
    written.append(write("/govuk/index.html", render_govuk_home()))
    written.append(write("/index.html", render_index()))
    write_expected()
    write_readme_table()
    print(f"wrote {len(written)} site files, expected.json, gold.jsonl and the README table "
          f"({len(DOCS)} documents; PDFs come from make_board_pdfs.py)")


if __name__ == "__main__":
    main()

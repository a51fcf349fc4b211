"""The README's screenshots: the demo database's /, /timeline, a /document/<id> and a /review/<id>, as headless
Chromium shows them 1,000 px wide, saved to docs/screenshots/.

    make demo-db && .venv/bin/python docs/screenshots.py [kb.db]
"""
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.serve import make_datasette  # noqa: E402
from tests.live_server import serving  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1000, 760


def pages(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        # the document that reports most events, and the review with most events
        document = conn.execute("select document_id from event_sources group by document_id "
                                "order by count(distinct event_id) desc, document_id limit 1").fetchone()[0]
        review = conn.execute("select ee.entity_id from event_entities ee join entities en on en.id = ee.entity_id "
                              "where en.type = 'REVIEW' group by ee.entity_id order by count(*) desc, 1 "
                              "limit 1").fetchone()[0]
    finally:
        conn.close()
    return {"front": "/", "timeline": "/timeline", "document": f"/document/{document}", "review": f"/review/{review}"}


def main(db_path="kb.db"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--window-size={WIDTH},{HEIGHT}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with serving(make_datasette(db_path).app()) as url:
            for name, path in pages(db_path).items():
                driver.get(url + path)
                driver.save_screenshot(str(OUT / f"{name}.png"))
                print(OUT / f"{name}.png", path)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])

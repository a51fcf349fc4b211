"""A person at /timeline in a real (headless) browser: the page shows events, choosing a type filters
them, and a screenshot is saved to build/screenshots/. Needs Debian's chromium and chromium-driver
(`.ci/run` and `make browser` install them)."""
import shutil
from pathlib import Path

import pytest

from kb.paths import PROJECT_ROOT
from kb.serve import make_datasette
from tests.live_server import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="Debian chromium and chromium-driver are not installed (make browser)")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The publishing test database, served by uvicorn on 127.0.0.1 in a thread."""
    from tests.test_publishing import build_database
    path = build_database(tmp_path_factory.mktemp("browser") / "kb.db")
    with serving(make_datasette(path).app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1200,1600", f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def visible_events(browser):
    from selenium.webdriver.common.by import By
    return [(li.get_attribute("data-type"), li.find_element(By.CSS_SELECTOR, ".summary").text)
            for li in browser.find_elements(By.CSS_SELECTOR, "li.event") if li.is_displayed()]


def test_a_person_filters_the_timeline_and_sees_the_sources(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    browser.get(f"{site}/timeline")
    assert browser.title == "Timeline of events"
    everything = visible_events(browser)
    assert {"appointment", "pause"} <= {t for t, _ in everything}
    # choosing a type submits the form at once (the JavaScript enhancement)
    Select(browser.find_element(By.NAME, "type")).select_by_value("appointment")
    WebDriverWait(browser, 10).until(lambda b: "type=appointment" in b.current_url)
    shown = visible_events(browser)
    assert shown and {t for t, _ in shown} == {"appointment"}
    assert any("Alan Example" in summary for _, summary in shown)
    assert browser.find_element(By.ID, "count").text.startswith(f"{len(shown)} event")
    # the sources are one click away, and they link to the documents
    browser.find_element(By.CSS_SELECTOR, "li.event details.citations summary").click()
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "li.event .citations a")]
    assert "https://news.example/cqc-chief" in links
    # the plain form (no JavaScript needed): an entity that matches nothing
    box = browser.find_element(By.NAME, "entity")
    box.clear()
    box.send_keys("Nobody At All")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "entity=Nobody" in b.current_url)
    assert visible_events(browser) == []
    assert "No events match" in browser.find_element(By.TAG_NAME, "body").text
    browser.get(f"{site}/timeline?type=appointment")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "timeline.png"))


# ---- the researcher's pages: each opened at 1,400 and 390 px wide, content checked, screenshots saved ----------

@pytest.fixture(scope="module")
def pages_site(tmp_path_factory):
    """The researcher pages' test database (a review, an edit, an archived copy), served on 127.0.0.1."""
    from tests.test_researcher_pages import build
    path = tmp_path_factory.mktemp("browser-pages") / "kb.db"
    db = build(path)
    ids = {name: db.execute("select id from entities where name = ?", [name]).fetchone()[0]
           for name in ("Dash review", "Care Quality Commission")}
    ids["document"] = db.execute("select id from documents where url = 'https://news.example/cqc-chief'").fetchone()[0]
    db.conn.close()
    with serving(make_datasette(path).app()) as url:
        yield url, ids


def page_checks(ids):
    """(screenshot name, path, the h1, a CSS selector that must find something visible)."""
    return [
        ("front", "/", "CQC monitor", "ol.newest li a"),
        ("search", "/?q=regulator", "CQC monitor", "ol.results li mark"),
        ("document", f"/document/{ids['document']}", "CQC names its new chief executive", ".document-text a.entity-person"),
        ("review", f"/review/{ids['Dash review']}", "Dash review", "ol.life .stage"),
        ("organisation", f"/organisation/{ids['Care Quality Commission']}", "Care Quality Commission", "table.roles td a"),
        ("people", "/people", "People", "table.people td a"),
        ("timeline-all", "/timeline", "Timeline", "li.event a.stored"),
        ("documents-table", "/kb/documents", "documents", "td.col-title a"),
    ]


def set_width(browser, width):
    """The viewport `width` px wide, as a phone's or a desktop's (headless windows have a minimum width)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 1000 if width > 500 else 844, "deviceScaleFactor": 1,
                             "mobile": width <= 500})


@pytest.mark.parametrize("width", [1400, 390])
def test_each_page_reads_well_at_desktop_and_phone_widths(pages_site, browser, width):
    from selenium.webdriver.common.by import By
    url, ids = pages_site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    set_width(browser, width)
    try:
        for name, path, heading, selector in page_checks(ids):
            browser.get(url + path)
            assert browser.find_element(By.TAG_NAME, "h1").text == heading, path
            shown = [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]
            assert shown, (path, selector)
            # readable: nothing wider than the screen, so no sideways scrolling (wide tables scroll in their own box)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, width, overflow)
            assert browser.save_screenshot(str(SCREENSHOTS / f"{name}-{width}.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_pages_work_without_javascript(pages_site, tmp_path_factory):
    """Searching from the front door and following a result to the stored document, with JavaScript off."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    url, ids = pages_site
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1200",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome-nojs')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(url + "/")
        box = driver.find_element(By.NAME, "q")
        box.send_keys("regulator")
        driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "q=regulator" in d.current_url)
        results = driver.find_elements(By.CSS_SELECTOR, "ol.results a.stored")
        assert results
        results[0].click()
        WebDriverWait(driver, 10).until(lambda d: "/document/" in d.current_url)
        assert driver.find_elements(By.CSS_SELECTOR, ".document-text")
        # the events it reports are reached from the highlighted sentence by a plain link
        driver.get(f"{url}/document/{ids['document']}")
        driver.find_element(By.CSS_SELECTOR, "a.to-event").click()
        assert driver.current_url.split("#")[1].startswith("event-")
    finally:
        driver.quit()

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

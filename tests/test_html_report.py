"""The side-by-side HTML report, as a browser renders it."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By

from service.formats import read_document
from service.options import Options
from service.pipeline import run
from service.report import to_html
from tests.browser import browser  # noqa: F401  (pytest fixture)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


def test_arabic_is_laid_out_right_to_left_with_time_codes(browser, tmp_path):  # noqa: F811
    options = Options(model="no-such/model")  # a model that cannot be found: the page must say so
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.srt", "en"), options)
    page = tmp_path / "report.html"
    page.write_text(to_html(result), encoding="utf-8")
    browser.get(page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == len(result.alignment.beads)
    arabic = browser.find_elements(By.CSS_SELECTOR, 'td[lang="ar"]')
    assert len(arabic) == len(rows)
    assert {cell.value_of_css_property("direction") for cell in arabic} == {"rtl"}
    english = browser.find_elements(By.CSS_SELECTOR, 'td[lang="en"]')
    assert {cell.value_of_css_property("direction") for cell in english} == {"ltr"}
    first = rows[0].find_element(By.CSS_SELECTOR, "td.meta").text
    assert "00:00:" in first
    # The note about the missing model is shown, and it names the command that fixes it.
    assert "transalign models pull" in browser.find_element(By.CSS_SELECTOR, ".notes").text
    # Nothing was fetched from outside: the page is one self-contained file.
    assert not browser.find_elements(By.CSS_SELECTOR, "link[href], script[src], img[src]")

"""The side-by-side HTML report, as a browser renders it."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.report import to_html
from tests.browser import browser  # noqa: F401  (pytest fixture)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


def test_arabic_is_laid_out_right_to_left_with_time_codes(browser, tmp_path, monkeypatch):  # noqa: F811
    for variable in ("TRANSALIGN_MODELS_DIR", "HF_HUB_CACHE"):  # the default model cannot be found: the page must say so
        monkeypatch.setenv(variable, str(tmp_path / "empty"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    options = Options()
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


def test_flags_are_listed_linked_tinted_and_their_evidence_highlighted(browser, tmp_path):  # noqa: F811
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.divergent.txt", "en"), Options(use_model=False))
    assert result.flags
    page = tmp_path / "report.html"
    page.write_text(to_html(result), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.title.startswith("ar.srt ↔ en.divergent.txt") and str(FIXTURE) not in browser.title
    links = browser.find_elements(By.CSS_SELECTOR, ".flag-list li a")
    assert [link.get_attribute("href").rsplit("#", 1)[1] for link in links] == [f"bead-{f.bead}" for f in result.flags]
    for link in links:
        assert browser.find_element(By.ID, link.get_attribute("href").rsplit("#", 1)[1]).tag_name == "tr"
    flagged = {f.bead for f in result.flags}
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    tint = {i: row.find_element(By.CSS_SELECTOR, "td").value_of_css_property("background-color") for i, row in enumerate(rows)}
    clean = next(i for i, bead in enumerate(result.alignment.beads) if i not in flagged and bead.source and bead.target)
    assert all(tint[i] != tint[clean] for i in flagged)
    number = next(f for f in result.flags if f.kind == "number")
    marks = rows[number.bead].find_elements(By.TAG_NAME, "mark")
    assert {m.text for m in marks} >= {e.text for e in number.evidence}
    assert all(m.value_of_css_property("background-color") != tint[number.bead] for m in marks)
    omission = next(f for f in result.flags if f.kind == "omission")
    quoted = browser.find_elements(By.CSS_SELECTOR, ".flag-list bdi")
    isolated = next(b for b in quoted if b.text and b.text[:10] in omission.message)
    assert isolated.value_of_css_property("direction") == "rtl"
    item = isolated.find_element(By.XPATH, "..")
    assert item.value_of_css_property("direction") == "ltr" and "“" + isolated.text + "”" in item.text

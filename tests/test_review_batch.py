"""`transalign review OUT_DIR`: a batch's outputs reviewed in the browser, without the API."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pysrt
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.report import to_json
from tests.api_support import DEADLINE, ROOT, free_port, wait_for
from tests.browser import browser  # noqa: F401  (pytest fixture)
from tests.review_support import ARTIFACTS, FIXTURE, divergent_english


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    """A real batch over one pair: the fixture's Arabic with the divergent English."""
    base = tmp_path_factory.mktemp("batch")
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    (inputs / "ep01.ar.srt").write_bytes((FIXTURE / "ar.srt").read_bytes())
    (inputs / "ep01.en.srt").write_text(divergent_english(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "transalign.cli", "batch", str(inputs), "--out", str(out), "--no-model"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


@contextmanager
def review_server(out: Path) -> Iterator[httpx.Client]:
    port = free_port()
    log = out.parent / f"review-{port}.log"
    with log.open("wb") as handle:
        process = subprocess.Popen([sys.executable, "-m", "transalign.cli", "review", str(out), "--port", str(port)],
                                   cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"transalign review exited with {process.returncode}:\n{log.read_text()}")
        try:
            return http.get("/").status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(up, "transalign review to answer")
        yield http
    finally:
        http.close()
        process.terminate()
        process.wait(timeout=30)


def test_a_batch_review_is_kept_beside_the_outputs_and_reaches_the_exports(out_dir):
    result = json.loads((out_dir / "ep01" / "ep01.json").read_text(encoding="utf-8"))
    flag = next(f for f in result["flags"] if f["kind"] == "number" and "3000" in f["message"])
    segment = result["beads"][flag["bead"]]["translation"][0]
    edited = result["translation"]["segments"][segment]["text"].replace("3,000", "one thousand")
    document = {"decisions": {flag["id"]: {"status": "accepted", "comment": "fixed"}}, "edits": {str(segment): edited}}
    with review_server(out_dir) as http:
        index = http.get("/").text
        assert 'href="/review/ep01"' in index
        assert http.put("/pairs/ep01/review", json=document).json() == document
        bad = http.put("/pairs/ep01/review", json={"edits": {"99999": "x"}})
        assert bad.status_code == 422 and bad.json()["field"] == "edits.99999"
        assert http.get("/pairs/%2E%2E/review").status_code == 404  # only the folder's pairs, never a path
        assert http.get("/pairs/nope/result").status_code == 404
    stored = out_dir / "ep01" / "ep01.review.json"
    assert json.loads(stored.read_text(encoding="utf-8")) == document
    with review_server(out_dir) as http:
        assert http.get("/pairs/ep01/review").json() == document
        track = http.get("/pairs/ep01/export?format=srt")
        cues = pysrt.from_string(track.text)
        english = pysrt.from_string(divergent_english())
        assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in english]  # cue by cue: read again from the input
        assert "one thousand" in track.text and "3,000" not in track.text
        decisions = http.get("/pairs/ep01/export?format=csv").text
        assert f"{flag['id']},number" in decisions and "accepted,fixed" in decisions
    stored.unlink()


def test_the_index_leads_to_the_pair_and_a_decision_by_key_is_saved(out_dir, browser):  # noqa: F811
    with review_server(out_dir) as http:
        browser.get(str(http.base_url))
        browser.find_element(By.LINK_TEXT, "ep01").click()
        WebDriverWait(browser, DEADLINE).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flag"), "the flags to be drawn")
        assert browser.find_elements(By.CSS_SELECTOR, 'td.translation[lang="en"][dir="ltr"]')
        ActionChains(browser).send_keys("j").perform()
        ActionChains(browser).send_keys("d").perform()
        WebDriverWait(browser, DEADLINE).until(lambda d: d.find_element(By.ID, "saved").text == "all changes saved", "the save")
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-batch.png"))
        first = browser.find_element(By.CSS_SELECTOR, ".flag").get_attribute("data-flag-id")
        review = http.get("/pairs/ep01/review").json()
        assert review["decisions"] == {first: {"status": "dismissed", "comment": ""}}
        browser.get(str(http.base_url))
        flags, decided, edits = (cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.n"))
        assert (decided, edits) == ("1", "0") and int(flags) >= 3
    (out_dir / "ep01" / "ep01.review.json").unlink()


def test_the_machine_rendering_and_its_word_diff_show_without_colour(tmp_path, test_model, browser):  # noqa: F811
    """A pair with a rendering (the small test model): a third column, its diff struck through and underlined."""
    english = tmp_path / "en.srt"
    english.write_text(divergent_english(), encoding="utf-8")
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(english, "en"), Options(model=str(test_model)))
    assert result.renderings and result.diffs
    out = tmp_path / "out"
    (out / "ep02").mkdir(parents=True)
    (out / "ep02" / "ep02.json").write_text(to_json(result), encoding="utf-8")
    with review_server(out) as http:
        browser.get(str(http.base_url).rstrip("/") + "/review/ep02")
        WebDriverWait(browser, DEADLINE).until(lambda d: d.find_elements(By.CSS_SELECTOR, "td.rendering .seg"), "the renderings")
        assert browser.find_element(By.ID, "col-machine").is_displayed()
        cells = browser.find_elements(By.CSS_SELECTOR, 'td.rendering[lang="en"][dir="ltr"]')
        assert len(cells) == len(result.alignment.beads)
        deleted = browser.find_elements(By.CSS_SELECTOR, ".diff del")
        inserted = browser.find_elements(By.CSS_SELECTOR, ".diff ins")
        assert deleted and inserted
        assert "line-through" in deleted[0].value_of_css_property("text-decoration")
        assert "underline" in inserted[0].value_of_css_property("text-decoration")
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-with-rendering.png"))

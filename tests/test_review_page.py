"""The review workspace end to end: a real server on loopback, a real headless Chromium, keys only.

Screenshots go to test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import pysrt
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.api_support import DEADLINE, Server, wait_job
from tests.browser import browser  # noqa: F401  (pytest fixture)
from tests.review_support import ARTIFACTS, FIXTURE, divergent_english

KEYS = {"TRANSALIGN_API_KEYS": "alpha,beta"}
ALPHA, BETA = ({"Authorization": f"Bearer {k}"} for k in ("alpha", "beta"))
EDITED = "The group holds no particular territory and has no more than a thousand fighters in the hills, valleys and caves."


def submit(server: Server) -> str:
    files = [("source", ("ar.srt", (FIXTURE / "ar.srt").read_bytes())), ("translation", ("en.srt", divergent_english().encode()))]
    response = server.http.post("/v1/jobs/files", files=files, headers=ALPHA)
    assert response.status_code == 202, response.text
    job = wait_job(lambda url: server.http.get(url, headers=ALPHA), response.headers["Location"])
    assert job["status"] == "done"
    return job["id"]


def press(driver, *keys: str) -> None:
    """Keys go to whatever has the focus, as a keyboard's would."""
    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def wait(driver, check, what: str):
    return WebDriverWait(driver, DEADLINE, poll_frequency=0.05).until(lambda d: check(d), message=what)


def open_page(driver, server: Server, job_id: str, key: str = "alpha") -> None:
    driver.get(f"{server.base}/review/{job_id}?pair=0#key={key}")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".flag"), "the flags to be drawn")


def focused_flag(driver) -> str | None:
    return driver.execute_script("const f = document.activeElement.closest('.flag'); return f && f.dataset.flagId;")


def flag_status(driver, flag_id: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'.flag[data-flag-id="{flag_id}"]').get_attribute("data-status")


def saved(driver) -> bool:
    return driver.find_element(By.ID, "saved").text == "all changes saved"


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.set_window_size(1400, 1000)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_a_review_by_keyboard_survives_reload_and_restart_and_reaches_the_srt(browser, tmp_path):  # noqa: F811
    data = tmp_path / "data"
    server = Server(data, "--no-model", env=KEYS)
    try:
        job_id = submit(server)
        result = server.http.get(f"/v1/jobs/{job_id}/result?format=json", headers=ALPHA).json()
        flags = result["flags"]
        open_page(browser, server, job_id)
        in_page_order = [node.get_attribute("data-flag-id") for node in browser.find_elements(By.CSS_SELECTOR, ".flag")]
        assert sorted(in_page_order) == sorted(f["id"] for f in flags)

        # Text cells carry their language and direction; a flag's evidence is marked in both languages.
        arabic = browser.find_elements(By.CSS_SELECTOR, 'td.source[lang="ar"][dir="rtl"]')
        assert len(arabic) == len(result["beads"])
        assert {cell.value_of_css_property("direction") for cell in arabic} == {"rtl"}
        number = next(f for f in flags if f["kind"] == "number" and "3000" in f["message"])
        marks = browser.find_elements(By.CSS_SELECTOR, f'mark[data-flags~="{number["id"]}"]')
        assert {m.find_element(By.XPATH, "./ancestor::td").get_attribute("lang") for m in marks} == {"ar", "en"}
        assert any(m.text == "3,000" for m in marks)

        # j and k move through the flags in page order; a accepts, d dismisses.
        press(browser, "j")
        assert focused_flag(browser) == in_page_order[0]
        press(browser, "j", "k", "j")
        assert focused_flag(browser) == in_page_order[1]
        press(browser, "a")
        wait(browser, lambda d: flag_status(d, in_page_order[1]) == "accepted", "the flag to be accepted")
        press(browser, "k", "d")
        wait(browser, lambda d: flag_status(d, in_page_order[0]) == "dismissed", "the flag to be dismissed")
        assert f"2 of {len(flags)} flags decided" in browser.find_element(By.ID, "progress").text

        # / goes to the filter; filtering by kind hides the other kinds' flags and beads.
        press(browser, "/")
        kind = browser.switch_to.active_element
        assert kind.get_attribute("id") == "filter-kind"
        Select(kind).select_by_value("number")
        shown = [n.get_attribute("data-flag-id") for n in browser.find_elements(By.CSS_SELECTOR, ".flag") if n.is_displayed()]
        assert sorted(shown) == sorted(f["id"] for f in flags if f["kind"] == "number") != sorted(f["id"] for f in flags)
        press(browser, Keys.ESCAPE)
        assert focused_flag(browser) is not None

        # e on the number flag edits its bead's English; c comments on the flag.
        while focused_flag(browser) != number["id"]:
            press(browser, "j")
        press(browser, "e")
        editor = browser.switch_to.active_element
        assert editor.tag_name == "textarea"
        editor.clear()
        editor.send_keys(EDITED, Keys.ENTER)
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".translation .seg.edited"), "the edit to show")
        segment = browser.find_element(By.CSS_SELECTOR, ".translation .seg.edited")
        assert EDITED in segment.find_element(By.CSS_SELECTOR, ".edit").text
        assert "3,000" in segment.find_element(By.CSS_SELECTOR, ".original").text  # the original is kept beside it
        browser.find_element(By.CSS_SELECTOR, f'.flag[data-flag-id="{number["id"]}"]').click()
        press(browser, "c")
        browser.switch_to.active_element.send_keys("corrected in the English", Keys.ENTER)
        wait(browser, saved, "the review to be saved")
        press(browser, "?")
        assert browser.find_element(By.ID, "keys").is_displayed()
        screenshot(browser, "review-keys")
        press(browser, Keys.ESCAPE)
        screenshot(browser, "review-decided")
        expected = {in_page_order[0]: "dismissed", in_page_order[1]: "accepted"}
        expected.setdefault(number["id"], "open")

        def kept(driver) -> None:
            for flag_id, status in expected.items():
                assert flag_status(driver, flag_id) == status
            assert EDITED in driver.find_element(By.CSS_SELECTOR, ".translation .seg.edited .edit").text
            comment = driver.find_element(By.CSS_SELECTOR, f'.flag[data-flag-id="{number["id"]}"] .comment')
            assert "corrected in the English" in comment.text

        browser.refresh()
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".flag"), "the flags after a reload")
        kept(browser)

        server.stop()
        server = Server(data, "--no-model", env=KEYS)
        open_page(browser, server, job_id)
        kept(browser)
        screenshot(browser, "review-after-restart")

        track = server.http.get(f"/v1/jobs/{job_id}/result?pair=0&format=srt&reviewed=true", headers=ALPHA)
        assert track.status_code == 200
        text = " ".join(cue.text for cue in pysrt.from_string(track.text))
        assert "a thousand fighters" in text and "3,000" not in text

        # Another key gets nothing: the page says so, the API answers 404.
        browser.execute_script("sessionStorage.clear()")
        browser.get(f"{server.base}/review/{job_id}?pair=0#key=beta")
        wait(browser, lambda d: "Could not load" in d.find_element(By.ID, "announce").get_attribute("textContent"), "the refusal")
        assert not browser.find_elements(By.CSS_SELECTOR, ".flag")
        assert server.http.get(f"/v1/jobs/{job_id}/pairs/0/review", headers=BETA).status_code == 404
    finally:
        server.stop()

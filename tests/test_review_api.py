"""The review API: a pair's review document, scoped to its key, durable, and the reviewed exports."""

from __future__ import annotations

import csv
import io

import pysrt
import pytest

from transalign.api.jobs.store import SqliteJobStore
from transalign.api.settings import hash_key
from tests.api_support import client, wait_job
from tests.review_support import FIXTURE, divergent_english

ALPHA, BETA = ({"Authorization": f"Bearer {k}"} for k in ("alpha", "beta"))
KEYS = frozenset(hash_key(k) for k in ("alpha", "beta"))


def submit(api, headers=ALPHA) -> str:
    files = [("source", ("ar.srt", (FIXTURE / "ar.srt").read_bytes())), ("translation", ("en.srt", divergent_english().encode()))]
    response = api.post("/v1/jobs/files", files=files, headers=headers)
    assert response.status_code == 202, response.text
    job = wait_job(lambda url: api.get(url, headers=headers), response.headers["Location"])
    assert job["status"] == "done"
    return job["id"]


@pytest.fixture
def job(tmp_path):
    with client(tmp_path / "data", api_key_hashes=KEYS) as api:
        job_id = submit(api)
        result = api.get(f"/v1/jobs/{job_id}/result?format=json", headers=ALPHA).json()
        yield api, job_id, result


def number_flag(result):
    return next(f for f in result["flags"] if f["kind"] == "number" and "3000" in f["message"])


def test_a_review_is_stored_whole_and_read_back(job):
    api, job_id, result = job
    url = f"/v1/jobs/{job_id}/pairs/0/review"
    assert api.get(url, headers=ALPHA).json() == {"decisions": {}, "edits": {}}
    flag = number_flag(result)
    document = {"decisions": {flag["id"]: {"status": "accepted", "comment": "should be 1,000"}}, "edits": {"2": "An edit."}}
    put = api.put(url, json=document, headers=ALPHA)
    assert put.status_code == 200, put.text
    assert api.get(url, headers=ALPHA).json() == document
    api.put(url, json={"decisions": {}, "edits": {"3": "Another."}}, headers=ALPHA)
    assert api.get(url, headers=ALPHA).json() == {"decisions": {}, "edits": {"3": "Another."}}  # replaced, not merged


def test_another_key_cannot_read_or_write_the_review(job):
    api, job_id, result = job
    url = f"/v1/jobs/{job_id}/pairs/0/review"
    flag = number_flag(result)
    api.put(url, json={"decisions": {flag["id"]: {"status": "dismissed", "comment": "secret"}}}, headers=ALPHA)
    assert api.get(url, headers=BETA).status_code == 404
    assert api.put(url, json={"decisions": {}, "edits": {}}, headers=BETA).status_code == 404
    assert api.get(f"/v1/jobs/{job_id}/result?format=csv&reviewed=true", headers=BETA).status_code == 404
    assert api.get(url).status_code == 401
    assert api.get(url, headers=ALPHA).json()["decisions"][flag["id"]]["comment"] == "secret"  # untouched by beta


def test_a_review_that_does_not_fit_the_pair_is_refused_naming_the_part(job):
    api, job_id, result = job
    url = f"/v1/jobs/{job_id}/pairs/0/review"
    bad = api.put(url, json={"decisions": {"number-999-0": {"status": "accepted"}}}, headers=ALPHA)
    assert bad.status_code == 422 and bad.json()["field"] == "decisions.number-999-0"
    segments = len(result["translation"]["segments"])
    bad = api.put(url, json={"edits": {str(segments): "x"}}, headers=ALPHA)
    assert bad.status_code == 422 and bad.json()["field"] == f"edits.{segments}"
    assert api.put(url, json={"decisions": {number_flag(result)["id"]: {"status": "maybe"}}}, headers=ALPHA).status_code == 422
    assert api.get(f"/v1/jobs/{job_id}/pairs/1/review", headers=ALPHA).status_code == 404
    assert api.get(url, headers=ALPHA).json() == {"decisions": {}, "edits": {}}


def test_reviewed_exports_apply_the_edits_and_decisions(job):
    api, job_id, result = job
    flag = number_flag(result)
    segment = result["beads"][flag["bead"]]["translation"][0]
    edited = result["translation"]["segments"][segment]["text"].replace("3,000", "one thousand")
    api.put(f"/v1/jobs/{job_id}/pairs/0/review", json={"decisions": {flag["id"]: {"status": "dismissed", "comment": "edited"}},
                                                        "edits": {str(segment): edited}}, headers=ALPHA)
    base = f"/v1/jobs/{job_id}/result?pair=0&reviewed=true"
    track = api.get(base + "&format=srt", headers=ALPHA)
    assert track.status_code == 200 and track.headers["content-type"].startswith("application/x-subrip")
    cues = pysrt.from_string(track.text)
    english = pysrt.from_string(divergent_english())
    assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in english]  # the translation's own time codes
    assert "one thousand" in track.text and "3,000" not in track.text
    bilingual = api.get(base + "&format=srt&bilingual=true", headers=ALPHA).text
    assert "one thousand" in " ".join(bilingual.split()) and "خ" in bilingual  # Arabic above the edited English (wrapped)
    assert "one thousand" in api.get(base + "&format=vtt", headers=ALPHA).text
    tmx = api.get(base + "&format=tmx", headers=ALPHA).text
    assert "one thousand" in tmx and flag["message"] not in tmx
    assert flag["message"] in api.get(f"/v1/jobs/{job_id}/result?pair=0&format=tmx", headers=ALPHA).text  # unreviewed: kept
    rows = list(csv.DictReader(io.StringIO(api.get(base + "&format=csv", headers=ALPHA).text)))
    assert {(r["flag_id"], r["status"], r["comment"]) for r in rows if r["status"] != "open"} == {(flag["id"], "dismissed", "edited")}
    assert api.get(base + "&format=html", headers=ALPHA).status_code == 406


def test_job_status_links_to_the_review_page_which_needs_no_key_and_holds_no_text(job):
    api, job_id, result = job
    links = api.get(f"/v1/jobs/{job_id}", headers=ALPHA).json()["links"]
    assert links["review"] == f"/review/{job_id}"
    page = api.get(links["review"] + "?pair=0")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f"/v1/jobs/{job_id}/pairs/0/review" in page.text
    assert result["translation"]["segments"][0]["text"] not in page.text
    script = api.get("/review/static/review.js")
    assert script.status_code == 200 and "text/javascript" in script.headers["content-type"]
    assert api.get("/review/static/secret.py").status_code == 404


def test_the_store_keeps_a_review_across_a_restart_and_drops_it_with_its_job(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    store = SqliteJobStore(path)
    job = store.create("alice", [{"n": 0}], queue_limit=10)
    assert store.get_review(job.id, 0) is None
    store.put_review(job.id, 0, {"decisions": {}, "edits": {"1": "é"}})
    store.put_review(job.id, 0, {"decisions": {}, "edits": {"1": "ü"}})
    store.close()
    reopened = SqliteJobStore(path)
    assert reopened.get_review(job.id, 0) == {"decisions": {}, "edits": {"1": "ü"}}
    assert reopened.delete(job.id, "alice")
    assert reopened.get_review(job.id, 0) is None
    reopened.close()

"""The HTTP API in-process (TestClient, lifespan and worker pool running): every endpoint and its errors."""

from __future__ import annotations

import codecs
import json

import pytest

from transalign.api.settings import hash_key, keys_from_env
from transalign.errors import TransalignError
from tests.api_support import ARABIC, ARABIC_SRT, ENGLISH, ENGLISH_SRT, PAIR, client, wait_for, wait_job

PROBLEM = "application/problem+json"


@pytest.fixture
def api(tmp_path):
    with client(tmp_path / "data") as test_client:
        yield test_client


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("https://")
    return body


# health and models


def test_healthz_and_readyz_say_no_model_explicitly(api):
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = wait_for(lambda: api.get("/readyz").status_code == 200 and api.get("/readyz").json(), "readyz")
    assert ready == {"status": "ready", "model": None, "detail": "the server runs without a model (--no-model)"}


def test_models_lists_the_registry_with_availability(api):
    models = api.get("/v1/models").json()["models"]
    ids = [m["id"] for m in models]
    assert "Helsinki-NLP/opus-mt-ar-en" in ids
    assert all(isinstance(m["available"], bool) and m["loaded"] is False for m in models)


def test_openapi_documents_every_endpoint(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/v1/align", "/v1/align/files", "/v1/jobs", "/v1/jobs/files", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/result", "/v1/models", "/healthz", "/readyz"):
        assert path in paths
    assert api.get("/docs").status_code == 200


# POST /v1/align


def test_align_text_answers_the_cli_json(api):
    response = api.post("/v1/align", json=PAIR)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    result = response.json()
    assert result["version"] == 1
    assert [(b["source"], b["translation"]) for b in result["beads"]] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert result["source"]["segments"][1]["text"] == "وأضاف أن الهجوم وقع أمس؟"
    assert any("No machine rendering" in note or "not run without a model" in note for note in result["notes"])


def test_align_segments_with_times(api):
    body = {
        "source": [{"text": "قال الرئيس إن ٣١ جنديا قتلوا.", "start": 1.0, "end": 3.5}, {"text": "لم يحدث ذلك في حمص.", "start": 4, "end": 6}],
        "translation": ["The president said 31 soldiers were killed.", "That did not happen in Homs."],
    }
    result = api.post("/v1/align", json=body).json()
    assert result["source"]["kind"] == "segments"
    assert result["source"]["segments"][0]["start"] == 1.0
    assert len(result["beads"]) == 2


@pytest.mark.parametrize(("fmt", "media", "start"), [("html", "text/html", "<!doctype html>"), ("tsv", "text/tab-separated-values", "bead\t")])
def test_align_other_formats(api, fmt, media, start):
    response = api.post(f"/v1/align?format={fmt}", json=PAIR)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.text.lower().startswith(start)


def test_align_files_reads_subtitles_in_windows_1256_and_utf16(api):
    files = {
        "source": ("ar.srt", ARABIC_SRT.encode("cp1256")),
        "translation": ("en.srt", codecs.BOM_UTF16_LE + ENGLISH_SRT.encode("utf-16-le")),
    }
    result = api.post("/v1/align/files", files=files).json()
    assert result["source"]["encoding"] == "cp1256"
    assert result["source"]["kind"] == "srt" and result["source"]["segments"][0]["start"] == 1.0
    assert result["translation"]["segments"][1]["text"] == "That did not happen in Homs."


def test_malformed_json_is_400_with_line_and_column(api):
    response = api.post("/v1/align", content=b'{"source": "x",\n "translation": }', headers={"content-type": "application/json"})
    body = problem(response, 400)
    assert (body["line"], body["column"]) == (2, 17)
    assert "line 2, column 17" in body["detail"]


def test_schema_error_names_the_field(api):
    body = problem(api.post("/v1/align", json={"source": [{"text": "a", "start": "soon"}], "translation": "b"}), 422)
    assert body["field"] == "source[0].start"
    body = problem(api.post("/v1/align", json={"source": "a"}), 422)
    assert body["field"] == "translation"


def test_input_error_names_field_and_line(api):
    body = problem(api.post("/v1/align", json={"source": ["نص", {"text": "نص", "start": 1}], "translation": ENGLISH}), 422)
    assert (body["field"], body["line"]) == ("source", 2)
    assert "only one of start and end" in body["detail"]


def test_wrong_encoding_names_file_and_line(api):
    files = {"source": ("ar.txt", ARABIC.replace("٣١", "31").encode("cp1256")), "translation": ("en.txt", ENGLISH.encode())}
    body = problem(api.post("/v1/align/files", files=files, data={"encoding": "utf-8"}), 422)
    assert (body["field"], body["file"], body["line"]) == ("source", "ar.txt", 1)
    assert "not valid utf-8" in body["detail"]


def test_not_a_subtitle_file(api):
    files = {"source": ("ar.srt", ARABIC.encode()), "translation": ("en.srt", ENGLISH_SRT.encode())}
    body = problem(api.post("/v1/align/files", files=files), 422)
    assert (body["field"], body["file"], body["line"]) == ("source", "ar.srt", 1)
    assert "cue" in body["detail"]
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    body = problem(api.post("/v1/align/files", files={"source": ("ar.srt", ARABIC_SRT.encode()), "translation": ("en.srt", png)}), 422)
    assert (body["field"], body["file"]) == ("translation", "en.srt")
    body = problem(api.post("/v1/align/files", files={"source": ("ar.docx", b"PK\x03\x04"), "translation": ("en.srt", ENGLISH_SRT.encode())}), 422)
    assert "unsupported file type" in body["detail"] and body["file"] == "ar.docx"


def test_oversized_body_is_413_pointing_to_jobs(tmp_path):
    with client(tmp_path / "data", max_sync_bytes=2000) as api:
        big = {"source": ARABIC * 40, "translation": ENGLISH * 40}
        body = problem(api.post("/v1/align", json=big), 413)
        assert "/v1/jobs" in body["detail"] and body["limit"] == 2000
        streamed = iter([json.dumps(big).encode()[i : i + 500] for i in range(0, 6000, 500)])  # chunked: no Content-Length
        body = problem(api.post("/v1/align", content=streamed, headers={"content-type": "application/json"}), 413)
        assert "/v1/jobs" in body["detail"]
        assert api.post("/v1/jobs", json=big).status_code == 202


def test_unknown_format_is_422_and_an_export_that_does_not_fit_is_406(api):
    assert problem(api.post("/v1/align?format=pdf", json=PAIR), 422)["field"] == "format"
    assert "<tmx" in api.post("/v1/align?format=tmx", json=PAIR).text
    assert "srt" in problem(api.post("/v1/align?format=srt", json=PAIR), 406)["detail"]


def test_unknown_query_parameter_is_422(api):
    body = problem(api.post("/v1/align?formt=html", json=PAIR), 422)
    assert body["field"] == "formt" and "format" in body["detail"]


def test_too_many_waiting_alignments_is_429(tmp_path):
    with client(tmp_path / "data", max_sync_pending=0) as api:
        response = api.post("/v1/align", json=PAIR)
        assert response.headers["retry-after"] == "1" and "/v1/jobs" in problem(response, 429)["detail"]


def test_sync_timeout_is_503_advising_jobs(tmp_path):
    with client(tmp_path / "data", sync_timeout=0.001) as api:
        wait_for(lambda: api.get("/readyz").status_code == 200, "readyz")
        body = problem(api.post("/v1/align", json={"source": ARABIC * 30, "translation": ENGLISH * 30}), 503)
        assert "/v1/jobs" in body["detail"]


# jobs


def test_job_lifecycle_one_pair(api):
    response = api.post("/v1/jobs", json=PAIR)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "queued" and response.headers["location"] == f"/v1/jobs/{job['id']}"
    done = wait_job(api.get, response.headers["location"])
    assert done["status"] == "done" and done["progress"] == {"done": 1, "failed": 0, "total": 1}
    result = api.get(f"/v1/jobs/{job['id']}/result").json()
    assert result == api.post("/v1/align", json=PAIR).json()
    assert api.get(f"/v1/jobs/{job['id']}/result?format=tsv").text.startswith("bead\t")
    assert api.delete(f"/v1/jobs/{job['id']}").status_code == 204
    problem(api.get(f"/v1/jobs/{job['id']}"), 404)


def test_job_with_many_pairs_and_files(api):
    pairs = [PAIR, {"source": ["نص قصير."], "translation": ["A short text."]}, PAIR]
    location = api.post("/v1/jobs", json={"pairs": pairs}).headers["location"]
    job = wait_job(api.get, location)
    assert job["progress"] == {"done": 3, "failed": 0, "total": 3}
    everything = api.get(f"{location}/result").json()
    assert [p["status"] for p in everything["pairs"]] == ["done"] * 3
    assert everything["pairs"][1]["result"]["source"]["segments"][0]["text"] == "نص قصير."
    assert problem(api.get(f"{location}/result?format=html"), 422)["field"] == "pair"
    assert api.get(f"{location}/result?format=html&pair=2").text.lower().startswith("<!doctype html>")
    assert problem(api.get(f"{location}/result?pair=3"), 404)["field"] == "pair"

    files = [("source", ("a.srt", ARABIC_SRT.encode("cp1256"))), ("translation", ("b.srt", ENGLISH_SRT.encode())),
             ("source", ("c.txt", ARABIC.encode())), ("translation", ("d.txt", ENGLISH.encode()))]
    response = api.post("/v1/jobs/files", files=files)
    assert response.status_code == 202
    job = wait_job(api.get, response.headers["location"])
    assert job["progress"]["done"] == 2
    result = api.get(f"{response.headers['location']}/result?pair=0").json()
    assert result["source"]["name"] == "a.srt" and result["source"]["encoding"] == "cp1256"


def test_job_subtitle_exports_from_stored_outputs(api):
    """SRT, VTT and TMX are rendered when the pair finishes; an untimed pair has no SRT, and says why (406)."""
    files = {"source": ("ar.srt", ARABIC_SRT.encode()), "translation": ("en.srt", ENGLISH_SRT.encode())}
    location = api.post("/v1/jobs/files", files=files).headers["location"]
    assert wait_job(api.get, location)["status"] == "done"
    for fmt, mark in (("srt", "00:00:01,000 --> 00:00:04,000"), ("vtt", "WEBVTT"), ("tmx", "<tmx")):
        response = api.get(f"{location}/result?format={fmt}")
        assert response.status_code == 200 and mark in response.text
    untimed = api.post("/v1/jobs", json=PAIR).headers["location"]
    assert wait_job(api.get, untimed)["status"] == "done"
    assert problem(api.get(f"{untimed}/result?format=srt"), 406)["field"] == "format"


def test_job_input_errors_name_the_pair(api):
    pairs = [PAIR, {"source": [{"text": "x", "end": 2}], "translation": "y"}]
    body = problem(api.post("/v1/jobs", json={"pairs": pairs}), 422)
    assert (body["field"], body["pair"], body["line"]) == ("pairs[1].source", 1, 1)
    assert problem(api.post("/v1/jobs", json={**PAIR, "pairs": [PAIR]}), 422)["field"] == "pairs"
    assert problem(api.post("/v1/jobs", json={"source": ARABIC}), 422)["field"] == "translation"
    files = [("source", ("a.srt", b"not a subtitle")), ("translation", ("b.srt", ENGLISH_SRT.encode()))]
    body = problem(api.post("/v1/jobs/files", files=files), 422)
    assert (body["field"], body["file"], body["line"]) == ("source", "a.srt", 1)
    assert problem(api.post("/v1/jobs/files", files=files[:1]), 422)["field"] == "translation"


def test_unknown_job_is_404_everywhere(api):
    for response in (api.get("/v1/jobs/nope"), api.get("/v1/jobs/nope/result"), api.delete("/v1/jobs/nope")):
        assert "nope" in problem(response, 404)["detail"]


def test_listing_pages_newest_first(api):
    ids = [api.post("/v1/jobs", json=PAIR).json()["id"] for _ in range(5)]
    page = api.get("/v1/jobs?limit=2").json()
    assert page["total"] == 5 and [j["id"] for j in page["jobs"]] == ids[::-1][:2]
    assert page["next"] == "/v1/jobs?limit=2&offset=2"
    last = api.get("/v1/jobs?limit=2&offset=4").json()
    assert [j["id"] for j in last["jobs"]] == ids[:1] and last["next"] is None
    assert problem(api.get("/v1/jobs?limit=0"), 422)["field"] == "limit"


def test_queue_full_is_429_with_retry_after(tmp_path):
    with client(tmp_path / "data", queue_limit=3, pair_delay=30) as api:
        assert api.post("/v1/jobs", json={"pairs": [PAIR, PAIR]}).status_code == 202
        response = api.post("/v1/jobs", json={"pairs": [PAIR, PAIR]})
        body = problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1 and "queue" in body["detail"]


def test_cancel_a_running_job_keeps_it_cancelled(tmp_path):
    with client(tmp_path / "data", pair_delay=30, workers=1) as api:
        location = api.post("/v1/jobs", json={"pairs": [PAIR, PAIR]}).headers["location"]
        cancelled = api.delete(location)
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        assert api.get(location).json()["status"] == "cancelled"
        assert problem(api.get(f"{location}/result?pair=0"), 409)["pair"] == 0
        assert api.delete(location).status_code == 204


def test_unfinished_job_result_is_409_with_retry_after(tmp_path):
    with client(tmp_path / "data", pair_delay=30, workers=1) as api:
        location = api.post("/v1/jobs", json=PAIR).headers["location"]
        response = api.get(f"{location}/result")
        assert "1" <= response.headers["retry-after"] and "0 of 1" in problem(response, 409)["detail"]


# auth


def test_keys_guard_everything_but_health(tmp_path):
    keys = keys_from_env({"TRANSALIGN_API_KEYS": "alpha, beta"})
    with client(tmp_path / "data", api_key_hashes=keys) as api:
        assert api.get("/healthz").status_code == 200 and api.get("/readyz").status_code in (200, 503)
        for response in (api.get("/v1/models"), api.post("/v1/align", json=PAIR), api.get("/v1/jobs"), api.get("/v1/jobs/x")):
            body = problem(response, 401)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert "Authorization: Bearer" in body["detail"]
        wrong = api.get("/v1/models", headers={"Authorization": "Bearer gamma"})
        assert "not valid" in problem(wrong, 401)["detail"]
        assert api.get("/v1/models", headers={"Authorization": "Bearer alpha"}).status_code == 200


def test_jobs_are_visible_only_to_their_key(tmp_path):
    keys = keys_from_env({"TRANSALIGN_API_KEYS": "alpha,beta"})
    alpha, beta = ({"Authorization": f"Bearer {k}"} for k in ("alpha", "beta"))
    with client(tmp_path / "data", api_key_hashes=keys) as api:
        location = api.post("/v1/jobs", json=PAIR, headers=alpha).headers["location"]
        wait_job(lambda url: api.get(url, headers=alpha), location)
        problem(api.get(location, headers=beta), 404)
        problem(api.get(f"{location}/result", headers=beta), 404)
        problem(api.delete(location, headers=beta), 404)
        assert api.get("/v1/jobs", headers=beta).json()["total"] == 0
        assert api.get("/v1/jobs", headers=alpha).json()["total"] == 1
        assert api.get(f"{location}/result", headers=alpha).status_code == 200


def test_keys_file_and_hashing(tmp_path):
    path = tmp_path / "keys"
    path.write_text("# the newsroom\nalpha\n\n  beta  \n", encoding="utf-8")
    assert keys_from_env({"TRANSALIGN_API_KEYS_FILE": str(path), "TRANSALIGN_API_KEYS": "gamma"}) == {hash_key(k) for k in ("alpha", "beta", "gamma")}
    assert keys_from_env({}) == frozenset()
    with pytest.raises(TransalignError, match="cannot read"):
        keys_from_env({"TRANSALIGN_API_KEYS_FILE": str(tmp_path / "missing")})


def test_cors_is_off_by_default_and_on_when_asked(tmp_path):
    preflight = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST"}
    with client(tmp_path / "a") as api:
        assert "access-control-allow-origin" not in api.options("/v1/align", headers=preflight).headers
    with client(tmp_path / "b", cors_origins=("https://newsroom.example",)) as api:
        assert api.options("/v1/align", headers=preflight).headers["access-control-allow-origin"] == "https://newsroom.example"


def test_one_server_per_data_dir(tmp_path):
    with client(tmp_path / "data"):
        with pytest.raises(TransalignError, match="another transalign server"):
            with client(tmp_path / "data"):
                pass


def test_json_without_its_content_type_is_415_with_the_header_to_send(api):
    body = problem(api.post("/v1/align", content=json.dumps(PAIR).encode()), 415)
    assert "Content-Type: application/json" in body["detail"] and "no Content-Type" in body["detail"]
    body = problem(api.post("/v1/jobs", content=json.dumps(PAIR).encode(), headers={"content-type": "application/x-www-form-urlencoded"}), 415)
    assert "application/x-www-form-urlencoded" in body["detail"]


def test_a_model_the_client_names_that_the_server_cannot_use_is_422(api, tmp_path):
    wait_for(lambda: api.get("/readyz").status_code == 200, "readyz")  # its warm-up done: one alignment at a time below
    named = {**PAIR, "options": {"model": "Helsinki-NLP/opus-mt-ar-en"}}
    body = problem(api.post("/v1/align", json=named), 422)
    assert body["field"] == "options.model" and "--no-model" in body["detail"]
    assert problem(api.post("/v1/jobs", json=named), 422)["field"] == "options.model"
    with client(tmp_path / "other", use_model=True, model=str(tmp_path / "no-such-model")) as served:
        wait_for(lambda: served.get("/readyz").status_code == 200, "readyz")
        body = problem(served.post("/v1/align", json={**PAIR, "options": {"model": "some/other-model"}}), 422)
        assert "no other model" in body["detail"]
        body = problem(served.post("/v1/align", json={**PAIR, "options": {"model": str(tmp_path / "no-such-model")}}), 422)
        assert "no such directory" in body["detail"]
        unnamed = served.post("/v1/align", json=PAIR)
        assert unnamed.status_code == 200 and any("No machine rendering" in n for n in unnamed.json()["notes"])

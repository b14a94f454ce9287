"""Request and response bodies, as pydantic models: they are the OpenAPI schema clients read.

Request models are strict (no `0` for `false`, no `"1"` for `1`) so that what the schema
says is what the server accepts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from transalign.report.formats import FormatName

LANG_PATTERN = r"^[a-z]{2,3}(_[A-Za-z]{4})?$"
Format = FormatName


class Segment(BaseModel):
    """One segment given directly, with optional time codes in seconds."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str
    start: float | None = Field(default=None, ge=0)
    end: float | None = Field(default=None, ge=0)


Side = str | list[str | Segment]


class GlossaryTerm(BaseModel):
    """A source term and the target term a client requires for it (the `term` check)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)


class AlignOptions(BaseModel):
    """The part of `Options` a client may set; file paths stay with the server, which loads one model for all."""

    model_config = ConfigDict(extra="forbid", strict=True)

    segmented: bool = Field(default=False, description="free text holds one segment per line")
    use_model: bool = Field(default=True, description="false: align and check without a machine rendering")
    use_dictionary: bool = True
    exclude_isnad: bool = Field(default=False, description="hadith text: align each chain of narrators with its hadith and leave it out of omission checks")
    band: int = Field(default=12, ge=1, le=200, description="half-width, in segments, of the alignment search band")
    model: str | None = Field(
        default=None, max_length=200,
        description="the model the rendering must come from (the server's loaded one, see GET /v1/models); "
        "a model this server cannot use is 422, not a result without a rendering",
    )
    glossary: list[GlossaryTerm] = Field(default_factory=list, description="glossary terms: a source term whose required target term the aligned translation lacks is a `term` flag")


class AlignRequest(BaseModel):
    """One pair: each side free text or a list of segments."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "source": "قال الرئيس إن ٣١ جنديا قتلوا. لم يحدث ذلك في حمص.",
                    "translation": "The president said 31 soldiers were killed. That did not happen in Homs.",
                    "source_lang": "ar",
                    "target_lang": "en",
                }
            ]
        },
    )

    source: Side
    translation: Side
    source_lang: str = Field(default="ar", pattern=LANG_PATTERN)
    target_lang: str = Field(default="en", pattern=LANG_PATTERN)
    options: AlignOptions = Field(default_factory=AlignOptions)


class JobRequest(BaseModel):
    """One pair (the fields of an align request) or many (`pairs`), not both."""

    model_config = ConfigDict(extra="forbid", strict=True)

    source: Side | None = None
    translation: Side | None = None
    source_lang: str = Field(default="ar", pattern=LANG_PATTERN)
    target_lang: str = Field(default="en", pattern=LANG_PATTERN)
    options: AlignOptions = Field(default_factory=AlignOptions)
    pairs: list[AlignRequest] | None = Field(default=None, min_length=1)


class Problem(BaseModel):
    """RFC 9457 problem details; `field`, `file`, `line` and `cue` point at the offending input."""

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None
    file: str | None = None
    line: int | None = None
    cue: int | None = None
    column: int | None = None
    expected: str | None = None
    pair: int | None = None


class Progress(BaseModel):
    done: int
    failed: int
    total: int


class PairErrorOut(BaseModel):
    pair: int
    problem: Problem


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    created: float
    updated: float
    progress: Progress
    errors: list[PairErrorOut] = []
    links: dict[str, str]


class JobList(BaseModel):
    jobs: list[JobOut]
    total: int
    limit: int
    offset: int
    next: str | None = None


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "loading"]
    model: str | None = Field(description="the model loaded and shared by every worker, or null: none")
    detail: str


class ModelOut(BaseModel):
    id: str
    languages: str
    size_mb: int
    licence: str
    engines: list[str]
    default: bool
    available: bool = Field(description="a copy is on this machine")
    loaded: bool = Field(description="the server has it in memory")


class ModelList(BaseModel):
    models: list[ModelOut]


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries saying these statuses answer with a problem document."""
    return {
        status: {
            "description": "a problem document",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }

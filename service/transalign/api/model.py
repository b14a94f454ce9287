"""The translation model of one worker process, loaded once when the process starts.

Each worker process (`service/transalign/api/processes.py`) holds one `ModelHolder`: it loads the
model, makes sure the dictionary and lexicons are in memory (`warm_up`: the process it was
forked from has normally loaded them already), and then runs every pair it is given with
that model. A pair whose languages the
loaded model does not cover runs without a rendering, and its result says why.
"""

from __future__ import annotations

import logging

from transalign.api.inputs import Pair
from transalign.api.problems import Problem
from transalign.api.settings import Settings
from transalign.errors import ModelError
from transalign.formats import document_from_text
from transalign.options import Options
from transalign.pipeline import run
from transalign.translate.availability import ModelAvailability
from transalign.types import Result

log = logging.getLogger("transalign.api")


class ModelHolder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = ModelAvailability.unwanted("not loaded yet")

    @property
    def model_id(self) -> str | None:
        return self.model.model_id

    @property
    def reason(self) -> str:
        """What became of the model, as /readyz says it."""
        return f"loaded {self.model_id}" if self.model.translator is not None else self.model.reason or "no model"

    def align(self, pair: Pair) -> Result:
        """Run the pipeline with this process's model; without one, the result's notes say why."""
        options = pair.options
        if not options.use_model:
            return run(pair.source, pair.translation, options, ModelAvailability.unwanted())
        try:
            model = self.model.for_pair(options.source_lang, options.target_lang, named=pair.requested_model)
        except ModelError as error:  # the client named a model: a result without it is not what they asked for
            raise Problem(422, "model-unavailable", "The model asked for is not available",
                          f"options.model '{pair.requested_model}': {error}", field="options.model") from None
        return run(pair.source, pair.translation, options, model)

    def load(self) -> None:
        """Load the model (or settle on none, saying why) and warm up; never raises."""
        settings = self.settings
        if not settings.use_model:
            self.model = ModelAvailability.unwanted("the server runs without a model (--no-model)")
        else:
            self.model = ModelAvailability.load(
                settings.model, settings.engine, source_lang=settings.source_lang, target_lang=settings.target_lang
            )
            if self.model.translator is None:
                log.warning("no translation model: %s", self.model.reason)
        warm_up()


def warm_up() -> None:
    """One tiny alignment, so the dictionary and lexicons load before the first request does."""
    try:
        tiny = Pair(
            document_from_text("مرحبا.", "ar", "warm-up"),
            document_from_text("Hello.", "en", "warm-up"),
            Options(use_model=False),
        )
        run(tiny.source, tiny.translation, tiny.options)
    except Exception:
        log.exception("warm-up alignment failed")

"""The translation model of one worker process, loaded once when the process starts.

Each worker process (`service/transalign/api/processes.py`) holds one `ModelHolder`: it loads the
model, makes sure the dictionary and lexicons are in memory (`warm_up`: the process it was
forked from has normally loaded them already), and then runs every pair it is given with
that model. A pair whose languages the
loaded model does not cover runs without a rendering, and its result says why.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from transalign.api.inputs import Pair
from transalign.api.problems import Problem
from transalign.api.settings import Settings
from transalign.errors import ModelError
from transalign.formats import document_from_text
from transalign.options import Options
from transalign.pipeline import run
from transalign.types import Result

log = logging.getLogger("transalign.api")


class ModelHolder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.translator: object | None = None
        self.reason = "not loaded yet"

    @property
    def model_id(self) -> str | None:
        return getattr(self.translator, "model_id", None)

    def align(self, pair: Pair) -> Result:
        """Run the pipeline with this process's model; without one, say so in the result's notes."""
        options = pair.options
        if not options.use_model:
            return run(pair.source, pair.translation, options)
        reason = self.reason if self.translator is None else None
        if reason is None and (options.source_lang, options.target_lang) != (self.settings.source_lang, self.settings.target_lang):
            reason = (
                f"the server's model {self.model_id} covers {self.settings.source_lang}->{self.settings.target_lang},"
                f" not {options.source_lang}->{options.target_lang}"
            )
        if reason is not None:
            if pair.requested_model:  # the client named a model: a result without it is not what they asked for
                raise Problem(422, "model-unavailable", "The model asked for is not available",
                              f"options.model '{pair.requested_model}': {reason}", field="options.model")
            return self._without_model(pair, reason)
        return run(pair.source, pair.translation, options, translator=self.translator)

    def _without_model(self, pair: Pair, reason: str) -> Result:
        result = run(pair.source, pair.translation, replace(pair.options, use_model=False))
        return replace(result, notes=(f"No machine rendering was made: {reason}",) + result.notes)

    def load(self) -> None:
        """Load the model (or settle on none, saying why) and warm up; never raises."""
        settings = self.settings
        try:
            if not settings.use_model:
                self.reason = "the server runs without a model (--no-model)"
            else:
                from transalign.translate import load_translator

                self.translator = load_translator(
                    settings.model, settings.engine, source_lang=settings.source_lang, target_lang=settings.target_lang
                )
                self.reason = f"loaded {self.model_id}"
        except ModelError as error:
            self.reason = str(error)
            log.warning("no translation model: %s", error)
        except Exception as error:  # a broken install must not keep the server from aligning
            self.reason = f"could not load a model: {type(error).__name__}: {error}"
            log.exception("model loading failed")
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

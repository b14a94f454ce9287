"""The translator of this process, or why there is none: built once per process, passed to every run.

The CLI builds one per command, each batch worker and each API worker process one when it
starts; `pipeline.run` takes it and writes the "No machine rendering was made" note from
it, so that the note reads the same whichever entry point made the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from transalign.errors import ModelError
from transalign.options import Options
from transalign.translate.base import Translator


@dataclass(frozen=True)
class ModelAvailability:
    """`translator` when a model is loaded; else `reason`, why not."""

    translator: Translator | None = None
    reason: str | None = None
    wanted: bool = True  # False: no model on purpose (--no-model), nothing to explain in a result
    source_lang: str = "ar"  # the pair the model translates
    target_lang: str = "en"

    @classmethod
    def load(
        cls, model: str | None, engine: str = "auto", *, source_lang: str = "ar", target_lang: str = "en"
    ) -> ModelAvailability:
        """Load `model` (None: the registry default for the pair); never raises, a failure is the reason."""
        from transalign.translate.load import load_translator  # torch loads only when a model is wanted

        try:
            translator = load_translator(model, engine, source_lang=source_lang, target_lang=target_lang)
        except ModelError as error:
            return cls(reason=str(error), source_lang=source_lang, target_lang=target_lang)
        except Exception as error:  # a broken install must not keep the pairs from aligning without a model
            return cls(reason=f"loading the model failed ({type(error).__name__}: {error})", source_lang=source_lang, target_lang=target_lang)
        return cls(translator=translator, source_lang=source_lang, target_lang=target_lang)

    @classmethod
    def for_options(cls, options: Options) -> ModelAvailability:
        """The model `options` ask for, loaded now (the CLI's way: one run per process).

        A model the user named (`options.model`) that cannot be loaded is a `ModelError`.
        """
        if not options.use_model:
            return cls.unwanted()
        loaded = cls.load(options.model, options.engine, source_lang=options.source_lang, target_lang=options.target_lang)
        return loaded.for_pair(options.source_lang, options.target_lang, named=options.model)

    @classmethod
    def unwanted(cls, reason: str | None = None) -> ModelAvailability:
        """No model, on purpose (--no-model); `reason` says so where a status is shown (/readyz)."""
        return cls(reason=reason, wanted=False)

    @property
    def model_id(self) -> str | None:
        return self.translator.model_id if self.translator is not None else None

    def for_pair(self, source_lang: str, target_lang: str, *, named: str | None = None) -> ModelAvailability:
        """What a pair in these languages gets: this model, or why none.

        A model the user named (`named`) that this process cannot give is a `ModelError`:
        a result without it is not what they asked for.
        """
        reason = self.reason
        if self.translator is not None and (source_lang, target_lang) != (self.source_lang, self.target_lang):
            reason = f"the model {self.model_id} covers {self.source_lang}->{self.target_lang}, not {source_lang}->{target_lang}"
        if self.translator is not None and reason is None:
            return self
        if named:
            raise ModelError(reason or f"the model {named} was not loaded")
        return ModelAvailability(reason=reason, source_lang=source_lang, target_lang=target_lang)

    @property
    def note(self) -> str | None:
        """The note a result without a rendering carries, or None when there is a model or none was wanted."""
        if self.translator is not None or not self.wanted:
            return None
        return f"No machine rendering was made: {self.reason or 'no model was loaded'}"

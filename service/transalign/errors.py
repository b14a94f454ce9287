"""One error hierarchy: input errors name the file and the line or cue; model errors say how to fix them."""

from __future__ import annotations


class TransalignError(Exception):
    """Base class of every error the tool reports to a user."""


class InputError(TransalignError):
    """An input file (or API field) is not what was expected.

    The message always names where (file, line, cue) and what was expected, e.g.
    ``ar.srt, cue 12 (line 45): malformed time code '00:01:xx'; expected HH:MM:SS,mmm``.
    """

    def __init__(
        self,
        name: str,
        problem: str,
        *,
        line: int | None = None,
        cue: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.name = name
        self.problem = problem
        self.line = line
        self.cue = cue
        self.expected = expected
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{where(self.name, line=self.line, cue=self.cue)}: {self.problem}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


def where(name: str, *, line: int | None = None, cue: int | None = None) -> str:
    """`ar.srt, cue 12 (line 45)` or `ar.txt, line 3`: how errors and warnings point into a file."""
    text = name
    if cue is not None:
        text += f", cue {cue}"
        if line is not None:
            text += f" (line {line})"
    elif line is not None:
        text += f", line {line}"
    return text


class ModelError(TransalignError):
    """A translation model could not be found or loaded; the message says how to fix it."""


class ModelNotFoundError(ModelError):
    """No copy of the model is on this machine; `command` is the one command that fetches it."""

    def __init__(self, message: str, *, model: str, command: str) -> None:
        self.model = model
        self.command = command
        super().__init__(message)

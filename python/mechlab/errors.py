"""The exceptions mechlab raises: the same outcomes as the CLI's exit codes."""

from __future__ import annotations


class MechlabError(Exception):
    """Base class of every mechlab error."""


class InputError(MechlabError, ValueError):
    """An invalid model or option (the CLI's exit code 2).

    ``pointer`` is the JSON pointer of the offending field ("/prior/0") or the
    option ("--cost"); ``expected`` and ``found`` say what was wrong; ``str()``
    is the CLI's message without the file name.
    """

    def __init__(self, message: str, pointer: str = "", expected: str = "", found: str = "",
                 file: str | None = None):
        super().__init__(message)
        self.pointer = pointer
        self.expected = expected
        self.found = found
        self.file = file


class TimeLimitError(MechlabError, TimeoutError):
    """The computation reached its ``time_limit`` (the CLI's --time-limit, exit code 1)."""


class InternalError(MechlabError, RuntimeError):
    """A bug or resource failure inside mechlab (exit code 1)."""

"""One exception hierarchy with stable codes.

Codes never change meaning once released; messages say what to do about the problem.
E1xx: input and reading · E2xx: cleaning · E3xx: NLP and extraction · E4xx: store ·
E5xx: configuration and usage.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: every error eventwire raises on purpose has a code and a clear message."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(EventwireError):
    """The input cannot be read as a document."""

    code = "E100"


class UnsupportedInput(InputError):
    code = "E101"


class InputTooLarge(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class EmptyInput(InputError):
    code = "E105"


class MalformedRecord(InputError):
    """A JSON line or similar structured item is not what the reader expects."""

    code = "E106"


class MissingInput(InputError):
    code = "E107"


class TruncatedInput(InputError):
    """A compressed stream or archive ends in the middle of a member or record."""

    code = "E108"


class DecompressionBomb(InputError):
    """Compressed input expands beyond the configured ratio or size cap."""

    code = "E109"


class CorruptRecord(InputError):
    """One record of an archive (WARC) cannot be parsed; the reader resyncs and goes on."""

    code = "E110"


class CleaningError(EventwireError):
    code = "E200"


class NoMainText(CleaningError):
    """Cleaning left no article text (a page of navigation only, or an empty body)."""

    code = "E201"


class MarkupTooDeep(CleaningError):
    """HTML nested deeper than any real page; parsing it would exhaust the stack."""

    code = "E202"


class ExtractionError(EventwireError):
    code = "E300"


class ModelNotInstalled(ExtractionError):
    code = "E301"


class StoreError(EventwireError):
    code = "E400"


class StoreBusy(StoreError):
    """Another writer kept the database locked through every retry; nothing was written, and
    the same call may simply be made again (ingest resumes where it stopped)."""

    code = "E401"


class RecordRefused(StoreError):
    """The store refused one record (it breaks a constraint: an id repeated inside it); the
    other records of its batch are stored, and the item is recorded as an error."""

    code = "E402"


class NotFound(StoreError):
    code = "E404"


class UsageError(EventwireError):
    """A command-line or library argument is wrong (bad date, bad format name)."""

    code = "E500"


def code_of(exc: BaseException) -> str:
    """The stable code of an exception; unexpected exceptions get E999 so they stay visible."""
    return exc.code if isinstance(exc, EventwireError) else "E999"


class Unauthorized(UsageError):
    """A write without a bearer token."""

    code = "E510"


class Forbidden(UsageError):
    """A write with a wrong token, or to a server started without one (read-only)."""

    code = "E511"


class PayloadTooLarge(UsageError):
    code = "E512"


class RouteNotFound(UsageError):
    code = "E513"


class RequestTimeout(UsageError):
    """A request body that did not arrive in full within the server's time limit (a slow or
    stalled client holding a connection open)."""

    code = "E514"

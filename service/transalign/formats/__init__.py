"""formats stage, read (docs/architecture.md): reading inputs into Documents; the outputs are written by transalign.report."""

from transalign.formats.read import (
    document_from_segments,
    document_from_text,
    read_bytes,
    read_document,
)

__all__ = ["document_from_segments", "document_from_text", "read_bytes", "read_document"]

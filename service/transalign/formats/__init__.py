"""formats stage (see DESIGN.md): reading inputs into Documents (and, later, writing exports)."""

from transalign.formats.read import (
    document_from_segments,
    document_from_text,
    read_bytes,
    read_document,
)

__all__ = ["document_from_segments", "document_from_text", "read_bytes", "read_document"]

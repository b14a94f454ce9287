"""align stage (see DESIGN.md)."""

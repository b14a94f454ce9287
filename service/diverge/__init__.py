"""diverge stage (see DESIGN.md)."""

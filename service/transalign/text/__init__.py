"""text stage (see DESIGN.md)."""

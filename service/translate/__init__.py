"""translate stage (see DESIGN.md)."""

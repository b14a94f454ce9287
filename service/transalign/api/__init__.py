"""api stage (see DESIGN.md): the HTTP API (`transalign.api.app.create_app`) and `transalign serve`."""

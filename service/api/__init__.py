"""api stage (see DESIGN.md): the HTTP API (`service.api.app.create_app`) and `transalign serve`."""

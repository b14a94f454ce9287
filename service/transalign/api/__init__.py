"""api stage (docs/architecture.md): the HTTP API (`transalign.api.app.create_app`) and `transalign serve`."""

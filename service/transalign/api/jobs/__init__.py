"""Asynchronous jobs: the durable store and the worker pool that empties it."""

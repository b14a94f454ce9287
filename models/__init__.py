"""Model registry, pulling and the small test model builder."""

"""Build scripts for the test model and the learned lexicons; built files land here too."""

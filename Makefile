# The two quick-start commands of README.md. Both set everything up first.
FIXTURE := fixtures/al-mayadeen
OUT := out/al-mayadeen

.PHONY: setup demo test

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/transalign align $(FIXTURE)/ar.srt $(FIXTURE)/en.srt --format json,html --out $(OUT)

test: setup
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/python -m pytest

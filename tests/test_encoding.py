"""Decoding the encodings Arabic subtitle files come in, and refusing what is not text."""

from __future__ import annotations

import pytest

from transalign.errors import InputError
from transalign.formats import read_document
from transalign.formats.encoding import decode

ARABIC = "قال محمد المشعلي، عضو مجلس الشعب السوري: إن الهجمات في البادية مستمرة؟\nنعم، والوضع صعب."


@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # without BOM
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32"),
        ("cp1256", "cp1256"),
        ("iso8859-6", "iso8859-6"),
    ],
)
def test_arabic_in_each_encoding_decodes_to_the_same_text(codec: str, reported: str) -> None:
    decoded = decode(ARABIC.encode(codec), "ar.txt")
    assert decoded.text == ARABIC
    assert decoded.encoding == reported


@pytest.mark.parametrize("text", ["مرحبا بكم في نشرة الأخبار", "الجيش السوري", "وقال الرئيس إن الحل سياسي"])
def test_short_windows_1256_is_not_mistaken_for_another_code_page(text: str) -> None:
    assert decode(text.encode("cp1256"), "short.srt") == (text, "cp1256")


def test_iso_8859_6_is_told_from_windows_1256_by_its_letters() -> None:
    text = "وقال المتحدث إن الوضع في المنطقة هادئ"
    assert text.encode("iso8859-6").decode("cp1256") != text  # the two code pages differ here
    assert decode(text.encode("iso8859-6"), "iso.txt") == (text, "iso8859-6")


def test_latin_text_in_a_legacy_code_page_is_not_read_as_arabic() -> None:
    decoded = decode("Le café est très bon, à bientôt. Où êtes-vous ? Très bien, merci.".encode("cp1252"), "fr.txt")
    assert "é" in decoded.text and "ى" not in decoded.text


def test_bom_is_removed_from_the_text() -> None:
    assert decode("\ufeffhello".encode("utf-8"), "a.txt").text == "hello"
    assert decode("hello".encode("utf-16"), "a.txt").text == "hello"


def test_explicit_encoding_overrides_detection() -> None:
    data = "قال".encode("cp1256")
    assert decode(data, "a.txt", encoding="windows-1256") == ("قال", "cp1256")


def test_explicit_encoding_that_does_not_fit_names_file_offset_and_line() -> None:
    data = "line one\nline two\nقال".encode("cp1256")
    with pytest.raises(InputError) as error:
        decode(data, "ar.srt", encoding="utf-8")
    message = str(error.value)
    assert message.startswith("ar.srt, line 3:")
    assert "offset 18" in message and "utf-8" in message
    assert "expected" in message


def test_unknown_encoding_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"a\.txt: unknown encoding 'klingon'; expected a codec name"):
        decode(b"hello", "a.txt", encoding="klingon")


def test_binary_data_with_nul_bytes_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    with pytest.raises(InputError, match=r"^image\.srt: binary file .*; expected a text file"):
        decode(png, "image.srt")


def test_control_characters_without_nul_are_refused() -> None:
    data = bytes(range(1, 32)) * 4 + b"some text"
    with pytest.raises(InputError, match=r"^blob\.txt, line 1: binary file"):
        decode(data, "blob.txt")


def test_read_document_reports_the_encoding_it_used(tmp_path) -> None:
    path = tmp_path / "ar.txt"
    path.write_bytes(ARABIC.encode("utf-16-le"))
    document = read_document(path, "ar")
    assert document.encoding == "utf-16-le"
    assert document.segments[0].text.startswith("قال محمد")

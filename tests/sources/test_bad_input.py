"""Bad input: each case is an `InputError` naming the file with a short reason, and nothing else."""

from __future__ import annotations

import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinoscope.errors import InputError, SinoscopeError
from sinoscope.sources.read import DEFAULT_MAX_BYTES, read_source

from . import report

PROSE = "The institute reported steady growth in applied research during the period under review.\n"


def rejected(path: Path, **kwargs: int) -> str:
    """The reason `read_source` gives for rejecting `path`; checks the one-line message names the file."""
    with pytest.raises(InputError) as caught:
        read_source(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert caught.value.path == str(path)
    return caught.value.reason


def test_missing_path(tmp_path: Path) -> None:
    assert rejected(tmp_path / "nowhere.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert "directory" in rejected(tmp_path)


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert rejected(fifo) == "not a regular file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(PROSE)
    path.chmod(0)
    try:
        assert rejected(path) == "permission denied"
    finally:
        path.chmod(0o600)


def test_unreadable_file_reported_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(PROSE)

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert rejected(path) == "permission denied"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert rejected(path) == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("\n   \n\t\n")
    assert rejected(path) == "no readable text"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"header\x00\x00\x01\x02" + bytes(range(256)) * 4)
    assert "binary" in rejected(path)


def test_binary_with_control_bytes_but_no_nul(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(b for b in range(1, 256)) * 8)
    assert "binary" in rejected(path)


def test_known_magic_is_named(tmp_path: Path) -> None:
    path = tmp_path / "chart.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 64)
    assert rejected(path) == "a PNG image, not a report"


def test_unsupported_extension_with_binary_content(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x13\x37\x00\x01" * 100)
    assert rejected(path) == "unsupported file type '.bin' with binary content"


def test_unsupported_extension_with_text_content_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text(PROSE)
    assert read_source(path).text == PROSE


def test_text_that_no_encoding_fits(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    path.write_bytes(b"Summary: " + bytes(range(0x80, 0x100)) * 4 + b"\n")
    assert rejected(path).startswith("not UTF-8, and no known encoding fits")


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = report.write_pdf(tmp_path / "whole.pdf").read_bytes()
    for keep in (len(whole) // 2, len(whole) - 40, 200):
        cut = tmp_path / f"cut{keep}.pdf"
        cut.write_bytes(whole[:keep])
        assert "truncated PDF" in rejected(cut)


def test_damaged_pdf_with_intact_ends(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"this is not an object stream\n" * 50 + b"%%EOF\n")
    assert rejected(path).startswith("damaged PDF")


def test_pdf_extension_without_pdf_content(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text(PROSE)
    assert rejected(path) == "not a valid PDF (no %PDF- header)"


def _encrypted_pdf(path: Path, user_password: str | None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, PROSE.strip())
    pdf.output(str(path))
    return path


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path / "locked.pdf", user_password="reader-secret")
    assert rejected(path) == "encrypted PDF (a password is needed to open it)"


def test_pdf_with_only_an_owner_password_is_readable(tmp_path: Path) -> None:
    """Permission-only encryption (no password to open) is common on published reports; it is read."""
    path = _encrypted_pdf(tmp_path / "restricted.pdf", user_password=None)
    assert read_source(path).text == PROSE


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert rejected(path) == "PDF without any text on its pages"


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_text(PROSE)
    assert rejected(path) == "not a valid DOCX (not a ZIP archive)"


def test_docx_zip_without_a_document(tmp_path: Path) -> None:
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", PROSE)
    assert rejected(path).startswith("not a valid DOCX")


def test_truncated_docx(tmp_path: Path) -> None:
    whole = report.write_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "DOCX" in rejected(path)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    assert rejected(path) == "a ZIP archive that is not a DOCX document"


def test_file_over_the_limit_is_rejected_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = rejected(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "file is 200 MB, larger than the limit of 100 MB"
    assert elapsed < 0.5
    assert peak < 1024 * 1024


def test_custom_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text(PROSE * 10)
    assert len(PROSE) == 89
    assert rejected(path, max_bytes=100) == "file is 890 bytes, larger than the limit of 100 bytes"
    assert rejected(path, max_bytes=512) == "file is 890 bytes, larger than the limit of 512 bytes"
    assert read_source(path, max_bytes=len(PROSE) * 10).text == PROSE * 10


def test_default_limit_is_100_mb() -> None:
    assert DEFAULT_MAX_BYTES == 100 * 1024 * 1024


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(min_size=0, max_size=2048),
        st.binary(max_size=1024).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF\n"),
        st.binary(max_size=1024).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=512).map(lambda t: ("<html><body>" + t).encode("utf-8", "surrogatepass")),
    ),
    ext=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".bin", ""]),
)
def test_any_bytes_give_a_source_or_an_input_error(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"fuzz{ext}"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except SinoscopeError as err:
        assert isinstance(err, InputError)
        assert "\n" not in str(err)
    else:
        assert source.text.strip()

"""Pinned browser assets: verified against their SHA-256, written whole or not at all."""

from __future__ import annotations

import hashlib
import io
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest

from sinoscope.app import serve_assets as assets
from sinoscope.app.serve_assets import Asset, AssetError


def _tarball(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


BODY = b"window.fake = 1;"
FAKE = Asset("fake.min.js", "@scope/fake", "1.2.3", "package/dist/fake.min.js", hashlib.sha256(BODY).hexdigest())


def test_fetch_writes_verified_file_and_licence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "ASSETS", (FAKE,))
    urls: list[str] = []

    def download(url: str) -> bytes:
        urls.append(url)
        return _tarball({FAKE.member: BODY, "package/LICENSE": b"MIT"})

    assert assets.fetch(tmp_path, download=download) == [FAKE]
    assert urls == ["https://registry.npmjs.org/@scope/fake/-/fake-1.2.3.tgz"]
    assert (tmp_path / "fake.min.js").read_bytes() == BODY
    assert (tmp_path / "fake.LICENSE.txt").read_bytes() == b"MIT"
    assert assets.missing(tmp_path) == []
    assert assets.fetch(tmp_path, download=download) == []  # nothing to do the second time
    assert len(urls) == 1


def test_tampered_package_is_refused_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "ASSETS", (FAKE,))
    with pytest.raises(AssetError, match="SHA-256"):
        assets.fetch(tmp_path, download=lambda url: _tarball({FAKE.member: b"evil()"}))
    assert not (tmp_path / "fake.min.js").exists()


def test_package_without_the_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = replace(FAKE, member="package/dist/other.js")
    monkeypatch.setattr(assets, "ASSETS", (other,))
    with pytest.raises(AssetError, match=r"unreadable package|not a file"):
        assets.fetch(tmp_path, download=lambda url: _tarball({FAKE.member: BODY}))


def test_a_changed_file_on_disk_counts_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "ASSETS", (FAKE,))
    (tmp_path / "fake.min.js").write_bytes(b"edited")
    assert assets.missing(tmp_path) == [FAKE]

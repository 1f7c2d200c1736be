"""Third-party browser assets (Vega, Vega-Lite, vega-embed, htmx): pinned, fetched once at set-up, served locally.

The repository holds only our own text, so these files are not committed; `sinoscope assets` downloads
the pinned npm releases, checks each file against its SHA-256, and keeps it (with its licence) in the
vendor folder the app serves at /static/vendor. After that the app needs no network at all.

Part of setting up to serve (`sinoscope assets`, and `sinoscope serve` warning when they are missing); the web
interface only mounts `vendor_dir()`.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from sinoscope.errors import SinoscopeError

REGISTRY = "https://registry.npmjs.org"
PACKAGE_VENDOR = Path(__file__).resolve().parents[1] / "interfaces" / "web" / "static" / "vendor"
"""Beside the web pages' own static files (a source checkout)."""


@dataclass(frozen=True)
class Asset:
    file: str
    """Name served under /static/vendor/."""
    package: str
    version: str
    member: str
    """Path of the file inside the npm tarball."""
    sha256: str

    @property
    def tarball_url(self) -> str:
        short = self.package.rsplit("/", 1)[-1]
        return f"{REGISTRY}/{self.package}/-/{short}-{self.version}.tgz"

    @property
    def license_file(self) -> str:
        return self.file.removesuffix(".min.js") + ".LICENSE.txt"


ASSETS = (
    Asset(
        "htmx.min.js", "htmx.org", "4.0.1", "package/dist/htmx.min.js",
        "a0abb04f2f45a1f89d1d4844023245537e5e6014c87b144553e0607b4cc32130",
    ),
    Asset(
        "vega.min.js", "vega", "6.4.0", "package/build/vega.min.js",
        "8f6a3587cf8d4f42c7e08120e3eb05d067e746d554e39d2dcf52acc0bd5ba28f",
    ),
    Asset(
        "vega-lite.min.js", "vega-lite", "6.5.0", "package/build/vega-lite.min.js",
        "83e215e84e308ee8688fa6503ba0f1cf8a3c05c0d61df2841a0b92bf86809e00",
    ),
    Asset(
        "vega-embed.min.js", "vega-embed", "7.3.0", "package/build/vega-embed.min.js",
        "b1455caba2fb1a72fb46025ba0ba1316e2dbc7f0dd40a3f6040172bf9c08ba91",
    ),
)  # fmt: skip


class AssetError(SinoscopeError):
    pass


Fetch = Callable[[str], bytes]


def vendor_dir() -> Path:
    """Where the assets live: $SINOSCOPE_ASSETS, else beside the package (a source checkout), else the user
    data folder (an installed package must not write into site-packages)."""
    if os.environ.get("SINOSCOPE_ASSETS"):
        return Path(os.environ["SINOSCOPE_ASSETS"])
    if PACKAGE_VENDOR.is_dir() or os.access(PACKAGE_VENDOR.parent, os.W_OK):
        return PACKAGE_VENDOR
    return Path(user_data_dir("sinoscope", appauthor=False)) / "web-vendor"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def missing(directory: Path | None = None) -> list[Asset]:
    """Assets absent from `directory` or not byte-identical to their pin."""
    folder = directory or vendor_dir()
    return [a for a in ASSETS if not (folder / a.file).is_file() or _sha256((folder / a.file).read_bytes()) != a.sha256]


def _download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data: bytes = response.read()
            return data
    except OSError as err:
        raise AssetError(f"{url}: download failed ({err})") from err


def fetch(directory: Path | None = None, *, download: Fetch = _download) -> list[Asset]:
    """Download and verify every missing asset; returns what was written. Nothing half-written is kept."""
    folder = directory or vendor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Asset] = []
    for asset in missing(folder):
        data, licence = _unpack(asset, download(asset.tarball_url))
        if _sha256(data) != asset.sha256:
            raise AssetError(f"{asset.package}@{asset.version}: {asset.member} does not match its pinned SHA-256")
        _write_atomic(folder / asset.file, data)
        if licence is not None:
            _write_atomic(folder / asset.license_file, licence)
        written.append(asset)
    return written


def _unpack(asset: Asset, tarball: bytes) -> tuple[bytes, bytes | None]:
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
            member = tar.extractfile(asset.member)
            if member is None:
                raise AssetError(f"{asset.package}@{asset.version}: {asset.member} is not a file")
            licence = tar.extractfile("package/LICENSE") if "package/LICENSE" in tar.getnames() else None
            return member.read(), licence.read() if licence is not None else None
    except (tarfile.TarError, KeyError) as err:
        raise AssetError(f"{asset.package}@{asset.version}: unreadable package ({err})") from err


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)

"""Bytes to text without guessing when the bytes say what they are, and with a narrow guess when not.

UTF-8 (with or without a BOM) and BOM-marked UTF-16/32 are decoded exactly. Anything else goes to
charset-normalizer, first restricted to the legacy encodings this corpus meets in practice (Windows
Western cp1252 and Chinese GB18030) because an unrestricted guess on a short file often picks an exotic
code page (cp775, EBCDIC) that decodes without error into the wrong characters; then to a short list of
other common CJK and European encodings. If none fits without mess the file is rejected rather than
silently turned into mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from sinoscope.sources.reject import Rejected

PREFERRED = ("cp1252", "gb18030")
OTHER_MULTIBYTE = ("big5", "cp932", "euc_jp", "euc_kr")
OTHER_SINGLE_BYTE = ("cp1251", "cp1250")
MAX_CHAOS = 0.1
"""charset-normalizer's mess ratio above which a guess is not trusted (Japanese read as GB18030 scores
about 0.17, real GB18030 Chinese 0.0, cp1252 with curly quotes and a euro sign about 0.04)."""
MIN_COHERENCE = 0.2
"""A single-byte code page decodes any bytes at all, so outside the preferred ones it must also yield
recognisable language; multi-byte encodings are self-checking enough without it."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    """The decoded file with only a leading BOM removed: offsets are indices into this string."""
    encoding: str


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` is a charset the file names itself (an HTML <meta>), tried after UTF-8."""
    bom = bom_encoding(data)
    if bom is not None:
        try:
            text = data.decode("utf-8-sig" if bom == "utf-8" else bom)
        except UnicodeDecodeError as err:
            name = bom.upper()
            raise Rejected(f"starts with a {name} byte-order mark but is not valid {name}") from err
        return Decoded(text.removeprefix("\ufeff"), bom)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None:
        named = _declared(data, declared)
        if named is not None:
            return named
    passes = ((PREFERRED, 0.0), (OTHER_MULTIBYTE, 0.0), (OTHER_SINGLE_BYTE, MIN_COHERENCE))
    for candidates, coherence in passes:
        guess = _guess(data, candidates, coherence)
        if guess is not None:
            return guess
    tried = ", ".join((*PREFERRED, *OTHER_MULTIBYTE, *OTHER_SINGLE_BYTE))
    raise Rejected(f"not UTF-8, and no known encoding fits (tried {tried})")


def _declared(data: bytes, declared: str) -> Decoded | None:
    """Browsers read a declared Latin-1 or ASCII page as cp1252, and so do we."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name in {"latin-1", "iso8859-1", "ascii"}:
        name = "cp1252"
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes, candidates: tuple[str, ...], min_coherence: float) -> Decoded | None:
    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None or best.chaos > MAX_CHAOS or best.coherence < min_coherence:
        return None
    name = codecs.lookup(best.encoding).name
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError:
        return None

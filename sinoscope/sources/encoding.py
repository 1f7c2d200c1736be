"""Bytes to text without guessing when the bytes say what they are, and with a narrow guess when not.

UTF-8 (with or without a BOM) and BOM-marked UTF-16/32 are decoded exactly. Anything else goes to
charset-normalizer, first restricted to the legacy encodings this corpus meets in practice (Windows
Western cp1252 and Chinese GB18030) because an unrestricted guess on a short file often picks an exotic
code page (cp775, EBCDIC) that decodes without error into the wrong characters; then to a short list of
other common CJK and European encodings. If none fits without mess the file is rejected rather than
silently turned into mojibake.

Damaged files are still read: a UTF-8 file with a few invalid bytes (a truncated download, one byte
flipped) is UTF-8 when its valid multi-byte sequences far outnumber the invalid ones, which legacy
encodings almost never produce by chance (and, when no legacy encoding fits either, when they merely
outnumber them, as in a short file); the invalid bytes become U+FFFD and `Decoded.replaced` counts
them so the caller can warn. UTF-16 without a byte-order mark is recognised by its zero bytes, which fall
on one parity only (the high byte of every ASCII character).
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from dataclasses import dataclass

from charset_normalizer import from_bytes

from sinoscope.sources.reject import Rejected

PREFERRED = ("cp1252", "gb18030")
OTHER_MULTIBYTE = ("big5", "cp932", "euc_jp", "euc_kr")
OTHER_SINGLE_BYTE = ("cp1251", "cp1250")
MAX_CHAOS = 0.1
"""charset-normalizer's mess ratio above which a guess is not trusted (Japanese read as GB18030 scores
about 0.17, real GB18030 Chinese 0.0, cp1252 with curly quotes and a euro sign about 0.04)."""
MAX_INVALID_SHARE = 0.05
"""Invalid sequences, as a share of all multi-byte ones, up to which bytes are UTF-8 with damage: GB18030
Chinese read as UTF-8 has about nine invalid sequences for each valid-looking one."""
MAX_REPLACED_SHARE = 0.01
"""When no encoding fits, up to this share of bytes may be replaced before the file counts as undecodable."""
MIN_UTF16_ZEROS = 0.05
"""Share of 2-byte units with a zero high byte (ASCII letters, digits, newlines) that marks BOM-less UTF-16;
the other parity must have almost none."""
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
    replaced: int = 0
    """How many invalid bytes (or sequences) were replaced with U+FFFD."""


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
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _replacing(data, utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _damaged_utf8(data):
        return _replacing(data, "utf-8")
    if declared is not None:
        named = _declared(data, declared)
        if named is not None:
            return named
    passes = ((PREFERRED, 0.0), (OTHER_MULTIBYTE, 0.0), (OTHER_SINGLE_BYTE, MIN_COHERENCE))
    for candidates, coherence in passes:
        guess = _guess(data, candidates, coherence)
        if guess is not None:
            return guess
    damaged = _replacing(data, "utf-8")
    valid, invalid = _utf8_counts(data)
    if damaged.replaced <= MAX_REPLACED_SHARE * len(data) or valid > invalid:
        return damaged
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


def utf16_without_bom(data: bytes) -> str | None:
    """The codec ("utf-16-le"/"utf-16-be") when the zero bytes sit on one parity only and the units read as text
    (few control characters), else None."""
    sample = data[:65536]
    units = len(sample) // 2
    if units < 2 or b"\x00" not in sample:
        return None
    even = sample[0 : units * 2 : 2].count(0)
    odd = sample[1 : units * 2 : 2].count(0)
    if odd >= MIN_UTF16_ZEROS * units and even <= odd // 20:
        name = "utf-16-le"
    elif even >= MIN_UTF16_ZEROS * units and odd <= even // 20:
        name = "utf-16-be"
    else:
        return None
    text = sample[: units * 2].decode(name, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0b\x0c")
    return name if controls <= MAX_REPLACED_SHARE * units else None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}|[\x80-\xff]")


def _damaged_utf8(data: bytes) -> bool:
    """Mostly valid multi-byte UTF-8 with a few invalid bytes between (counted in the first megabyte)."""
    valid, invalid = _utf8_counts(data)
    return valid > 0 and invalid <= MAX_INVALID_SHARE * (valid + invalid)


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """Valid multi-byte UTF-8 sequences and invalid high bytes in the first megabyte."""
    valid = invalid = 0
    for match in _UTF8_SEQUENCE.finditer(data, 0, 1 << 20):
        if len(match.group()) > 1:
            valid += 1
        else:
            invalid += 1
    return valid, invalid


def _replacing(data: bytes, encoding: str) -> Decoded:
    """Decode with U+FFFD for what does not fit, counting the replacements."""
    counter = [0]
    token = _REPLACEMENTS.set(counter)
    try:
        text = data.decode(encoding, errors=_COUNTING)
    finally:
        _REPLACEMENTS.reset(token)
    return Decoded(text, encoding, counter[0])


def _count_and_replace(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    counter = _REPLACEMENTS.get()
    if counter is not None:
        counter[0] += 1
    return "\ufffd", err.end


_REPLACEMENTS: ContextVar[list[int] | None] = ContextVar("sinoscope_replacements", default=None)
_COUNTING = "sinoscope-count-replacements"
codecs.register_error(_COUNTING, _count_and_replace)

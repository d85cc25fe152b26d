"""Turning a transcript file's bytes into text: size limit first, then the encoding.

Researchers' files come as UTF-8 (with or without a byte-order mark), UTF-16 (Windows tools,
Teams) and Windows-1252 (older Word and Notepad exports). The encoding is told from the bytes.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from coprod_lab.config import setting
from coprod_lab.transcripts.table import TranscriptError

# Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252 text.
_NOT_CP1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused before reading when it is over the size limit."""
    limit = setting("max_transcript_mb") * 1024 * 1024
    try:
        size = path.stat().st_size
        if size > limit:
            raise TranscriptError(
                path,
                None,
                f"is {size / 1024 / 1024:.1f} MB, over the {setting('max_transcript_mb')} MB "
                "limit (setting max_transcript_mb).",
            )
        return path.read_bytes()
    except OSError as error:
        raise TranscriptError(path, None, f"cannot be opened ({error.strerror}).") from None


def decode(raw: bytes, path: Path) -> str:
    """The text in `raw`, whichever of the supported encodings it uses."""
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8) :], "utf-8", path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", path)
    if _looks_like_utf16(raw):
        order = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        return _strict(raw, order, path)
    if b"\x00" in raw:
        raise TranscriptError(path, None, "is not a text file (it holds binary data).")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if any(b in _NOT_CP1252 for b in raw) or _has_control_bytes(raw):
            line = raw[: error.start].count(b"\n") + 1
            raise TranscriptError(
                path, line, "is not text in UTF-8, UTF-16 or Windows-1252."
            ) from None
        return raw.decode("cp1252")


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count("\n".encode(encoding.replace("-sig", ""))) + 1
        raise TranscriptError(path, line, f"is not valid {encoding.upper()} text.") from None
    if "\x00" in text:
        raise TranscriptError(path, None, "is not a text file (it holds binary data).")
    return text.removeprefix("\ufeff")


def _looks_like_utf16(raw: bytes) -> bool:
    # ASCII text in UTF-16 without a byte-order mark: every other byte is zero.
    sample = raw[:200]
    if len(sample) < 4:
        return False
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    return (odd_zeros > 0.9 and even_zeros < 0.1) or (even_zeros > 0.9 and odd_zeros < 0.1)


def _has_control_bytes(raw: bytes) -> bool:
    return any(b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C) for b in raw)

"""Reading a file as UTF-8 text with clear errors."""
from __future__ import annotations

from pathlib import Path

from annotator.errors import InputError


def read_utf8(path: Path) -> str:
    """The file's text; a file that is not UTF-8 or holds NUL bytes is refused with its name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(str(path), "contains NUL characters: a binary file, not text", line)
    return text

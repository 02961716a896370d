"""Output locations: readable Thai folder names that can never escape the output root, atomic writes."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once: files get the permissions a plain open() would give them
MAX_NAME_BYTES = 200  # under the 255-byte limit of common filesystems (with room for .tmp names); Thai is 3 bytes a letter
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(name: str, fallback: str = "unnamed") -> str:
    """A single path component from any text: no separators, no '..', no control characters, bounded length."""
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")  # no leading dots (hidden, '..'), no trailing dots/spaces
    if not text or set(text) <= {"_", "."}:
        text = fallback
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        text = encoded[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" .")
    return text


def inside(root: Path, *parts: str) -> Path:
    """root/part/… made of safe names, checked to resolve inside root."""
    path = Path(root).joinpath(*(safe_name(p) for p in parts))
    root_resolved = Path(root).resolve()
    if not path.resolve().is_relative_to(root_resolved):  # defence in depth; safe_name already prevents it
        raise ValueError(f"refusing to write outside {root_resolved}: {path}")
    return path


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def clean_temporaries(root: Path) -> int:
    """Remove temporary files a killed run left behind; returns how many."""
    count = 0
    for tmp in Path(root).rglob(".*.tmp"):
        try:
            tmp.unlink()
            count += 1
        except OSError:
            pass
    return count


# --------------------------------------------------------------------------- bundled files

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the toolkit package
REPO_DIR = PACKAGE_DIR.parent  # a checkout: notebooks/ and params/examples/ sit beside toolkit/


def _bundled(inside_package: str, in_checkout: str) -> Path:
    """A folder shipped in the wheel (mapped into the package at build time) or, in a checkout, at the top."""
    packaged = PACKAGE_DIR / inside_package
    return packaged if packaged.is_dir() else REPO_DIR / in_checkout


def notebooks_dir() -> Path:
    """The document notebooks (notebooks/ at the top of a checkout)."""
    return _bundled("notebooks", "notebooks")


def examples_dir() -> Path:
    """The bundled example params files and tables (params/examples/ in a checkout)."""
    return _bundled("examples", "params/examples")

"""Where an export may write, and writing there safely.

``--out`` names a file to create or replace, nothing else. Refused, before anything is written: a
folder, a device, a FIFO, a socket, the open store (by any name: a hard link, a symbolic link),
its journal files, a path in the store's folder named as the store is, and a symbolic link whose
target is any of these or does not exist. A regular file (or a link to one) is replaced through a
temporary file in its own folder, renamed over it at the end, with the file's mode kept; a new
file gets the mode a new file gets from the umask. A failed export leaves no half file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsgraph.query import QueryError

# The files SQLite keeps beside a database (WAL mode, rollback journal, WAL2's second log).
STORE_SIDECARS = ("", "-wal", "-shm", "-journal", "-wal2")


@dataclass(frozen=True)
class Target:
    """The file an export will write: ``path`` as given, ``real`` the file it names (through
    links), ``replaces`` whether a file is there now, and its ``mode`` (None for a new file)."""

    path: Path
    real: Path
    replaces: bool
    mode: int | None

    def describe(self) -> str:
        """``events.tsv (new file)``, ``events.tsv (replaced the existing file)`` ..."""
        how = "replaced the existing file" if self.replaces else "new file"
        if self.real != self.path.absolute():
            how += f", through the symbolic link to {self.real}"
        return f"{self.path} ({how})"


def check(out: str | Path, store: Path) -> Target:
    """The Target for ``--out out``, or a QueryError saying why that path is refused."""
    path = Path(out)
    real = Path(os.path.realpath(path))
    link = path.is_symlink()
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if link:
            raise QueryError(f"--out {out} is a symbolic link to {real}, which does not exist") from None
        info = None
    except OSError as exc:
        raise QueryError(f"--out {out} cannot be written: {exc.strerror or exc}") from None
    through = f" (a symbolic link to {real})" if link else ""
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise QueryError(f"--out {out}{through} is {_kind(info.st_mode)}, not a file; give a file name")
    _check_not_store(out, path, real, info, store, through)
    if not real.parent.is_dir():
        real.parent.mkdir(parents=True, exist_ok=True)
    return Target(path, real, info is not None, None if info is None else stat.S_IMODE(info.st_mode))


def _check_not_store(
    out: str | Path, path: Path, real: Path, info: os.stat_result | None, store: Path, through: str
) -> None:
    store_real = Path(os.path.realpath(store))
    for suffix in STORE_SIDECARS:
        sidecar = store_real.with_name(store_real.name + suffix)
        named_so = real == sidecar or path.absolute() == store.absolute().with_name(store.name + suffix)
        same_file = info is not None and sidecar.exists() and os.path.samefile(real, sidecar)
        if named_so or same_file:
            what = "the open store" if not suffix else f"the store's {suffix.lstrip('-')} file"
            raise QueryError(f"--out {out}{through} is {what} ({store}); give another file name")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


@contextmanager
def writing(target: Target) -> Iterator[Path]:
    """A temporary file beside ``target.real`` to write; renamed over it when the block ends
    without an exception (removed when it raises), with the replaced file's mode, or a new
    file's (0666 less the umask: mkstemp's own 0600 would hide the export from its readers)."""
    handle, name = tempfile.mkstemp(dir=target.real.parent, prefix=f".{target.real.name}.", suffix=".part")
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.chmod(partial, target.mode if target.mode is not None else 0o666 & ~_umask())
        os.replace(partial, target.real)
    finally:
        partial.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

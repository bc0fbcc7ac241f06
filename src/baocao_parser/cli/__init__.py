"""The ``baocao`` command: one sub-command per module in this package.

Each sub-command module has ``register(subparsers)`` that adds its parser and
sets ``func``; ``main`` only wires them together, so adding a command never
touches the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__

COMMANDS = ("parse", "schema", "batch", "search", "compare", "timeline", "export", "report")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="baocao", description="Parse Vietnamese administrative reports (báo cáo) into typed data.")
    ap.add_argument("--version", action="version", version=f"baocao_parser {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(__name__):
                continue  # that command is not part of this build
            raise
        module.register(sub)
    return ap


EXIT_CODES = {0: "done (at least one file parsed, or a query answered)", 1: "nothing could be done: no file parsed, "
              "no match, or an error named on stderr", 2: "wrong usage (unknown option, missing argument)",
              130: "interrupted (Ctrl-C or SIGTERM); a batch resumes where it stopped"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; every error reaching here is one line on stderr, never a traceback."""
    _safe_streams()
    ap = build_parser()
    args = ap.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: one line naming the command and the reason
        from ..bounds import printable_path

        print(f"baocao {args.command}: {printable_path(_one_line(exc, getattr(args, 'archive', None)))}", file=sys.stderr)
        return 1


def _one_line(exc: BaseException, archive: str | None) -> str:
    """``ARCHIVE: reason`` or ``FILE: reason`` on one line, whatever the exception."""
    import sqlite3

    from ..errors import BaocaoError

    if isinstance(exc, BaocaoError):
        return " ".join(str(exc).split())
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename or archive or ''}: {exc.strerror}".lstrip(": ")
    text = " ".join(str(exc).split())[:300]
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    if isinstance(exc, sqlite3.DatabaseError) or (archive and isinstance(exc, ValueError)):
        reason = f"the archive is damaged or unreadable ({reason})"
    return f"{archive}: {reason}" if archive else reason


def _safe_streams() -> None:
    """Names with undecodable bytes or odd characters must print, whatever stdout's encoding."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # pragma: no cover - a replaced stream
            pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

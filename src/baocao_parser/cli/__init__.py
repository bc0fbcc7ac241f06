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


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

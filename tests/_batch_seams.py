"""Parsers that misbehave on purpose, for the batch tests (test seams live here, not in the library).

``parse_many(..., parser=misbehaving)`` hangs on files whose name holds ``HANG-``
and kills its worker on ``CRASH-``; :func:`slow` wraps the real parser with a
delay.  ``python tests/_batch_seams.py SECONDS batch …`` runs the ``baocao`` CLI
with every parse slowed by SECONDS (for kill -9 and two-batches tests).
"""

from __future__ import annotations

import functools
import os
import sys
import time

from baocao_parser.batch import run as batch_run


def misbehaving(path: str):
    name = os.path.basename(path)
    if name.startswith("HANG-"):
        while True:
            time.sleep(3600)
    if name.startswith("CRASH-"):
        os._exit(3)
    return batch_run.default_parse(path)


def _slow(seconds: float, path: str):
    time.sleep(seconds)
    return batch_run.default_parse(path)


def slow(seconds: float):
    return functools.partial(_slow, seconds)


if __name__ == "__main__":
    delay = float(sys.argv[1])
    real = batch_run.default_parse

    def _delayed(path: str):
        time.sleep(delay)
        return real(path)

    batch_run.default_parse = _delayed
    from baocao_parser.cli import main

    sys.exit(main(sys.argv[2:]))

"""``baocao schema``: print the JSON Schema of :class:`Report`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..report import Report


def register(sub: Any) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of a parsed report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    json.dump(Report.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0

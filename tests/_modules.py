"""Load a script that is not a package module (the sample builders, the shared scorer) as a module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_module(path: Path, name: str, *, beside: Path | None = None) -> ModuleType:
    """The file ``path`` run as the module ``name``; ``beside``: a folder put on ``sys.path`` while it loads,
    for a script that imports its neighbours (``captures.py`` imports ``real.py``)."""
    if beside is not None:
        sys.path.insert(0, str(beside))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        return mod
    finally:
        if beside is not None:
            sys.path.remove(str(beside))

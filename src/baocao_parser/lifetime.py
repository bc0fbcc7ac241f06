"""Processes we start die with us, and we can stop a process with everything it started.

Batch workers, OCR page workers and LibreOffice are processes of our own.  A
worker asks Linux to kill it when its parent dies (``PR_SET_PDEATHSIG``), so
killing ``baocao batch`` (even with ``kill -9``) leaves nothing running; and
:func:`kill_tree` stops a timed-out worker with every process below it, whatever
process group or session they moved to (LibreOffice runs in a session of its own).
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover
            pass
    if os.getppid() != parent:
        os._exit(0)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from Linux ``/proc``; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid``'s process group and every process below it, with their groups (never our own group)."""
    below = descendants(pid)
    groups = {pid}
    for p in below:
        try:
            groups.add(os.getpgid(p))
        except OSError:
            pass
    own = os.getpgrp()
    for g in groups:
        if g > 1 and g != own:
            try:
                os.killpg(g, signal.SIGKILL)
            except OSError:
                pass
    for p in [pid, *below]:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass

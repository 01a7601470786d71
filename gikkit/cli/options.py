"""Options several subcommands share, defined once so they mean the same everywhere."""
from __future__ import annotations

import argparse

from ..limits import READ_SECONDS


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds above 0")
    return value


def add_timeout(parser: argparse.ArgumentParser, also: str = "") -> None:
    """``--timeout SECONDS``: a file that takes longer to read is given up on and listed (a single file too)."""
    parser.add_argument("--timeout", type=positive_seconds, default=None, metavar="SECONDS",
                        help=f"give up on a file that takes longer than this to read{also} "
                             f"(default: {READ_SECONDS:g}); each file is read in a worker process with a time "
                             "and a memory limit")


def read_timeout(args) -> float:
    """The seconds a file may take to read, from the shared ``--timeout``."""
    return getattr(args, "timeout", None) or READ_SECONDS

"""Options several subcommands share, defined once so they mean the same everywhere."""
from __future__ import annotations

import argparse
import sys

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


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_jobs(parser: argparse.ArgumentParser) -> None:
    """``-j/--jobs N``: worker processes reading files, the same in every command."""
    parser.add_argument("-j", "--jobs", type=positive_int, default=None, metavar="N",
                        help="worker processes reading files (default: all cores)")


def no_files(paths) -> bool:
    """True (after saying so on stderr, the same words in every command) when ``paths`` hold nothing to read.

    A command that gets True exits 1: an empty folder is most often a wrong path, never a success.
    """
    from ..dataset import scan_paths

    if paths and scan_paths(paths):
        return False
    print(f"gikkit: no files found in {', '.join(map(str, paths))}", file=sys.stderr)
    return True

"""The ``gikkit`` command: a few subcommands over the library.

Each subcommand is a module here with ``add_parser(subparsers)`` and ``run(args) -> int``;
add one by naming it in ``COMMANDS``.
"""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("parse", "check", "export", "notice")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gikkit",
        description="Read, check and publish government information-disclosure annual reports.")
    from .. import __version__

    parser.add_argument("-V", "--version", action="version", version=f"gikkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.{name}":
                continue  # a subcommand not built yet
            raise
        module.add_parser(sub).set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

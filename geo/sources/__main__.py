"""python -m geo.sources update --dep 29 [--source finess|communes|barometre] [--yes]

Prints, for each source, where the data comes from and what changes; saves
only with --yes (password from CARTE_ANALYST_PASSWORD). Exit 0 when every
source was saved or unchanged, 1 when one failed (one French line, never a
traceback), 3 when changes were found but not saved (no --yes).
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from geo import texts
from geo.importing.report import short_error
from geo.reference import DEFAULT_DEPARTEMENT
from geo.sources.http import SourceError
from geo.sources.update import SOURCES, prepare, save
from geo.store import StoreError, configured_password_hash, open_store

FAILED, NOT_SAVED = 1, 3


def _print(line: str) -> None:
    # Text from the servers reaches a terminal: no control character (ANSI escapes could rewrite the screen).
    print(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", line))


def run(source: str, dep: str, yes: bool) -> int:
    store = open_store(password_hash=configured_password_hash())
    password = os.environ.get("CARTE_ANALYST_PASSWORD")
    code = 0
    for prepared in prepare(source, dep, store):
        for line in prepared.lines():
            _print(line)
        if prepared.unchanged:
            _print(texts.SOURCES_CLI_UNCHANGED.format(layer=prepared.layer))
        elif not yes:
            _print(texts.SOURCES_CLI_NEED_YES)
            code = NOT_SAVED
        elif not store.can_write(password):
            raise SourceError(texts.SOURCES_CLI_NO_PASSWORD)
        else:
            version = save(prepared, store, password, texts.SOURCES_CLI_AUTHOR)
            _print(texts.SOURCES_CLI_SAVED.format(version=version.version if version else "—", layer=prepared.layer))
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.sources", description=texts.SOURCES_CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    update = commands.add_parser("update")
    update.add_argument("--dep", default=DEFAULT_DEPARTEMENT)
    update.add_argument("--source", choices=SOURCES, action="append")
    update.add_argument("--yes", action="store_true")
    args = parser.parse_args(argv)
    code = 0
    for source in args.source or SOURCES:
        try:
            code = max(code, run(source, args.dep, args.yes))
        except (SourceError, StoreError) as exc:
            _print(texts.SOURCES_CLI_ERROR.format(source=source, message=exc))
            code = FAILED
        except Exception as exc:  # never a traceback: one French line says what broke
            _print(texts.SOURCES_CLI_ERROR.format(source=source, message=texts.SOURCES_CLI_INTERNAL.format(
                detail=short_error(exc))))
            code = FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())

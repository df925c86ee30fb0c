"""The click group behind the `newsgraph` Typer app: readable help and one error style.

Typer (0.29) labels every option with its Python type (``--limit <str>``, ``--quiet <bool>``,
``--cameo <list[str]>``) and prints usage errors in a box, while our own errors are one
``error: ...`` line. :class:`NewsgraphGroup` fixes both where the app is built, so every command
(the query commands, ``eval``, and commands added later) gets them without each option repeating
it:

- a flag shows no value placeholder, and an option without an explicit ``metavar`` gets one named
  for what it takes (``N``, ``PATH``, ``TEXT``);
- a usage error (unknown option, missing argument, bad number) is one line on stderr,
  ``error: <what> (see `newsgraph CMD --help`)``, exit status 2, like the errors of the commands;
- an exception no command handled (a bug) is its traceback and one line,
  ``error: crashed: <what>``, exit status 3: never mistaken for "some documents failed" (1).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup

try:  # The pinned Typer carries its own copy of click, whose exceptions are not click's.
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click.exceptions import ClickException, UsageError  # type: ignore[assignment]


#: Exit statuses of every command (README, "Exit codes"): all done; some documents failed and
#: were recorded (ingest, reanalyze, demo); a usage or store error; the command crashed.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CRASHED = 0, 1, 2, 3


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` (itself first) with its path of names, in listing order."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


def metavar(param: Any) -> str:
    """The placeholder help shows for a parameter's value ("" for a flag)."""
    if param.metavar is not None:
        return param.metavar
    if getattr(param, "is_flag", False):
        return ""
    if isinstance(param, TyperArgument):
        return (param.name or "value").upper()
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    element = getattr(annotation, "__args__", (annotation,))[0]
    if element in (int, float):
        return "N"
    if isinstance(element, type) and issubclass(element, Path):
        return "PATH"
    return "TEXT"


def tidy(command: Any) -> None:
    """Give every parameter of ``command`` and its subcommands a readable placeholder.

    Idempotent: the group runs it when built and again before it runs, because Typer appends the
    shell-completion options after building it."""
    for _, cmd in walk(command):
        for param in cmd.params:
            param.metavar = metavar(param)
            if isinstance(param, TyperArgument):
                # The Rich help shows an argument's Python type beside its name and ignores the
                # metavar there; the name column already carries the placeholder.
                param.display_type_rich = _no_type  # type: ignore[method-assign]
        if not hasattr(cmd, "_newsgraph_help"):
            # click makes the -h/--help option on demand, so it is tidied when it is made.
            cmd._newsgraph_help = cmd.get_help_option
            cmd.get_help_option = _flag_help_option(cmd._newsgraph_help)


def _no_type(ctx: Any) -> str:
    return ""


def _flag_help_option(make: Any) -> Any:
    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    return get_help_option


def usage_error_line(exc: ClickException) -> str:
    """A click error as our one-line style: ``error: <message> (see `CMD --help`)``."""
    message = " ".join(exc.format_message().split()).removesuffix(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, UsageError) and ctx is not None:
        return f"error: {message} (see `{ctx.command_path} --help`)"
    return f"error: {message}"


class NewsgraphGroup(TyperGroup):
    """The app's group: tidy help placeholders, and usage errors in the commands' error style."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        tidy(self)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        tidy(self)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            # Not standalone: click hands usage errors to us instead of printing its own box;
            # an explicit typer.Exit comes back as its status.
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                # The help it carries: Rich has printed it already, plain mode has it as text.
                shown = exc.format_message()
                if shown.strip():
                    print(shown, file=sys.stderr)
            else:
                print(usage_error_line(exc), file=sys.stderr)
            sys.exit(exc.exit_code)
        except typer.Abort:
            # click's word for Ctrl-C (or end of input at a prompt): the shell's status for SIGINT.
            print("error: aborted", file=sys.stderr)
            sys.exit(130)
        except Exception as exc:
            # A bug: its traceback for the report, then one line that says what kind of end it was.
            traceback.print_exc()
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:500]
            print(f"error: crashed: {message} (what was stored stays stored)", file=sys.stderr)
            sys.exit(EXIT_CRASHED)
        sys.exit(status if isinstance(status, int) else 0)

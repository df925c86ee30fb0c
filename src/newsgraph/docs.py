"""The command reference in ``docs/cli/``: one Markdown page per command group, generated from the
Typer app itself, so it says what ``--help`` says.

    python -m newsgraph.docs            # write docs/cli/*.md (from the repository root)
    python -m newsgraph.docs --check    # exit 1 when a page is missing or out of date

``tests/test_docs.py`` runs the check, so a changed option or docstring fails the suite until the
pages are written again. A command no group lists gets a page of its own, named after it.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path
from typing import Any

import typer

from newsgraph.cli_group import metavar, tidy

#: Page name -> (title, what the group is for, its commands in reading order).
GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ingest": (
        "Building a store",
        "Read documents into a store, keep it up to date, and look at what it holds.",
        ("ingest", "spark", "load", "reanalyze", "show", "stats", "demo"),
    ),
    "query": (
        "Listing and searching",
        "Records of the store, filtered; every listing prints a table or, with --json / --format, "
        "JSON, JSON Lines or CSV.",
        ("articles", "events", "actors", "quotes", "places", "search", "actor"),
    ),
    "aggregate": (
        "Counting",
        "Events counted per period, per pair of actors and per country.",
        ("timeline", "network", "countries"),
    ),
    "signals": (
        "How the news talks",
        "Theme counts, tone timelines and who is named with whom (GDELT's Global Knowledge Graph side).",
        ("themes", "tone", "comentions"),
    ),
    "export": ("Exporting", "Tables as files other tools read.", ("export",)),
    "eval": ("Measuring", "Accuracy against gold data (`newsgraph eval CAPABILITY`).", ("eval",)),
}
DOCS = Path("docs") / "cli"


def command() -> Any:
    """The app's click command, tidied as it is when it runs."""
    from newsgraph.cli import app

    root = typer.main.get_command(app)
    tidy(root)
    return root


def pages(root: Any | None = None) -> dict[str, str]:
    """File name -> Markdown, for every page of the reference (the index included)."""
    root = root or command()
    commands: dict[str, Any] = dict(root.commands)
    out: dict[str, str] = {}
    index = [
        "# Command reference",
        "",
        "Generated from the command line itself by `python -m newsgraph.docs`; "
        "`newsgraph COMMAND --help` (or `-h`) prints the same.",
        "",
        *_options_table(root, "Options of `newsgraph` itself"),
        "",
    ]
    grouped = {name for _, _, names in GROUPS.values() for name in names}
    listing: list[tuple[str, str, str, tuple[str, ...]]] = [
        (page, title, about, tuple(n for n in names if n in commands))
        for page, (title, about, names) in GROUPS.items()
    ]
    listing += [(name, f"`{name}`", "", (name,)) for name in sorted(commands) if name not in grouped]
    for page, title, about, names in listing:
        if not names:
            continue
        out[f"{page}.md"] = _page(title, about, [(n, commands[n]) for n in names])
        index.append(f"## [{title}]({page}.md)")
        index.append("")
        for name in names:
            index.append(f"- `newsgraph {name}`: {_summary(commands[name])}")
        index.append("")
    out["README.md"] = "\n".join(index).rstrip() + "\n"
    return out


def _page(title: str, about: str, commands: list[tuple[str, Any]]) -> str:
    lines = [f"# {title}", ""]
    if about:
        lines += [about, ""]
    for name, cmd in commands:
        lines += _command(["newsgraph", name], cmd)
    return "\n".join(lines).rstrip() + "\n"


def _command(path: list[str], cmd: Any) -> list[str]:
    lines = [f"{'#' * min(len(path), 4)} `{' '.join(path)}`", "", "```", _usage(path, cmd), "```", ""]
    text = inspect.cleandoc(cmd.help or "")
    if text:
        lines += [text, ""]
    lines += _arguments(cmd)
    lines += _options_table(cmd, "Options")
    lines.append("")
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        lines += _command([*path, name], sub)
    return lines


def _summary(cmd: Any) -> str:
    text = inspect.cleandoc(cmd.short_help or cmd.help or "")
    return text.split("\n\n")[0].replace("\n", " ")


def _usage(path: list[str], cmd: Any) -> str:
    pieces = [*path, "[OPTIONS]"]
    for param in cmd.params:
        if param.param_type_name != "argument":
            continue
        shown = metavar(param) + ("..." if param.nargs != 1 else "")
        pieces.append(shown if param.required else f"[{shown}]")
    if getattr(cmd, "commands", None):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _arguments(cmd: Any) -> list[str]:
    rows = [p for p in cmd.params if p.param_type_name == "argument"]
    if not rows:
        return []
    lines = ["| argument | description |", "|---|---|"]
    for param in rows:
        need = "" if param.required else " (optional)"
        lines.append(f"| `{metavar(param)}` | {_cell(param.help or '')}{need} |")
    return [*lines, ""]


def _options_table(cmd: Any, heading: str) -> list[str]:
    rows = [p for p in cmd.params if p.param_type_name == "option" and not p.hidden]
    lines = [f"{heading}:", "", "| option | value | description | default |", "|---|---|---|---|"]
    for param in rows:
        names = ", ".join(f"`{n}`" for n in [*param.opts, *param.secondary_opts])
        value = metavar(param)
        need = " (required)" if param.required else ""
        lines.append(
            f"| {names} | {f'`{value}`' if value else ''} | {_cell(param.help or '')}{need}{_envvar(param)} "
            f"| {_default(param)} |"
        )
    lines.append("| `-h`, `--help` |  | Show the help and exit. |  |")
    return lines


def _default(param: Any) -> str:
    value = param.default
    if value is None or value is False or value in ("", [], ()) or getattr(param, "is_flag", False):
        return ""
    return f"`{value}`"


def _envvar(param: Any) -> str:
    return f" (env `{param.envvar}`)" if getattr(param, "envvar", None) else ""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def write(folder: Path = DOCS) -> list[Path]:
    """Write every page, and remove pages of commands that are gone; return what changed."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    changed = []
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for path in sorted(folder.glob("*.md")):
        if path.name not in wanted:
            path.unlink()
            changed.append(path)
    return changed


def stale(folder: Path = DOCS) -> list[str]:
    """Pages missing or different from what the app generates now, and pages of no command."""
    wanted = pages()
    found = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    out = [
        name
        for name, text in wanted.items()
        if name not in found or (folder / name).read_text(encoding="utf-8") != text
    ]
    return out + sorted(found - set(wanted))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsgraph.docs", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DOCS, help="where the pages go (docs/cli)")
    parser.add_argument("--check", action="store_true", help="only say whether the pages are current")
    args = parser.parse_args(argv)
    if args.check:
        behind = stale(args.folder)
        for name in behind:
            print(f"out of date: {args.folder / name}", file=sys.stderr)
        if behind:
            print("run `python -m newsgraph.docs` to write them again", file=sys.stderr)
        return 1 if behind else 0
    for path in write(args.folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

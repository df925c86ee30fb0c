"""The consoles every command prints through: stored text is printed as text.

Rich reads ``[style]...[/]`` markup and ``:emoji:`` codes in any string it prints, so a title or a
file name holding ``[/x]`` made a command raise ``MarkupError`` (for good, for that store), and a
rule named ``table:office:...`` printed an emoji. These consoles interpret neither, and do not
colour numbers or URLs by guesswork; our own styling is given as ``Text`` with explicit styles
(`styled`), never as markup mixed into data.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


def text_console(*, stderr: bool = False) -> Console:
    """A console that prints every string as it is: no markup, no emoji codes, no highlighting."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def styled(*parts: str | tuple[str, str]) -> Text:
    """``styled(("failed", "red"), " ", uri)``: text with styles on the parts named, the data plain."""
    return Text.assemble(*parts)


def error_line(message: str) -> Text:
    """``error: message`` with the label in red."""
    return styled(("error:", "red"), " ", message)

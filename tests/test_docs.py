"""docs/cli/ is generated from the command line; it must say what the commands say now."""

from __future__ import annotations

from pathlib import Path

from tests.paths import REPO

from newsgraph.docs import GROUPS, command, main, pages, stale, write

DOCS = REPO / "docs" / "cli"


def test_docs_are_in_sync_with_the_app() -> None:
    behind = stale(DOCS)
    assert not behind, f"docs/cli is out of date ({', '.join(behind)}): run `python -m newsgraph.docs`"


def test_every_command_and_option_is_documented() -> None:
    text = "\n".join(pages().values())
    root = command()
    for name, cmd in root.commands.items():
        assert f"`newsgraph {name}`" in text, name
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert f"`{opt}`" in text, (name, opt)
    assert set(pages()) >= {f"{page}.md" for page in GROUPS} | {"README.md"}


def test_readme_links_the_reference() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/cli/README.md" in readme
    for page in GROUPS:
        assert f"docs/cli/{page}.md" in readme, page


def test_check_and_write(tmp_path: Path) -> None:
    folder = tmp_path / "cli"
    assert main(["--check", str(folder)]) == 1  # nothing written yet
    written = write(folder)
    assert {p.name for p in written} == set(pages())
    assert main(["--check", str(folder)]) == 0
    (folder / "gone.md").write_text("# a command that no longer exists\n", encoding="utf-8")
    (folder / "query.md").write_text("stale\n", encoding="utf-8")
    assert set(stale(folder)) == {"gone.md", "query.md"}
    write(folder)
    assert not stale(folder) and not (folder / "gone.md").exists()

"""User files a component was configured with, as component state spaCy can save and load.

A component given PETRARCH dictionaries by path (its config says which) keeps the paths it read;
``save`` copies those files into the component's folder when the pipeline is saved
(``nlp.to_disk``) and ``load`` finds the copies again (``from_disk``), so a saved pipeline carries
the exact tables that ran. Our own tables are package data: the installed version pins them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = "files.json"


def split_paths(joined: str) -> list[Path]:
    """ "a.txt:b.txt" (os.pathsep-joined, "" = none) -> paths; a missing file is an error now,
    not a silent empty table later."""
    paths = [Path(p) for p in joined.split(os.pathsep) if p]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"dictionary file not found: {', '.join(missing)}")
    return paths


def join_paths(paths: list[Path]) -> str:
    return os.pathsep.join(str(p) for p in paths)


def save(folder: Path, files: dict[str, list[Path]]) -> None:
    """Copy each setting's files into ``folder`` and write a manifest of what came from where."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, list[dict[str, str]]] = {}
    for setting, paths in files.items():
        saved = []
        for n, path in enumerate(paths):
            name = f"{setting}-{n}-{path.name}"
            shutil.copyfile(path, folder / name)
            saved.append({"file": name, "from": str(path)})
        manifest[setting] = saved
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def load(folder: Path) -> dict[str, list[Path]]:
    """The saved copies, by setting (an empty dict when nothing was saved)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return {setting: [folder / item["file"] for item in items] for setting, items in data.items()}

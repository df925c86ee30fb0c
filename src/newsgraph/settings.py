"""The one place configuration is read: defaults, a config file, then ``NEWSGRAPH_*`` variables.

Sources, later ones winning:
1. the defaults below;
2. a TOML file: ``$NEWSGRAPH_CONFIG`` when set, else ``./newsgraph.toml``, else the
   ``[tool.newsgraph]`` table of ``./pyproject.toml`` (keys are the setting names);
3. environment variables ``NEWSGRAPH_<NAME>`` (upper case);
4. command-line options, applied by the CLI with ``Settings.override``.

Every value remembers where it came from (``Settings.origin``), which ``newsgraph config`` prints.
Nothing else in the package reads the environment or a config file: components get their settings
through their spaCy config (see ``analyze.pipeline.build_nlp``), readers and caches through
``current()``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "NEWSGRAPH_"
CONFIG_ENV = "NEWSGRAPH_CONFIG"
CONFIG_FILE = "newsgraph.toml"
PYPROJECT = "pyproject.toml"


def _default_cache_dir() -> str:
    return str(Path.home() / ".cache" / "newsgraph")


@dataclass(frozen=True)
class Settings:
    """Every setting, typed; ``origin`` maps a setting's name to where its value came from."""

    db: str = field(default="newsgraph.db", metadata={"help": "SQLite database file"})
    actor_dictionary: str = field(
        default="", metadata={"help": "PETRARCH actor dictionaries (paths joined by the OS path separator)"}
    )
    verb_dictionary: str = field(default="", metadata={"help": "PETRARCH2 verb dictionaries"})
    agent_dictionary: str = field(default="", metadata={"help": "PETRARCH agent dictionaries"})
    discard_list: str = field(default="", metadata={"help": "PETRARCH discard list"})
    max_document_bytes: int = field(
        default=20 * 1024 * 1024,
        metadata={"help": "largest document read; larger ones are recorded as errors"},
    )
    max_extract_bytes: int = field(
        default=5 * 1024 * 1024,
        metadata={"help": "largest document extracted (about 10 s per MB of text); larger ones are recorded"},
    )
    max_extract_seconds: int = field(
        default=60,
        metadata={"help": "seconds one document's extraction may take; past it, it is recorded as failed"},
    )
    max_analysis_chars: int = field(
        default=200_000,
        metadata={"help": "characters of an article analysed; the rest is stored, not analysed (recorded)"},
    )
    max_sentence_tokens: int = field(
        default=250,
        metadata={"help": "tokens after which text with no sentence-ending mark is broken into sentences"},
    )
    max_analysis_seconds: int = field(
        default=60,
        metadata={"help": "seconds one article's analysis may take; later components are skipped (recorded)"},
    )
    worker_timeout: int = field(
        default=300,
        metadata={
            "help": "seconds an analysis worker (ingest --workers 2 or more) may spend on one batch; "
            "past it the worker is replaced, the batch's documents are tried again one by one, and one "
            "that runs past it alone is recorded as failed"
        },
    )
    cache_dir: str = field(default_factory=_default_cache_dir, metadata={"help": "where derived caches live"})
    gazetteer_cache: bool = field(default=True, metadata={"help": "cache the compact city index on disk"})
    origin: Mapping[str, str] = field(default_factory=dict, compare=False)

    def override(self, source: str, **values: Any) -> Settings:
        """These values (``None`` = keep), remembered as coming from ``source`` (e.g. "--db")."""
        given = {k: v for k, v in values.items() if v is not None}
        origin = dict(self.origin) | {k: source for k in given}
        return replace(self, **{k: _coerce(k, v) for k, v in given.items()}, origin=origin)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(name, value, origin, help) for every setting, in declaration order."""
        out = []
        for f in _fields():
            origin = self.origin.get(f.name, "default")
            out.append((f.name, str(getattr(self, f.name)), origin, f.metadata.get("help", "")))
        return out


def _fields() -> list[Any]:
    return [f for f in fields(Settings) if f.name != "origin"]


def _coerce(name: str, value: Any) -> Any:
    """A raw value (TOML or environment text) as the setting's type; a clear error otherwise."""
    kind = {f.name: f.type for f in _fields()}.get(name)
    if kind is None:
        raise SettingsError(f"unknown setting {name!r} (known: {', '.join(f.name for f in _fields())})")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name}: expected true/false (or 1/0), got {value!r}")
    if kind == "int":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise SettingsError(f"{name}: expected a whole number, got {value!r}") from None
        if number < 1:
            raise SettingsError(f"{name}: must be at least 1, got {number}")
        return number
    if isinstance(value, list):  # TOML may list several dictionary paths
        return os.pathsep.join(str(v) for v in value)
    return str(value)


class SettingsError(ValueError):
    """A setting that cannot be read: unknown name, wrong type, unreadable config file."""


def _config_file(cwd: Path, env: Mapping[str, str]) -> tuple[dict[str, Any], str]:
    """The config table and a label for where it came from ({} when there is none)."""
    named = env.get(CONFIG_ENV, "")
    if named:
        return _read_toml(Path(named), None), named
    own = cwd / CONFIG_FILE
    if own.is_file():
        return _read_toml(own, None), str(own)
    project = cwd / PYPROJECT
    if project.is_file():
        table = _read_toml(project, ("tool", "newsgraph"))
        if table:
            return table, f"{project} [tool.newsgraph]"
    return {}, ""


def _read_toml(path: Path, table: tuple[str, ...] | None) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read config file {path}: {exc}") from exc
    for key in table or ():
        data = data.get(key, {})
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: [{'.'.join(table or ())}] is not a table")
    return data


def load(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the defaults, the config file and the environment (see the module docstring)."""
    env = os.environ if env is None else env
    settings = Settings()
    table, label = _config_file(cwd or Path.cwd(), env)
    if table:
        settings = settings.override(label, **{k: _coerce(k, v) for k, v in table.items()})
    from_env = {}
    for f in _fields():
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw is not None and raw.strip() != "":
            from_env[f.name] = (_coerce(f.name, raw), ENV_PREFIX + f.name.upper())
    for name, (value, variable) in from_env.items():
        settings = settings.override(f"${variable}", **{name: value})
    return settings


def current() -> Settings:
    """The settings in force now (read afresh: a few stat calls; callers that run per document
    read them once per batch)."""
    return load()

"""Hostile inputs, written as files, for the robustness tests and `benchmarks/hostile.py`/`soak.py`.

`generate(folder, n)` writes `n` inputs under `folder` and returns what each one is: good news
stories in every common encoding and container (plain text, HTML, gzip, JSON Lines, WARC), and
hostile ones: binary, wrong and mixed encodings, UTF-16/32 with and without BOM, control and bidi
characters, 100,000-deep HTML and JSON, entity floods, one very long line, truncated and
length-lying WARC, gzip bombs, file names no terminal or encoder likes, symlink loops and dangling
links, and (with `huge`) a 50 MB page. The heavy kinds appear once per batch whatever `n`; the
cheap ones fill the rest in turn. `scale` shrinks the heavy sizes for a fast test (1.0: the sizes
the reliability issue names: a 5 MB line, a 1 GB gzip bomb, a million entities).

Every good story is distinct (its own names, places, numbers), so each one must end as a stored
article; an input's `good` says how many stories it holds. Nothing here is fetched: the stories
are made up from word lists below.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- stories

_PEOPLE = [
    "Amina Okafor",
    "Jonas Lindqvist",
    "Mariana Souza",
    "Tomasz Wiśniewski",
    "Leila Haddad",
    "Kenji Morita",
    "Grace Mwangi",
    "Pavel Novák",
    "Sofia Esposito",
    "Rahul Mehta",
    "Chloé Dubois",
    "Mehmet Yıldız",
    "Olga Petrova",
    "Diego Fernández",
    "Hannah Schmidt",
]
_ROLES = ["Foreign Minister", "Prime Minister", "Interior Minister", "President", "Defence Minister"]
_COUNTRIES = [
    "Kenya",
    "Sweden",
    "Brazil",
    "Poland",
    "Lebanon",
    "Japan",
    "Czech Republic",
    "Italy",
    "India",
    "France",
    "Turkey",
    "Russia",
    "Argentina",
    "Germany",
    "Ghana",
    "Chile",
    "Norway",
]
_CITIES = [
    "Nairobi",
    "Stockholm",
    "Brasília",
    "Warsaw",
    "Beirut",
    "Tokyo",
    "Prague",
    "Rome",
    "New Delhi",
    "Paris",
    "Ankara",
    "Moscow",
    "Buenos Aires",
    "Berlin",
    "Accra",
    "Santiago",
    "Oslo",
]
_ACTS = [
    "met",
    "criticised",
    "praised",
    "accused",
    "thanked",
    "warned",
    "invited",
    "rejected an offer from",
]
_TOPICS = [
    "a trade agreement",
    "border controls",
    "fishing rights",
    "a gas pipeline",
    "visa rules",
    "grain exports",
    "a water treaty",
    "election observers",
    "port fees",
    "a rail link",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(rng: random.Random, n: int) -> tuple[str, list[str]]:
    """A short news story of its own (title, paragraphs); `n` makes it unlike every other."""
    who, other = rng.sample(_PEOPLE, 2)
    role = rng.choice(_ROLES)
    here, there = rng.sample(range(len(_COUNTRIES)), 2)
    city, country, country2 = _CITIES[here], _COUNTRIES[here], _COUNTRIES[there]
    topic, day, act = rng.choice(_TOPICS), rng.choice(_DAYS), rng.choice(_ACTS)
    figure = rng.randint(2, 900)
    title = f"{country} and {country2} talks on {topic} (report {n})"
    paragraphs = [
        f"{city.upper()}, {day} — {country}'s {role} {who} {act} {other} of {country2} on {day} "
        f"over {topic}, officials said.",
        f'"We will not accept {figure} more days of delay," {who} told reporters in {city}, '
        f"adding that talks would resume within {rng.randint(2, 30)} days.",
        f"{other} said {country2} had offered {figure * 3} million dollars towards {topic} "
        f"and wanted an answer by the end of the month, according to case file {n}-{rng.randint(0, 10**6)}.",
        f"Protesters gathered outside the ministry in {city} on {day} evening, and police said "
        f"{rng.randint(3, 400)} people had been detained.",
    ]
    return title, paragraphs


def _text(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _html(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>\n{body}</article>"
        "<footer>© Example News</footer></body></html>"
    )


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Input:
    """One input written to disk: where, what, and how many good stories it holds."""

    path: str  # as the folder walk names it (file names may carry surrogate-escaped bytes)
    kind: str
    good: int = 0  # stories in it that must be stored (as articles or as copies of one)


Maker = Callable[[Path, str, random.Random, int, float], list[Input]]


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _one(folder: Path, name: str, kind: str, data: bytes, good: int = 0) -> list[Input]:
    return [Input(str(_write(folder / name, data)), kind, good)]


def _good_text(encoding: str, *, bom: bytes = b"", label: str = "") -> Maker:
    kind = "text-" + (label or encoding + ("-bom" if bom else ""))

    def make(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
        # "replace": a legacy code page lacks some of the names' letters, as real legacy pages do.
        return _one(folder, f"{name}.txt", kind, bom + _text(*story(rng, n)).encode(encoding, "replace"), 1)

    return make


def _good_html(charset: str) -> Maker:
    def make(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
        title, paragraphs = story(rng, n)
        page = _html(title, paragraphs, charset).encode(charset, "xmlcharrefreplace")
        return _one(folder, f"{name}.html", f"html-{charset}", page, 1)

    return make


def utf16_nobom(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    # Readable by a careful decoder (every other byte zero); a failure with a reason is acceptable.
    return _one(folder, f"{name}.txt", "text-utf-16-le-nobom", _text(*story(rng, n)).encode("utf-16-le"))


def utf32_nobom(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    return _one(folder, f"{name}.txt", "text-utf-32-le-nobom", _text(*story(rng, n)).encode("utf-32-le"))


def _mixed_encoding(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """UTF-8 with a Latin-1 paragraph spliced in: what a careless concatenation produces."""
    title, paragraphs = story(rng, n)
    data = _text(title, paragraphs[:2]).encode("utf-8") + "Café société à Zürich.\n\n".encode("latin-1")
    return _one(folder, f"{name}.txt", "text-mixed-utf8-latin1", data + _text("", paragraphs[2:]).encode())


def _controls_bidi(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A good story carrying a few control characters (bell, escape sequences, form feed) and
    bidi overrides and isolates."""
    title, paragraphs = story(rng, n)
    dirty = [
        paragraphs[0].replace(" ", " \u202e", 1) + "\u202c",
        "\x1b[31m" + paragraphs[1] + "\x1b[0m\x07",
        paragraphs[2].replace(",", ",\u200f\u2066", 2) + "\u2069",
        paragraphs[3] + "\x0b\x0c\u2028",
    ]
    return _one(folder, f"{name}.txt", "text-controls-bidi", _text(title, dirty).encode("utf-8"), 1)


def _nul_in_text(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A story with a NUL byte in it: text to a reader, binary to a sniffer; either is fine."""
    title, paragraphs = story(rng, n)
    return _one(
        folder, f"{name}.txt", "text-with-nul", _text(title, paragraphs).replace(",", ",\x00", 1).encode()
    )


def _gz(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    return _one(folder, f"{name}.txt.gz", "text-gzip", gzip.compress(_text(*story(rng, n)).encode()), 1)


def _binary(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    suffix = rng.choice([".txt", ".html", ".jsonl"])
    return _one(folder, name + suffix, "binary", rng.randbytes(rng.randint(1, 4096)))


def _png_as_html(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    return _one(
        folder, f"{name}.html", "png-named-html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(512)
    )


def _empty(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    return _one(folder, name + rng.choice([".txt", ".html"]), "empty", b"")


def empty_jsonl(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    return _one(folder, f"{name}.jsonl", "empty-jsonl", b"")


def _truncated_gz(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    data = gzip.compress(_text(*story(rng, n)).encode())
    return _one(folder, f"{name}.txt.gz", "gzip-truncated", data[: len(data) // 2])


def jsonl(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """Two good records around a broken line, a non-object, and nested metadata."""
    lines = []
    for k in range(2):
        title, paragraphs = story(rng, n * 10 + k)
        lines.append(json.dumps({"title": title, "text": "\n\n".join(paragraphs), "meta": {"x": [1, 2]}}))
    lines[1:1] = ['{"title": "cut off", "text": "no end', "[1, 2, 3]", "null"]
    return _one(folder, f"{name}.jsonl", "jsonl-mixed", "\n".join(lines).encode(), 2)


def _warc_record(uri: str, payload: bytes, *, declared: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    length = len(http) if declared is None else declared
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-25T15:10:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{random.Random(uri).getrandbits(128):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _warc_pages(rng: random.Random, n: int, count: int) -> list[tuple[str, bytes]]:
    out = []
    for k in range(count):
        title, paragraphs = story(rng, n * 10 + k)
        out.append((f"https://news.example/{n}/{k}", _html(title, paragraphs).encode()))
    return out


def _warc_good(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    data = b"".join(_warc_record(u, p) for u, p in _warc_pages(rng, n, 2))
    return _one(folder, f"{name}.warc", "warc", data, 2)


def _warc_truncated(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A good record, then one cut off inside its payload: the first must still be stored."""
    (u1, p1), (u2, p2) = _warc_pages(rng, n, 2)
    second = _warc_record(u2, p2)
    return _one(
        folder, f"{name}.warc", "warc-truncated", _warc_record(u1, p1) + second[: len(second) // 2], 1
    )


def _warc_length_lie(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A record whose Content-Length says more (or far less) than it holds."""
    (u1, p1), (u2, p2) = _warc_pages(rng, n, 2)
    longer = rng.random() < 0.5
    declared = 10**9 if longer else 40
    data = _warc_record(u1, p1) + _warc_record(u2, p2, declared=declared)
    return _one(folder, f"{name}.warc", f"warc-length-{'long' if longer else 'short'}", data, 1)


def _odd_name(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A good story under a file name that is hard to print, store or pass on."""
    odd = rng.choice(
        [
            f"{name} [bold red]markup[/] [/x].txt",
            f"-{name} --db x.txt",
            f"{name} \u202eTXT.exe.txt",
            f"{name}\nnewline\ttab.txt",
            f"{name} ünïcödé 東京 🙂.txt",
            f"{name}-" + "x" * 200 + ".txt",
            f"{name} '; DROP TABLE articles; --.txt",
        ]
    )
    return _one(folder, odd, "odd-file-name", _text(*story(rng, n)).encode(), 1)


def undecodable_name(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A file name that is not valid UTF-8 (Latin-1 bytes): Python names it with surrogate escapes."""
    raw = os.fsencode(str(folder)) + b"/" + name.encode() + b"-caf\xe9-\xff.txt"
    os.makedirs(folder, exist_ok=True)
    with open(raw, "wb") as handle:
        handle.write(_text(*story(rng, n)).encode())
    return [Input(os.fsdecode(raw), "undecodable-file-name", 1)]


def symlinks(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """Two links naming each other (a loop) and a link to nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b, dangling = (
        folder / f"{name}-loop-a.txt",
        folder / f"{name}-loop-b.txt",
        folder / f"{name}-dangling.txt",
    )
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    dangling.symlink_to(f"{name}-missing-target.txt")
    return [
        Input(str(a), "symlink-loop"),
        Input(str(b), "symlink-loop"),
        Input(str(dangling), "symlink-dangling"),
    ]


# The heavy kinds: once per batch.


def long_line(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """One line of 5 MB (times `scale`) of words: no paragraph, no newline."""
    words = " ".join(rng.choice(_CITIES + _TOPICS + _DAYS) for _ in range(2000))
    size = max(10_000, int(5_000_000 * scale))
    line = (words + " ") * (size // (len(words) + 1) + 1)
    return _one(folder, f"{name}.txt", "one-long-line", line[:size].encode())


def deep_html(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    _, paragraphs = story(rng, n)
    page = "<html><body>" + "<div>" * 100_000 + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    return _one(folder, f"{name}.html", "html-100000-deep", page.encode())


def deep_json(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A 100,000-deep JSON value between two good records: the good ones must be stored."""
    good = [
        json.dumps({"title": t, "text": "\n\n".join(p)})
        for t, p in (story(rng, n * 10 + k) for k in range(2))
    ]
    deep = '{"title": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    return _one(folder, f"{name}.jsonl", "json-100000-deep", "\n".join([good[0], deep, good[1]]).encode(), 2)


def entity_flood(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A page of a million entity references (times `scale`), and a billion-laughs DTD."""
    count = max(10_000, int(1_000_000 * scale))
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
        )
        + "]>"
    )
    page = (
        f"{laughs}<html><body><p>&lol9;</p><p>"
        + "&amp;&#x41;&nbsp;&eacute;" * (count // 4)
        + "</p></body></html>"
    )
    return _one(folder, f"{name}.html", "entity-flood", page.encode())


def gzip_bomb(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A small .gz that inflates to 1 GB (times `scale`) of one repeated byte."""
    size = max(50_000_000, int(1_000_000_000 * scale))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        block = b"a" * (1 << 20)
        for _ in range(size // len(block)):
            packed.write(block)
    return _one(folder, f"{name}.txt.gz", "gzip-bomb", out.getvalue())


def huge_page(folder: Path, name: str, rng: random.Random, n: int, scale: float) -> list[Input]:
    """A 50 MB HTML page: more than the size cap admits."""
    title, paragraphs = story(rng, n)
    filler = "<p>" + " ".join(paragraphs) + "</p>\n"
    page = _html(title, [filler * (50_000_000 // len(filler) + 1)])
    return _one(folder, f"{name}.html", "page-50mb", page.encode())


utf16_bom = _good_text("utf-16", label="utf-16-le-bom")  # Python's "utf-16" writes its own BOM
utf16be_bom = _good_text("utf-16-be", bom=b"\xfe\xff")
utf32_bom = _good_text("utf-32", label="utf-32-le-bom")

#: The cheap kinds, cycled to fill a batch; good ones twice, so about half the inputs are good.
CHEAP: tuple[Maker, ...] = (
    _good_text("utf-8"),
    _good_text("utf-8", bom=b"\xef\xbb\xbf"),
    _good_text("latin-1"),
    _good_text("cp1252"),
    utf16_bom,
    utf16be_bom,
    utf32_bom,
    _good_html("utf-8"),
    _good_html("iso-8859-1"),
    _controls_bidi,
    _nul_in_text,
    _gz,
    jsonl,
    _warc_good,
    _odd_name,
    _binary,
    _png_as_html,
    _empty,
    empty_jsonl,
    _truncated_gz,
    utf16_nobom,
    utf32_nobom,
    _mixed_encoding,
    _warc_truncated,
    _warc_length_lie,
    undecodable_name,
    symlinks,
)
HEAVY: tuple[Maker, ...] = (long_line, deep_html, deep_json, entity_flood, gzip_bomb)


def generate(
    folder: Path,
    n: int,
    *,
    seed: int = 0,
    scale: float = 1.0,
    huge: bool = False,
    without: Collection[Maker] = (),
) -> list[Input]:
    """Write `n` inputs (each heavy kind once, then the cheap kinds in turn) under `folder`;
    `without` leaves kinds out (their makers, e.g. `hostile_inputs.deep_json`)."""
    rng = random.Random(seed)
    heavy = [m for m in (*HEAVY, *((huge_page,) if huge else ())) if m not in without]
    cheap = [m for m in CHEAP if m not in without]
    makers = heavy + [cheap[i % len(cheap)] for i in range(max(0, n - len(heavy)))]
    inputs: list[Input] = []
    for i, make in enumerate(makers[:n]):
        # Sub-folders of 500: a walk, not one huge directory.
        inputs += make(folder / f"part{i // 500:03d}", f"{i:06d}", rng, i, scale)
    return inputs


# --------------------------------------------------------------------------- accounting


@dataclass
class Tally:
    """What became of a batch of inputs, from the ingest's outcomes and the store's error rows."""

    inputs: int = 0
    documents: int = 0  # outcomes told (a JSON Lines or WARC file holds several)
    stored: int = 0  # new articles
    copies: int = 0  # linked to a stored article (or already stored)
    failures: int = 0  # failed documents, each with an error row
    unrecorded: list[str] = field(default_factory=list)  # failed, but no error row with a reason
    lost_inputs: list[str] = field(default_factory=list)  # no outcome and no error row at all
    lost_stories: list[str] = field(default_factory=list)  # a good story neither stored nor a copy

    @property
    def lost(self) -> int:
        return len(self.lost_inputs) + len(self.lost_stories)


def _key(path: str) -> str:
    """A path as a store may spell it: undecodable bytes of a file name (surrogate escapes) as
    ``\\xNN``, so an input matches its outcome whichever spelling the ingest reports."""
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in path)


def account(inputs: list[Input], told: list[tuple[str, str]], errors: dict[str, list[str]]) -> Tally:
    """Match every input with what the ingest said of it. `told`: (uri, outcome) from
    `on_document`; `errors`: the store's error rows, uri -> reasons."""
    tally = Tally(inputs=len(inputs), documents=len(told))
    errors = {_key(uri): reasons for uri, reasons in errors.items()}
    by_input: dict[str, list[str]] = {}
    for uri, outcome in told:
        uri = _key(uri)
        by_input.setdefault(uri.split("#", 1)[0], []).append(outcome)
        if outcome == "added":
            tally.stored += 1
        elif outcome == "duplicate":
            tally.copies += 1
        elif outcome.startswith("failed"):
            tally.failures += 1
            if not any(reason.strip() for reason in errors.get(uri, [])):
                tally.unrecorded.append(uri)
    recorded = {uri.split("#", 1)[0] for uri in errors}
    for item in inputs:
        outcomes = by_input.get(_key(item.path), [])
        if not outcomes and _key(item.path) not in recorded:
            tally.lost_inputs.append(f"{item.kind}: {item.path!r}")
        kept = sum(o in ("added", "duplicate") for o in outcomes)
        if kept < item.good:
            tally.lost_stories.append(f"{item.kind}: {item.path!r} kept {kept} of {item.good}: {outcomes}")
    return tally


@dataclass
class StoreTally:
    """What the store holds for a batch, read back after it: every document the ingest read is
    stored (an article), a copy (a duplicates row), or failed with a reason (an error row);
    whatever is none of these is lost and named."""

    inputs: int = 0  # files and links written
    stories: int = 0  # good stories written in them
    documents: int = 0  # documents the ingest read from them (a JSON Lines or WARC file holds several)
    stored: int = 0  # read documents with an article row
    copies: int = 0  # read documents with a duplicates row (linked to a stored article)
    failed: int = 0  # read documents with an error row that gives a reason, and no article
    articles: int = 0  # article rows in the store in all (must equal `stored`)
    lost: list[str] = field(default_factory=list)  # read, but no row of any kind
    silent_inputs: list[str] = field(default_factory=list)  # an input no document or row names
    lost_stories: list[str] = field(default_factory=list)  # a good story not stored (nor a copy)
    partly_read: str = ""  # a stopped batch's last input, not held to its stories (see tally_store)

    @property
    def unaccounted(self) -> int:
        """Documents read less those stored, linked as copies and failed with a reason: 0."""
        return self.documents - self.stored - self.copies - self.failed


def _uris(conn: sqlite3.Connection, sql: str) -> set[str]:
    return {_key(uri) for (uri,) in conn.execute(sql)}


def tally_store(
    inputs: list[Input], told: list[tuple[str, str]], conn: sqlite3.Connection, *, finished: bool = True
) -> StoreTally:
    """Account for a batch from the store's rows (not from what the ingest said of each
    document): `told` only says which documents were read, `conn` is the store. A batch stopped
    before its end (`finished` False) is held to the inputs up to the last one it told of, in
    path order (the order a folder walk reads them)."""
    articles = _uris(conn, 'SELECT "uri" FROM "articles"')
    copies = _uris(conn, 'SELECT "uri" FROM "duplicates"')
    failed = _uris(conn, 'SELECT "uri" FROM "errors" WHERE trim("reason") != \'\'')
    tally = StoreTally(inputs=len(inputs), stories=sum(i.good for i in inputs), documents=len(told))
    tally.articles = conn.execute('SELECT count(*) FROM "articles"').fetchone()[0]
    kept: dict[str, int] = {}
    said: dict[str, list[str]] = {}  # what the ingest told of each input's documents, to name a loss
    for uri, outcome in told:
        key = _key(uri)
        said.setdefault(key.split("#", 1)[0], []).append(outcome[:100])
        if key in articles:
            tally.stored += 1
        elif key in copies:
            tally.copies += 1
        elif key in failed:
            tally.failed += 1
            continue
        else:
            tally.lost.append(f"{uri!r} (told {outcome[:80]!r})")
            continue
        base = key.split("#", 1)[0]
        kept[base] = kept.get(base, 0) + 1
    named = {uri.split("#", 1)[0] for uri in articles | copies | failed}
    named |= {_key(uri).split("#", 1)[0] for uri, _ in told}
    last = ""
    if not finished:  # a folder walk reads in path order: the inputs up to the last one told
        last = _key(told[-1][0]).split("#", 1)[0] if told else ""
        inputs = [item for item in inputs if _key(item.path) <= last]
        tally.inputs, tally.stories = len(inputs), sum(i.good for i in inputs)
    for item in inputs:
        key = _key(item.path)
        if key not in named:
            tally.silent_inputs.append(f"{item.kind}: {item.path!r}")
        if key == last:
            # The batch stopped inside this input (a JSON Lines or WARC file holds several
            # documents): its stories after the last document read were never read, not lost.
            tally.partly_read = key
            continue
        if kept.get(key, 0) < item.good:
            told_of = said.get(key, [])
            tally.lost_stories.append(
                f"{item.kind}: {item.path!r} kept {kept.get(key, 0)} of {item.good}: {told_of}"
            )
    return tally

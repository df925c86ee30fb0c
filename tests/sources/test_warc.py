import gzip
import io
import zlib
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.records import Error
from newsgraph.sources import RawDocument, iter_documents
from newsgraph.sources.raw import MAX_DOCUMENT_BYTES
from newsgraph.sources.warc import iter_warc, parse_content_type

CC_NEWS = "CC-NEWS-20240101000000-00001.warc.gz"


def _page(i: int, words: int = 60) -> bytes:
    return (f"<html><body><h1>Story {i}</h1><p>" + "word " * words + "</p></body></html>").encode()


def _chunked(data: bytes, size: int = 300) -> bytes:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


class Warc:
    """Writes WARC records the way crawlers do; gzip=True is one gzip member per record (CC-NEWS)."""

    def __init__(self, gzip: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gzip)

    def warcinfo(self) -> None:
        self.writer.write_record(self.writer.create_warcinfo_record("test.warc", {"software": "tests"}))

    def request(self, url: str) -> None:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        record = self.writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
        self.writer.write_record(record)

    def response(
        self,
        url: str,
        payload: bytes,
        content_type: str | None = "text/html; charset=UTF-8",
        status: str = "200 OK",
        extra: list[tuple[str, str]] | None = None,
        date: str = "2024-01-01T10:20:30Z",
    ) -> None:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, headers + (extra or []), protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        self.writer.write_record(record)

    def other(self, url: str, rec_type: str, payload: bytes, content_type: str) -> None:
        record = self.writer.create_warc_record(
            url, rec_type, payload=io.BytesIO(payload), warc_content_type=content_type
        )
        self.writer.write_record(record)

    def bytes(self) -> bytes:
        return self.buffer.getvalue()


def _split(items: list) -> tuple[list[RawDocument], list[Error]]:
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Error)]


def _gzip_member_ends(data: bytes) -> list[int]:
    """Offsets where each gzip member ends."""
    ends: list[int] = []
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data)
        ends.append((ends[-1] if ends else 0) + len(data) - len(inflater.unused_data))
        data = inflater.unused_data
    return ends


def test_cc_news_layout_yields_html_and_text_documents_and_counts_the_rest(tmp_path: Path) -> None:
    warc = Warc()
    warc.warcinfo()
    warc.request("https://news.example.org/a")
    warc.response("https://news.example.org/a", _page(1))
    warc.response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    warc.response("https://news.example.org/gone", _page(2), status="404 Not Found")
    warc.response("https://news.example.org/b", _page(3), content_type="text/html;charset=windows-1252")
    warc.other("https://news.example.org/b", "metadata", b"fetchTimeMs: 12\r\n", "application/warc-fields")
    warc.other("https://news.example.org/c.txt", "resource", b"A plain text story.", "text/plain")
    warc.other("https://news.example.org/d.pdf", "resource", b"%PDF-1.4", "application/pdf")
    path = tmp_path / CC_NEWS
    path.write_bytes(warc.bytes())
    assert (
        len(_gzip_member_ends(path.read_bytes())) == 9
    )  # one member per record, as Common Crawl writes them

    skipped: Counter[str] = Counter()
    docs, errors = _split(list(iter_documents([str(path)], skipped=skipped)))

    assert not errors
    assert [(d.uri.rsplit("#", 1)[1], d.kind) for d in docs] == [("3", "html"), ("6", "html"), ("8", "text")]
    first = docs[0]
    assert first.uri == f"{path}#3" and first.content == _page(1)
    assert first.fetched_at == "2024-01-01T10:20:30Z"
    assert first.meta["url"] == "https://news.example.org/a"
    assert first.meta["fetched_at"] == "2024-01-01T10:20:30Z"
    assert first.meta["charset"] == "utf-8" and first.meta["http_status"] == "200"
    assert first.meta["warc_record_id"].startswith("<urn:uuid:")
    assert docs[1].meta["charset"] == "windows-1252"
    assert docs[2].content == b"A plain text story." and "charset" not in docs[2].meta
    assert skipped == Counter(
        {
            "record:warcinfo": 1,
            "record:request": 1,
            "record:metadata": 1,
            "mime:image/png": 1,
            "mime:application/pdf": 1,
            "status:404": 1,
        }
    )


def test_uncompressed_warc_and_a_folder_of_warcs(tmp_path: Path) -> None:
    plain = Warc(gzip=False)
    plain.response("https://example.org/1", _page(1))
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "a.warc").write_bytes(plain.bytes())
    packed = Warc()
    packed.response("https://example.org/2", _page(2))
    (tmp_path / "crawl" / "b.warc.gz").write_bytes(packed.bytes())
    (tmp_path / "crawl" / "c.jsonl").write_text('{"text": "Still read."}\n')
    docs, errors = _split(list(iter_documents([str(tmp_path / "crawl")])))
    assert not errors
    assert [Path(d.uri).name for d in docs] == ["a.warc#1", "b.warc.gz#1", "c.jsonl#1"]
    assert [d.meta.get("url") for d in docs] == ["https://example.org/1", "https://example.org/2", None]


def test_warc_on_stdin_is_sniffed_gzipped_or_not() -> None:
    for gzipped in (True, False):
        warc = Warc(gzip=gzipped)
        warc.response("https://example.org/x", _page(7))
        (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(warc.bytes())))
        assert doc.uri == "<stdin>#1" and doc.content == _page(7)


def test_chunked_transfer_and_gzip_content_encoding_are_decoded(tmp_path: Path) -> None:
    page = _page(1, words=500)
    warc = Warc()
    warc.response(
        "https://example.org/chunked-gzip",
        _chunked(gzip.compress(page)),
        extra=[("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
    )
    warc.response("https://example.org/chunked", _chunked(page), extra=[("Transfer-Encoding", "chunked")])
    warc.response("https://example.org/deflate", zlib.compress(page), extra=[("Content-Encoding", "deflate")])
    warc.response("https://example.org/plain", page)  # the record after an encoded one is still read
    path = tmp_path / "enc.warc.gz"
    path.write_bytes(warc.bytes())
    docs, errors = _split(list(iter_documents([str(path)])))
    assert not errors
    assert [d.content == page for d in docs] == [True, True, True, True]


def test_a_cut_warc_gz_keeps_the_records_before_the_break_and_the_batch_goes_on(tmp_path: Path) -> None:
    warc = Warc()
    for i in range(40):
        warc.request(f"https://example.org/{i}")
        warc.response(f"https://example.org/{i}", _page(i, words=200))
    data = warc.bytes()
    ends = _gzip_member_ends(data)
    # Cut in the middle of the 21st response (members alternate request, response).
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: (ends[40] + ends[41]) // 2])
    after = tmp_path / "next.html"
    after.write_text("<html><body><p>The next file.</p></body></html>")

    docs, errors = _split(list(iter_documents([str(cut), str(after)])))

    (error,) = errors
    assert error.uri == str(cut) and error.stage == "source"
    assert "truncated or corrupt WARC" in error.reason and "20 documents kept" in error.reason
    from_warc = [d for d in docs if d.uri.startswith(str(cut))]
    assert [d.content for d in from_warc] == [_page(i, words=200) for i in range(20)]
    assert docs[-1].uri == str(after)


def test_every_cut_of_a_plain_warc_is_one_error_or_a_clean_record_boundary() -> None:
    warc = Warc(gzip=False)
    warc.warcinfo()
    for i in range(3):
        warc.request(f"https://example.org/{i}")
        warc.response(f"https://example.org/{i}", _page(i, words=40))
    data = warc.bytes()
    full = list(iter_warc("f.warc", io.BytesIO(data)))
    assert [d.content for d in full] == [_page(i, words=40) for i in range(3)]
    for cut in range(1, len(data), 5):
        docs, errors = _split(list(iter_warc("f.warc", io.BytesIO(data[:cut]))))
        assert all(d.content in {_page(i, words=40) for i in range(3)} for d in docs), cut
        rest = data[cut:]
        at_boundary = len(rest) - len(rest.lstrip(b"\r\n")) <= 4 and (
            rest.lstrip(b"\r\n").startswith(b"WARC/") or not rest.strip()
        )
        assert len(errors) == (0 if at_boundary else 1), cut


def test_garbage_named_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not gzip at all")
    (error,) = list(iter_documents([str(path)]))
    assert isinstance(error, Error) and error.stage == "source"


def test_a_50_mb_record_is_an_error_and_the_next_record_is_read(tmp_path: Path) -> None:
    big = 50 * 1024 * 1024
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    warc_head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:big>\r\n"
        b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://example.org/huge\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
    ) % (len(http_head) + big)
    after = Warc(gzip=False)
    after.response("https://example.org/after", _page(2))
    path = tmp_path / "huge.warc"
    with path.open("wb") as out:  # written by hand: warcio's writer would digest 50 MB for nothing
        out.write(warc_head + http_head)
        block = b"<p>" + b"a" * (1024 * 1024 - 3)
        for _ in range(50):
            out.write(block)
        out.write(b"\r\n\r\n" + after.bytes())
    docs, errors = _split(list(iter_documents([str(path)])))
    (error,) = errors
    assert error.uri == f"{path}#1"
    assert error.reason == f"document too large: {big} bytes > {MAX_DOCUMENT_BYTES}"
    assert [d.meta["url"] for d in docs] == ["https://example.org/after"]


def test_a_payload_that_inflates_past_the_cap_is_stopped_at_the_cap() -> None:
    bomb = gzip.compress(b"<html>" + b"x" * 200_000)
    warc = Warc()
    warc.response("https://example.org/bomb", bomb, extra=[("Content-Encoding", "gzip")])
    warc.response("https://example.org/ok", _page(1))
    docs, errors = _split(list(iter_warc("b.warc.gz", io.BytesIO(warc.bytes()), limit=50_000)))
    (error,) = errors
    assert error.reason == "document too large: more than 50000 bytes > 50000"
    assert [d.meta["url"] for d in docs] == ["https://example.org/ok"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('text/html; charset="UTF-8"', ("text/html", "utf-8")),
        ("TEXT/HTML;charset=ISO-8859-1", ("text/html", "iso-8859-1")),
        ("text/plain", ("text/plain", "")),
        ("", ("", "")),
        ("garbage", ("", "")),
    ],
)
def test_parse_content_type(value: str, expected: tuple[str, str]) -> None:
    assert parse_content_type(value) == expected

from newsgraph.extract.html import clean_lines, extract_html, figure_captions, split_authors

PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Ministers agree to resume talks | Test Wire</title>
<meta property="og:title" content="Ministers agree to resume talks">
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2023-03-04T10:00:00Z">
<meta name="author" content="Jane Roe">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<article>
<h1>Ministers agree to resume talks</h1><p class="byline">By Jane Roe</p>
<figure><img src="a.jpg"><figcaption>The two ministers shake hands in Geneva.</figcaption></figure>
<p>GENEVA (Test Wire) — The foreign ministers of Norway and Chile met in Geneva on Tuesday and
agreed to resume talks on fisheries, officials from both governments said afterwards.</p>
<p>"We had a frank and useful exchange," Foreign Minister Anna Berg told reporters after the
meeting, which lasted more than three hours and ended with a joint statement.</p>
<p>The next round is planned for May in Santiago, Berg said, adding that experts would meet
before then to prepare a draft text for both delegations.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/x">Fish prices climb again</a></li></ul></aside>
<footer>© 2023 Test Wire. All rights reserved.</footer>
</body></html>"""


def test_body_title_metadata_and_captions() -> None:
    found = extract_html(PAGE)
    assert found is not None
    assert found.title == "Ministers agree to resume talks"
    assert found.paragraphs[0].startswith("GENEVA (Test Wire)")
    assert found.paragraphs[-1].endswith("both delegations.")
    body = "\n".join(found.paragraphs)
    for chrome in ("cookies", "Home", "By Jane Roe", "Related stories", "Fish prices", "All rights"):
        assert chrome not in body
    assert found.published == "2023-03-04"
    assert found.authors == ["Jane Roe"]
    assert found.site == "Test Wire"
    assert found.captions == ["The two ministers shake hands in Geneva."]


def test_page_without_article_text() -> None:
    assert extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>") is None


def test_helpers() -> None:
    assert split_authors("Jane Roe and John Doe; Jane Roe") == ["Jane Roe", "John Doe"]
    assert figure_captions("<not html") == []


PROSE = (
    "The regional council voted on Monday to extend the night bus service to the outer districts, "
    "after a year-long trial that officials said had carried more passengers than expected. "
)

RELATED_PAGE = f"""<html><head><title>Night buses extended</title>
<meta name="description" content="The council extends the night bus service.">
<meta name="keywords" content="transport, buses">
</head><body><article><h1>Night buses extended</h1>
<p>{PROSE}</p>
<figure><img src="bus.jpg"><figcaption>A night bus waits at the depot.</figcaption></figure>
<div class="photo"><img src="b.jpg"><p class="image-caption">Drivers at the morning briefing.</p></div>
<p>{PROSE.replace("Monday", "Tuesday")}</p>
<p>Council members said the service would be reviewed again next spring, and that fares would
stay the same for at least another year while the new routes are tested by commuters.</p>
<h3>More stories</h3>
<ul><li><a href="/a">Tram line closes for summer repairs</a></li>
<li><a href="/b">City unveils plan for new cycle lanes</a></li></ul>
<p>Anna Berg is a transport reporter for the Test Wire. Follow her on Twitter @annaberg.</p>
</article></body></html>"""


def test_captions_kept_apart_and_related_captured() -> None:
    found = extract_html(RELATED_PAGE)
    assert found is not None
    body = "\n".join(found.paragraphs)
    assert "night bus waits" not in body and "morning briefing" not in body
    assert found.captions == ["A night bus waits at the depot.", "Drivers at the morning briefing."]
    assert found.related == ["Tram line closes for summer repairs", "City unveils plan for new cycle lanes"]
    assert "Tram line" not in body and "More stories" not in body
    assert "transport reporter" not in body  # the author bio closing the article
    assert body.endswith("tested by commuters.")
    assert found.description == "The council extends the night bus service."
    assert "buses" in found.tags


def test_fallback_when_trafilatura_finds_nothing(monkeypatch) -> None:
    import newsgraph.extract.html as html_mod

    monkeypatch.setattr(html_mod, "_trafilatura_lines", lambda tree, **mode: [])
    found = extract_html(RELATED_PAGE)
    assert found is not None
    assert found.extractor == "readability(fallback)"
    assert any("regional council voted" in p for p in found.paragraphs)


def test_default_pass_taken_when_precise_is_too_short(monkeypatch) -> None:
    import newsgraph.extract.html as html_mod

    long = [PROSE.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday", "Sunday", "Saturday")]

    def passes(tree, **mode):
        return long[:2] if mode.get("favor_precision") else long

    monkeypatch.setattr(html_mod, "_trafilatura_lines", passes)
    # readability sees as much article, so the larger default pass is confirmed...
    monkeypatch.setattr(html_mod, "readability_paragraphs", lambda html: long)
    found = extract_html(RELATED_PAGE)
    assert found is not None
    assert found.extractor == "trafilatura:default(confirmed-by-readability)"
    assert len(found.paragraphs) == 5
    # ...and when it does not, the precise pass stands.
    monkeypatch.setattr(html_mod, "readability_paragraphs", lambda html: long[:1])
    found = extract_html(RELATED_PAGE)
    assert found is not None and found.extractor == "trafilatura:precision"
    assert len(found.paragraphs) == 2


def test_hidden_hover_card_dropped() -> None:
    page = RELATED_PAGE.replace(
        "<p>Council members said",
        '<p>Council members <span style="display:none"><a href="/x">Hover card headline one</a>'
        '<a href="/y">Hover card headline two</a></span>said',
    )
    found = extract_html(page)
    assert found is not None
    assert "Hover card" not in "\n".join(found.paragraphs)


def test_clean_lines_rules() -> None:
    lines = [
        "Night buses extended",
        "By Anna Berg",
        PROSE,
        "Advertisement",
        "Schon gelesen?",
        "Foto: Anna Berg",
        "A night bus waits at the depot.",
        PROSE,
    ]
    kept, rules = clean_lines(
        lines, title="Night buses extended", author="Anna Berg", captions=["A night bus waits at the depot."]
    )
    assert kept == [PROSE.strip(), PROSE.strip()]
    assert rules.count("drop:headline-or-byline-at-top") == 2
    assert "drop:caption-or-related-line" in rules and "drop:furniture" in rules

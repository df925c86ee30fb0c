from newsgraph.extract.html import extract_html, figure_captions, split_authors

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

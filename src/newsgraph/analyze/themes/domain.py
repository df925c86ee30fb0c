"""An article's domain: politics, conflict, society, science, business, sport, culture, weather, or
general, decided from its theme matches and the site section its URL names, with the rule that
decided. Pure.

Rules, in order:
1. ``url-section``: a path segment or host label of the URL is a section word of a domain
   (``/sport/football/...``, ``/business/markets/...``, ``money.example.com``; the first path segment
   that is one, else the first host label) -> that domain, score 1.0 (an editor's label) ...
2. ``themes-over-section``: ... unless the text's theme matches name another domain at least
   ``OVERRULE_MATCHES`` times and with at least ``OVERRULE_SHARE`` of all matches (a sanctions story
   filed under /business/ is politics);
3. ``themes``: the domain with most theme matches, score = its share of them; ties go to the
   domain listed first in ``domains.tsv`` (the political ones come first). A domain without
   political events (sport, business, culture, weather) wins this way only with more than half of
   the matches (``QUIET_SHARE``) and at least ``QUIET_MATCHES`` of them: else the political domain
   with most matches, so that the odd "oil" or "Baseball" in a political story never silences the
   event coder;
4. ``none``: no section and no theme match -> "general", score 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from newsgraph.knowledge import domains
from newsgraph.knowledge.themes import themes
from newsgraph.records import Domain, ThemeMention

#: How many matches, and what share of them, let the text overrule the URL's section.
OVERRULE_MATCHES = 4
OVERRULE_SHARE = 0.6
#: The share of a text's theme matches a domain without political events needs to be its domain,
#: and how many matches at least: one "oil" or "market" in a short political text is not business.
QUIET_SHARE = 0.5
QUIET_MATCHES = 2


def url_section(url: str) -> tuple[str, str] | None:
    """(section word, domain) named by a URL's path segments, else its host labels; None if none."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "://" in url else "//" + url)
        host = (parts.hostname or "").lower()
    except ValueError:  # a malformed URL names no section
        return None
    sections = domains.section_domains()
    for segment in unquote(parts.path).lower().split("/"):
        if segment in sections:
            return segment, sections[segment]
    labels = [label for label in host.split(".")[:-1] if label != "www"]
    for label in labels:
        if label in sections:
            return label, sections[label]
    return None


def domain_counts(mentions: Iterable[ThemeMention]) -> Counter[str]:
    """Theme matches per domain."""
    known = themes()
    return Counter(known[m.theme].domain for m in mentions if m.theme in known)


def decide(mentions: Iterable[ThemeMention], url: str = "", article_id: str = "") -> Domain:
    """The article's domain from its theme matches and its URL (see the module docstring)."""
    counts = domain_counts(mentions)
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], domains.rank(item[0])))
    top, top_n = ranked[0] if ranked else (domains.GENERAL, 0)
    share = round(top_n / total, 4) if total else 0.0
    section = url_section(url)
    if section is not None:
        word, label = section
        if top != label and top_n >= OVERRULE_MATCHES and share >= OVERRULE_SHARE:
            rule = f"themes-over-section: {top} {top_n} of {total} matches over url-section /{word}/"
            return Domain(top, share, rule, article_id)
        return Domain(label, 1.0, f"url-section: /{word}/", article_id)
    if not total:
        return Domain(domains.GENERAL, 0.0, "none: no theme matched, no URL section", article_id)
    if not domains.is_political(top) and (share <= QUIET_SHARE or top_n < QUIET_MATCHES):
        # Not enough to silence the event coder: the political domain with most matches.
        label, n = next((x for x in ranked if domains.is_political(x[0])), (domains.GENERAL, 0))
        rule = f"themes: {label} {n} of {total} matches ({top} {top_n}, too few to silence the coder)"
        return Domain(label, round(n / total, 4), rule, article_id)
    return Domain(top, share, f"themes: {top} {top_n} of {total} matches", article_id)

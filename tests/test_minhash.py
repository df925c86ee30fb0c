from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.minhash import (
    BANDS,
    THRESHOLD,
    band_keys,
    from_blob,
    shingles,
    signature,
    similarity,
    to_blob,
)

STORY = (
    "The foreign ministers of Norway and Chile met in Geneva on Tuesday and agreed to resume talks on "
    "fisheries quotas, officials from both governments said after a meeting that lasted three hours. "
    "The next round is planned for May in Santiago, the Norwegian minister told reporters, adding that "
    "experts would meet before then to prepare a draft text for both delegations to consider. "
    "Fishing communities on both coasts have pressed for an agreement since the old accord lapsed."
)


def test_a_syndicated_copy_is_near_and_another_story_is_not() -> None:
    copy = "GENEVA (Other Agency) — " + STORY.replace("told reporters", "said") + " Reporting by A. Lim."
    other = STORY.replace("Norway", "Peru").replace("fisheries", "copper").replace("Geneva", "Lima")
    other = " ".join(reversed(other.split(". ")))
    base = signature(STORY)
    assert similarity(base, signature(copy)) >= THRESHOLD
    assert similarity(base, signature(other)) < THRESHOLD
    assert set(band_keys(base)) & set(band_keys(signature(copy)))


def test_signatures_are_deterministic_and_round_trip_as_blobs() -> None:
    sig = signature(STORY)
    assert (sig == signature(STORY)).all()
    assert (from_blob(to_blob(sig)) == sig).all()
    assert len(band_keys(sig)) == BANDS


def test_short_texts() -> None:
    assert shingles("Two words") == {"two words"}
    assert shingles("") == set()


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_identical_texts_are_similarity_one(text: str) -> None:
    assert similarity(signature(text), signature(text)) == 1.0

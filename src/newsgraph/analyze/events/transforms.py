"""The speaker's own act in a report of violence: claim, accusation or threat.

"The ministry said it had shelled the town" reports an attack and is also the ministry claiming it
(CAMEO 015); "X said Y attacked Z" is X accusing Y (112x); "X said it will strike Y" is X threatening
Y (138). The coder keeps the reported act (modality "reported" or "intended") and adds the speaker's
act beside it, as the table ``knowledge/data/speaker_transforms.tsv`` says. A cue that does not
assert its content ("denied that", "asked whether") adds nothing: the speaker claims no act.

`speaker_acts` is pure: it takes the sentence's events, each with its modality's quote and speech
cue, and returns the derived events (rule ``transform:ID; from:EVENT-ID; ...``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from newsgraph.analyze.events.args import Arg
from newsgraph.knowledge import cameo
from newsgraph.knowledge import event_words as ew
from newsgraph.knowledge.tables import rows
from newsgraph.records import Event

# Speech cues whose clause is not asserted by the speaker: nothing is claimed or alleged.
NON_ASSERTING_CUES = ew.words("non_asserting_cues")


@dataclass(frozen=True)
class Transform:
    id: str
    speaker: str  # self | other
    roots: frozenset[str]
    modality: str  # reported | intended
    code: str
    target: str  # inner-target | inner-source


@cache
def transforms() -> tuple[Transform, ...]:
    out = []
    for id_, speaker, roots, modality, code, target in rows("speaker_transforms.tsv"):
        if not cameo.is_code(code):
            raise ValueError(f"speaker_transforms.tsv: {id_}: {code!r} is not a CAMEO code")
        out.append(Transform(id_, speaker, frozenset(roots.split(",")), modality, code, target))
    return tuple(out)


def _is_speaker(event: Event, speaker: Arg) -> bool:
    """Whether the reported act's source is the speaker: filled in from the speaker ("said they had
    attacked") or the same actor. Sharing a country code is not enough: "the United States launched
    a strike, Central Command said" is a report of one's side's act, not a claim of responsibility."""
    if "source:quote-speaker" in event.rule:
        return True
    return bool(speaker.actor_id) and event.source_actor_id == speaker.actor_id


def _applies(t: Transform, event: Event, speaker: Arg) -> bool:
    if event.root_code not in t.roots or event.modality != t.modality:
        return False
    if t.speaker == "self":
        return _is_speaker(event, speaker) and bool(event.target_code)
    return _other_side(event.source_code, speaker.code) and not _is_speaker(event, speaker)


def _other_side(code: str, speaker_code: str) -> bool:
    """A source the speaker can accuse: coded, and not the speaker's own side (a code that is the
    other's prefix: USA and USAMIL are one side, SYROPP and SYRMIL are not)."""
    return bool(code) and not code.startswith(speaker_code) and not speaker_code.startswith(code)


def _context(rule: str) -> str:
    """The date and place parts of the reported act's rule: the speaker's act shares them."""
    return "; ".join(p for p in rule.split("; ") if p.startswith(("date:", "place:")))


def speaker_act(event: Event, speaker: Arg | None, cue_lemma: str, event_id: str) -> Event | None:
    """The speaker's act for one reported event, or None when no table row applies."""
    if speaker is None or not speaker.code or cue_lemma.startswith(tuple(NON_ASSERTING_CUES)):
        return None
    for t in transforms():
        if not _applies(t, event, speaker):
            continue
        if t.target == "inner-source":
            target_code, target_actor = event.source_code, event.source_actor_id
        else:
            target_code, target_actor = event.target_code, event.target_actor_id
        if target_code == speaker.code and target_actor == speaker.actor_id:
            return None
        rule = (
            f"transform:{t.id}; from:{event.id}; source:quote-speaker; target:{t.target}; "
            f"modality:asserted(speaker's {cue_lemma}); {_context(event.rule)}"
        )
        return replace(
            event,
            id=event_id,
            source_actor_id=speaker.actor_id,
            source_code=speaker.code,
            target_actor_id=target_actor,
            target_code=target_code,
            **cameo.event_fields(t.code),  # type: ignore[arg-type]
            modality="asserted",
            # What the sentence asserts is the speaker's act; the act it reports is reported. So the
            # speaker's act is the sentence's most confident event (its main claim), just above it.
            confidence=round(min(1.0, event.confidence + 0.05), 2),
            rule=rule,
        )
    return None

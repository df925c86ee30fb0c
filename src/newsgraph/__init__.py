"""newsgraph: raw news in, a structured record of events out."""

__version__ = "0.1.0"

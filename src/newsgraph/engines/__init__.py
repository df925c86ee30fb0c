"""Engines drive sources -> extract -> analyze -> store over many documents."""

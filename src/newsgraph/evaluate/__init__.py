"""Evaluation of newsgraph components against gold data."""

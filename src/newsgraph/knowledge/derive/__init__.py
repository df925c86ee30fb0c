"""Scripts that derive our own tables from third-party fact sources (run by hand, checked by tests)."""

"""The project's own reference tables (data files) and their small loaders."""

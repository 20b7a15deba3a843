"""Pay tables as data: one JSON file a pay year, read with importlib.resources."""

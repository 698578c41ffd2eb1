"""One controller per page: wires a loaded form to services and undo commands."""

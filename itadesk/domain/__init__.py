"""domain layer; see ARCHITECTURE.md for what it may import."""

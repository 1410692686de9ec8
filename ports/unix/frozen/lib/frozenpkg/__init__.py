"""A frozen package."""
NAME = "frozenpkg"

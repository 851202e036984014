"""Open Strength: a workshop on strength, independence and emotional intimacy."""

__version__ = "0.1.0"

"""saidwhat: who said what, to whom, when, and according to which source."""

__version__ = "0.1.0"

"""Errors a user can cause and fix; the CLI prints them as one line and exits 2."""

from __future__ import annotations


class UserInputError(Exception):
    """Bad input named by its location (file, and record or line where known)."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem

"""Recovery of an Article (metadata and body) from a Document."""

from __future__ import annotations

from saidwhat.article.recover import recover_article

__all__ = ["recover_article"]

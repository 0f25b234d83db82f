"""Quotation extraction: extractors registered by name, each built for a language profile."""

from __future__ import annotations

from saidwhat.extract.registry import Extractor, make_extractor, register_extractor, registered_extractors

__all__ = ["Extractor", "make_extractor", "register_extractor", "registered_extractors"]

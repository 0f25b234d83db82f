"""Extractors by name. An extractor turns an analysed spaCy Doc into Quotations."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from saidwhat.errors import UserInputError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from saidwhat.language import LanguageProfile
    from saidwhat.records import Quotation


class Extractor(Protocol):
    name: str

    def extract(self, doc: Doc) -> list[Quotation]: ...


ExtractorFactory = Callable[["LanguageProfile"], Extractor]
_FACTORIES: dict[str, ExtractorFactory] = {}
_EXTRACTOR_MODULES = ("saidwhat.extract.baseline", "saidwhat.extract.trained")


def register_extractor(name: str) -> Callable[[ExtractorFactory], ExtractorFactory]:
    def decorator(factory: ExtractorFactory) -> ExtractorFactory:
        _FACTORIES[name] = factory
        return factory

    return decorator


def registered_extractors() -> list[str]:
    for module in _EXTRACTOR_MODULES:
        importlib.import_module(module)
    return sorted(_FACTORIES)


def make_extractor(name: str, profile: LanguageProfile) -> Extractor:
    if name not in registered_extractors():
        known = ", ".join(registered_extractors())
        raise UserInputError("--extractor", f"unknown extractor {name!r} (known: {known})")
    return _FACTORIES[name](profile)


def default_extractor_name(profile: LanguageProfile) -> str:
    """The trained extractor where the language ships one, else the rule baseline."""
    if profile.model_path("quotes") is not None and "trained" in registered_extractors():
        return "trained"
    return "baseline"

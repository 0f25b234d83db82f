"""Language profiles: everything language-specific lives in a folder here, found by code.

A language is a folder with ``language.json`` (code, name, spaCy language class, shipped
model folder) and data files with fixed names (cue lemmas and forms, subjunctive forms,
function words, pronouns). Stages ask the registry for a profile and never branch on a
language code, so a new language is a new folder plus its trained models.
"""

from __future__ import annotations

from saidwhat.language.profile import (
    LanguageProfile,
    LanguageRegistry,
    available_languages,
    default_registry,
    get_language,
)

__all__ = [
    "LanguageProfile",
    "LanguageRegistry",
    "available_languages",
    "default_registry",
    "get_language",
]

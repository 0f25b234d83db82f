"""Recipes that build saidwhat's shipped artefacts from the open corpora in ../shared/data."""

"""English: lexicons in data/, trained models in model/ (see language.json)."""

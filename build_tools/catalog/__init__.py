"""The sales catalogue: model pages, the models index and comparison, dealer locations."""

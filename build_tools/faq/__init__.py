"""The FAQ: entries and categories, their pages and feed."""

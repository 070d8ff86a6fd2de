"""The small core every domain builds on: reading YAML, rules, messages, URLs, slugs, settings, text."""

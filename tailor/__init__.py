"""Tailor: evidence-cited medical articles, rendered in each reader's own words."""

"""Enrichment: spaCy and rules turn documents into entities, money figures and events."""

"""The pipeline's version, in a module of its own so that checking what needs enriching imports no spaCy.

Bump when rules or data change the output: documents enriched by an older version are redone.
"""
PIPELINE_VERSION = "13"  # 13: line breaks end sentences; a move's post and time come from its own clause

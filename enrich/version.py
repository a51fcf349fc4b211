"""The pipeline's version, in a module of its own so that checking what needs enriching imports no spaCy.

Bump when rules or data change the output: documents enriched by an older version are redone.
"""
PIPELINE_VERSION = "10"  # 10: succession in the passive, trigger lemmas of unseen verbs, one event per sentence and person

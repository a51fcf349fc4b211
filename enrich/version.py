"""The pipeline's version, in a module of its own so that checking what needs enriching imports no spaCy.

Bump when rules or data change the output: documents enriched by an older version are redone.
"""
PIPELINE_VERSION = "16"  # 16: a post filled by someone; a new post set beside its holder

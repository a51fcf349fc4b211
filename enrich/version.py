"""The pipeline's version, in a module of its own so that checking what needs enriching imports no spaCy.

Bump when rules or data change the output: documents enriched by an older version are redone.
"""
PIPELINE_VERSION = "20"  # 20: a name conjoined to an appointee's post is appointed too

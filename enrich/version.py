"""The pipeline's version, in a module of its own so that checking what needs enriching imports no spaCy.

Bump when rules or data change the output: documents enriched by an older version are redone.
"""
PIPELINE_VERSION = "22"  # 22: "on the same day" and the like take the previous sentence's date

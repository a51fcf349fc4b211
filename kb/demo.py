"""The offline demo: the bundled sample site, harvested over HTTP by the real harvester, then enriched."""
import os

from .paths import SAMPLE_SITE, SAMPLE_SOURCES
from .sample_site import serving


def build_demo(db, sources=SAMPLE_SOURCES, site=SAMPLE_SITE):
    """Harvest the sample site into `db` and enrich it. Returns (harvest results, enrich report)."""
    from enrich.run import enrich
    from harvester.config import load_config
    from harvester.run import harvest
    with serving(site) as base_url:
        previous = os.environ.get("SAMPLE_URL")
        os.environ["SAMPLE_URL"] = base_url  # sample/sources.yml says ${SAMPLE_URL}
        try:
            config = load_config(sources)
        finally:
            if previous is None:
                del os.environ["SAMPLE_URL"]
            else:
                os.environ["SAMPLE_URL"] = previous
        results = harvest(db, config)
    return results, enrich(db)

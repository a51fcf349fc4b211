"""The offline demo: the bundled sample site, harvested over HTTP by the real harvester, then enriched."""
import os

from .consultations import refresh as refresh_consultations
from .paths import SAMPLE_SITE, SAMPLE_SOURCES
from .sample_site import serving

# A fixed port keeps the sample's URLs, and so its documents, the same from one run to the next.
SAMPLE_PORT = int(os.environ.get("KB_SAMPLE_PORT", "8765"))


def build_demo(db, sources=SAMPLE_SOURCES, site=SAMPLE_SITE, port=SAMPLE_PORT):
    """Harvest the sample site into `db` and enrich it. Returns (harvest results, enrich report).
    Raises SampleServerError when the port is taken."""
    from enrich.run import enrich
    from harvester.config import load_config
    from harvester.run import harvest
    with serving(site, port) as base_url:
        config = load_config(sources, variables={**os.environ, "SAMPLE_URL": base_url})
        results = harvest(db, config)
    report = enrich(db)
    refresh_consultations(db)
    return results, report

"""Where the project's files live: found from the package, so every command works from any directory."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
METADATA = PROJECT_ROOT / "metadata.yml"
TEMPLATES = PROJECT_ROOT / "templates"
PLUGINS = PROJECT_ROOT / "plugins"
SAMPLE_SITE = PROJECT_ROOT / "sample" / "site"
SAMPLE_SOURCES = PROJECT_ROOT / "sample" / "sources.yml"
SOURCES = PROJECT_ROOT / "sources.yml"

"""Publishing kb.db with Datasette, configured from the project's metadata.yml (and templates/plugins)."""
import sys

from .paths import METADATA, PLUGINS, TEMPLATES


def datasette_args(db_path, host="127.0.0.1", port=8001):
    """Command-line arguments for `datasette serve`."""
    args = [str(db_path), "--host", host, "--port", str(port), "--metadata", str(METADATA),
            "--setting", "sql_time_limit_ms", "3000", "--setting", "max_returned_rows", "1000"]
    if TEMPLATES.is_dir():
        args += ["--template-dir", str(TEMPLATES)]
    if PLUGINS.is_dir():
        args += ["--plugins-dir", str(PLUGINS)]
    return args


def make_datasette(db_path):
    """A Datasette instance configured like `kb serve` (for tests and scripts)."""
    import yaml
    from datasette.app import Datasette
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return Datasette([str(db_path)], metadata=metadata,
                     template_dir=str(TEMPLATES) if TEMPLATES.is_dir() else None,
                     plugins_dir=str(PLUGINS) if PLUGINS.is_dir() else None,
                     settings={"sql_time_limit_ms": 3000, "max_returned_rows": 1000})


def serve(db_path, host, port):
    from datasette.cli import cli as datasette_cli
    sys.argv = ["datasette", "serve", *datasette_args(db_path, host, port)]
    datasette_cli()

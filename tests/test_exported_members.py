"""Every public name imports from the package, and the CLI starts without heavy imports."""

import subprocess
import sys

import geo


def test_all_names_import():
    for name in geo.__all__:
        assert getattr(geo, name) is not None, name


def test_cli_help_does_not_import_geopandas_or_folium():
    code = (
        "import sys; from geo.cli import cli; "
        "print(any(m in sys.modules for m in ('geopandas', 'folium')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"

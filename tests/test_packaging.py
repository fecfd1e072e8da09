"""The wheel users install: built from the checkout, installed in a fresh venv, run elsewhere."""

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_carries_the_reference_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted(
        p
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and p.suffix in {".json", ".gz", ".csv", ".geojson"}
    ):
        assert "geo/" + path.relative_to(ROOT).as_posix() in names, path


def test_installed_wheel_maps_the_seeds_from_another_folder(wheel, tmp_path):
    # The venv sees the test machine's dependencies but not the checkout: geo comes
    # from the wheel alone, so a missing data file fails here as it would for a user.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "-q",
            "--no-deps",
            "--ignore-installed",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copytree(ROOT / "seeds", work / "articles")
    code = (
        "import geo, sys; from geo.cli import main; "
        "assert 'site-packages' in geo.__file__, geo.__file__; sys.argv=['geo','map','articles','-o','out']; main()"
    )
    proc = subprocess.run(
        [str(py), "-c", code],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (work / "out" / "incidents.html").stat().st_size > 10_000
    assert (work / "out" / "layers" / "states.geojson").exists()

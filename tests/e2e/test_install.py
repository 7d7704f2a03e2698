"""A normal (not editable) install into a fresh virtual environment finds the bundled trees.

Builds a wheel from this checkout, installs it into a new venv, and runs the
installed `boundary-check` from a folder far from the repository.
"""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_wheel_install_finds_bundled_trees(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], check=True, timeout=600
    )
    (wheel,) = wheels.glob("boundary_check-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [str(env_dir / "bin" / "boundary-check"), "list", "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    topics = {row["id"]: row for row in json.loads(result.stdout)}
    assert {"gifts", "social_media", "physical_contact", "sexualised_behaviour", "lifts"} <= set(topics)
    assert "site-packages" in topics["gifts"]["path"]
    checked = subprocess.run(
        [str(env_dir / "bin" / "boundary-check"), "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    schema = subprocess.run(
        [str(python), "-c", "import boundary_tui.paths as p; print((p.schema_dir() / 'tree.schema.json').is_file())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert schema.stdout.strip() == "True"
    # Saving a record makes a Word document: the library must come with the install, not from a developer's venv.
    library = subprocess.run(
        [str(python), "-c", "import docx, boundary_tui.document; print('ok')"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert library.stdout.strip() == "ok", library.stderr

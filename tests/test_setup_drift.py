"""The Dockerfile, the setup script, the README and pyproject must not drift apart."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _torch_pin_in_pyproject() -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (pin,) = [d for d in deps if d.startswith("torch")]
    return pin


def test_torch_is_pinned_to_the_cpu_build_everywhere():
    pin = _torch_pin_in_pyproject()
    assert re.fullmatch(r"torch==\d+\.\d+\.\d+", pin)
    assert f'TORCH_PIN="{pin}"' in (ROOT / "scripts/setup.sh").read_text()


def test_dockerfile_runs_the_same_setup_as_the_readme():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "RUN bash scripts/setup.sh" in dockerfile
    assert "pip install" not in dockerfile  # every install goes through the shared script
    makefile = (ROOT / "Makefile").read_text()
    assert "bash scripts/setup.sh" in makefile


def test_readme_quick_start_is_the_two_make_targets_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quick, flags=re.M)
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci/run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo: setup$", makefile, flags=re.M) and re.search(r"^test: setup$", makefile, flags=re.M)

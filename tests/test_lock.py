"""The lock file is the tested set of versions: it pins every dependency, each within pyproject's range."""
from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"not an exact pin: {line!r}"
        out[canonicalize_name(match.group(1))] = match.group(2)
    return out


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        reqs += [Requirement(r) for r in extra if not r.startswith(project["name"])]
    return reqs


def test_every_dependency_is_pinned_within_its_range():
    locked = pins()
    for req in requirements():
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is not in requirements.lock"
        assert req.specifier.contains(locked[name], prereleases=True), f"{req} but the lock has {locked[name]}"
        for extra in req.extras:  # dask[distributed] brings distributed
            if extra == "distributed":
                assert "distributed" in locked


def test_the_check_fails_on_a_pin_outside_the_range():
    req = Requirement("matplotlib>=3.11")
    assert not req.specifier.contains("3.10.0")  # the 3.10 that misplaces Thai marks would be caught


def test_environment_yml_installs_with_the_lock():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-c requirements.lock" in text and "python=3.11" in text

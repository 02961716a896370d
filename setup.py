"""Build hook: the top-level notebooks/ and params/examples/ folders ship inside the package.

They stay where the project's layout puts them (next to the code a user reads first); at build time
they are copied into the wheel as toolkit/notebooks/ and toolkit/examples/, where
toolkit.kit.paths.notebooks_dir() and examples_dir() look first. Everything else is in pyproject.toml.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# folder in the checkout -> folder inside the installed package, with the files that ship
BUNDLED = {
    "notebooks": ("toolkit/notebooks", ("*.ipynb",)),
    "params/examples": ("toolkit/examples", ("*.yaml", "*.json", "*.csv", "*.xlsx", "*.svg", "*.png")),  # emblems too
}


class BuildWithBundled(build_py):
    """build_py that also copies the notebooks and examples into the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout itself
            return
        for source, (target, patterns) in BUNDLED.items():
            out = Path(self.build_lib) / target
            out.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for path in sorted((HERE / source).glob(pattern)):
                    shutil.copy2(path, out / path.name)


setup(cmdclass={"build_py": BuildWithBundled})

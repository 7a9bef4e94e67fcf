"""Packages of the wheel: the code, plus the top-level ``seeds/`` and ``examples/`` folders mapped
into it as ``ui.seeds`` and ``ui.examples`` (read through importlib.resources).

pyproject.toml cannot add a package-dir mapping to ``packages.find``'s result, hence this file.
"""
from setuptools import find_packages, setup

DATA = {"ui.seeds": "seeds", "ui.examples": "examples"}

setup(packages=find_packages(include=["annotator*", "ui*", "exports*"]) + list(DATA), package_dir=DATA)

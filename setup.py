"""The one thing pyproject.toml cannot say: the optional C extension.

``_grams`` counts character n-grams for batch scoring (``gram_counts.py``). It is
optional: where no C compiler is found the package installs without it and the same
counts come from numpy, more slowly.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("sextortion_triage._grams", ["src/sextortion_triage/_grams.c"],
                             optional=True)])

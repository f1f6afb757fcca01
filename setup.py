"""The one thing pyproject.toml cannot say: the optional C extension.

``_grams`` makes batch scoring faster: it counts character and word n-grams
(``gram_counts.py``), folds white space and finds where the leetspeak and letter-spacing
patterns can start (``normalise.py``). It is optional: where no C compiler is found the
package installs without it, and numpy and ``re`` give the same results, more slowly.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("sextortion_triage._grams", ["src/sextortion_triage/_grams.c"],
                             depends=["src/sextortion_triage/_word_table.h"], optional=True)])

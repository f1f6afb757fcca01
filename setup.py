"""The one thing pyproject.toml cannot say: the optional C extensions.

``_grams`` makes batch scoring faster: it counts character and word n-grams
(``gram_counts.py``), folds white space and finds where the leetspeak and letter-spacing
patterns can start (``normalise.py``). ``_csv_rows`` writes a batch's CSV output rows
(``batch_io.py``). Both are optional: where no C compiler is found the package installs
without them, and numpy, ``re`` and ``csv`` give the same results, more slowly.
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("sextortion_triage._grams", ["src/sextortion_triage/_grams.c"],
              depends=["src/sextortion_triage/_word_table.h",
                       "src/sextortion_triage/_wallet_hints.h",
                       "src/sextortion_triage/_wallet_find.h",
                       "src/sextortion_triage/_span_merge.h"], optional=True),
    Extension("sextortion_triage._csv_rows", ["src/sextortion_triage/_csv_rows.c"],
              optional=True),
])

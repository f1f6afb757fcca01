"""Put this folder first on PYTHONPATH to measure the package as installed without its
``fast`` extra: ``import hyperscan`` then fails, as it does where Hyperscan is not
installed (``run.py`` and ``ab.py`` do this with ``--without-hyperscan``)."""

raise ImportError("Hyperscan hidden by bench/no_hyperscan for a measurement")

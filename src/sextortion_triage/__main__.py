"""``python -m sextortion_triage``: the command line."""

from .cli import main

main()

"""The shipped model, installed as ``sextortion_triage.shipped_model`` (data files only)."""

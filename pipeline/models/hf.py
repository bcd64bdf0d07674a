"""Shared transformers setup for every module that loads or saves Marian models."""

from __future__ import annotations


def quiet_transformers() -> None:
    """No progress bars or advisory warnings from transformers on our command line."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

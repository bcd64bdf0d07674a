"""GPU speed benchmark (``python -m bench.gpu``); see ``bench/gpu/__main__.py``."""

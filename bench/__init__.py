"""Benchmarks: measurements over ../shared data (run through `make bench-*`)."""

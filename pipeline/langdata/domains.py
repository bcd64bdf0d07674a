"""Catalog domain names, in a module of their own so the CLI lists them without Babel."""

from __future__ import annotations

MESSAGES = "messages"  # page chrome: navigation, buttons, bylines
CATEGORIES = "categories"  # category and tag names
DOMAINS = (MESSAGES, CATEGORIES)

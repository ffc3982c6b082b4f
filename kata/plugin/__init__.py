"""The ``kata`` MkDocs plugin: problem pages from ``problems/<slug>/problem.yml``."""

from kata.plugin.plugin import KataPlugin

__all__ = ["KataPlugin"]

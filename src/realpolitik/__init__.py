"""realpolitik: an analyst's workbench for international relations."""

__version__ = "0.1.0"

"""Coding English news text into events."""

"""Larger docks that are not single charts: the Risk dock."""

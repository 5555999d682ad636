"""REE Planner: scenario planning for the rare-earth supply chain, from mine to magnet.

The version lives in pyproject.toml; read it with ``reeplanner.about.version()``.
"""

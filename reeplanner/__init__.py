"""REE Planner: scenario planning for the rare-earth supply chain, from mine to magnet."""

__version__ = "0.1.0"

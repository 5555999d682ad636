"""The desktop app's Qt views over the open plan (the only package, with app.py, that imports Qt)."""

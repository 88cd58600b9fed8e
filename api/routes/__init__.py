"""One small router per area, all mounted under ``/api/v1`` by ``api/app.py``."""

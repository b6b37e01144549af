"""WSGI entry point for a checkout: `gunicorn server:app` or `flask --app server run`.

Installed from the wheel, use `gunicorn 'tailor.wsgi:app'` instead (this file is not in the package).
"""

from tailor.wsgi import app

__all__ = ["app"]

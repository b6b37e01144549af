"""WSGI entry point: `gunicorn server:app` or `flask --app server run`."""

import sys

from tailor.diagnostics import ExitCode, TailorError
from tailor.web import create_app

try:
    app = create_app()
except TailorError as exc:  # a broken profiles.yaml: one clear line, no traceback
    print(exc, file=sys.stderr)
    raise SystemExit(ExitCode.USAGE) from None

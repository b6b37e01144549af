"""The production entry point: `gunicorn 'tailor.wsgi:app'` from any folder, content from TAILOR_CONTENT.

Configuration comes from the environment (see the README's table): TAILOR_CONTENT,
TAILOR_PROXY_HOPS, TAILOR_AUTHOR (never on a public server), TAILOR_RELOAD_SETTLE.
"""

from __future__ import annotations

import gc
import sys

from .diagnostics import TailorError
from .web import create_app

APP_LOAD_ERROR = 4

try:
    app = create_app()
except TailorError as exc:  # unusable content: one line per problem, and the server stops
    print(exc, file=sys.stderr)
    # gunicorn's "App failed to load" code: its master stops instead of starting new workers that
    # would fail the same way, over and over. (The `tailor` command exits 2 for the same problem.)
    raise SystemExit(APP_LOAD_ERROR) from None
# The content lives as long as the process: the cyclic collector need never scan it again, and
# with `--preload` the workers forked from here keep sharing its memory pages.
gc.freeze()

"""The built wheel carries its templates and static files and renders from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, VARIANTS

pytestmark = pytest.mark.slow


def test_wheel_installed_in_a_fresh_venv_renders_a_page(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(dist), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("tailor_content-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"tailor/templates/article.html", "tailor/static/tailor.css",
            "tailor/translations/de/LC_MESSAGES/messages.mo"} <= names
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    # Dependencies come from the test environment (offline); `tailor` itself only from the wheel.
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TAILOR_CONTENT")}
    where = subprocess.run([str(python), "-c", "import tailor; print(tailor.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(fresh)), where.stdout
    result = subprocess.run([str(fresh / "bin" / "tailor"), "render", "ssri-mechanism", "--profile", "patient",
                             "--content", str(VARIANTS)], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "How SSRI medicines work" in result.stdout and "Which best describes you?" in result.stdout
    css = subprocess.run([str(python), "-c", "from tailor.web import create_app; c = create_app(content=%r).test_client();"
                          "r = c.get('/static/tailor.css'); print(r.status_code, len(r.data))" % str(VARIANTS)],
                         cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    status, size = css.stdout.split()
    assert status == "200" and int(size) > 1000
    served = _gunicorn_page(python, elsewhere, env)
    assert "How SSRI medicines work" in served


def _gunicorn_page(python: Path, cwd: Path, env: dict[str, str]) -> str:
    """Start `gunicorn tailor.wsgi:app` from the wheel on a socket we hold, fetch a page, stop it."""
    import socket
    import urllib.request

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # gunicorn inherits it: a request waits in the backlog until a worker is up
    port = listener.getsockname()[1]
    server = subprocess.Popen([str(python), "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}", "--workers", "1",
                               "tailor.wsgi:app"], cwd=cwd, env={**env, "TAILOR_CONTENT": str(VARIANTS)},
                              pass_fds=[listener.fileno()], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/ssri-mechanism/patient/", timeout=60) as response:
            assert response.status == 200 and response.headers["ETag"]
            return response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
        listener.close()


def test_gunicorn_stops_on_content_it_cannot_serve(tmp_path: Path):
    """Without --preload each worker loads the content: a broken tree must stop the server, not
    make gunicorn start new workers forever."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TAILOR_CONTENT"] = str(tmp_path / "missing")
    server = subprocess.run([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "2",
                             "tailor.wsgi:app"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    # gunicorn stops with "App failed to load" (exit 4; 1 when a worker fails while the first ones are
    # still being started, which gunicorn reports with its own traceback): either way, it stops.
    assert server.returncode in (1, 4)
    assert 1 <= server.stderr.count("content.missing") <= 2  # once per worker that got to start, not forever

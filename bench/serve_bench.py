"""How fast are pages served, against the floor of our own stack and against nginx? And at scale?

Serving (one run, loopback, wrk with 32 connections, gunicorn with 2 workers):
  floor   a one-route Flask app returning the same bytes as the patient view, on the same gunicorn
  view    `tailor.wsgi:app`: the patient view of ssri-mechanism
  304     the same view revalidated with its ETag (If-None-Match)
  nginx   Debian's nginx serving the `tailor build` export of the same page: the machine's limit
Scale (generated trees of 1,000 and 10,000 articles, from the shipped articles' real phrasings as
bench/check_bench.py makes them): gunicorn start-up until the first answer, resident memory per
worker, first-request and warm latency of an article view, and `tailor build` time.

Needs wrk and nginx (`apt-get install wrk nginx`). Prints both tables and writes JSON.

    .venv/bin/python bench/serve_bench.py [--seconds 10] [--scale 1000,10000] [--out bench/results/serve_bench.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_bench import generate

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VIEW = "/articles/ssri-mechanism/patient/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 300) -> float:
    """Seconds until `url` answers 200 (polling: this measures start-up, it is not a test)."""
    started = time.perf_counter()
    last: OSError | None = None
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError as exc:
            last = exc
            time.sleep(0.01)
    raise SystemExit(f"{url} did not come up in {seconds} s ({last})")


def gunicorn(app: str, port: int, cwd: Path, env: dict[str, str], workers: int = 2) -> subprocess.Popen[bytes]:
    # --preload, as the README's gunicorn.conf.py: the content is loaded once (on every core), then forked.
    return subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                             "--preload", "--log-level", "warning", app], cwd=cwd, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url: str, seconds: int, script: Path | None = None) -> dict[str, float]:
    """Requests per second and latency percentiles from one wrk run."""
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url] + (["-s", str(script)] if script else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def percentile(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"req_s": rate, "p50_ms": percentile("50"), "p99_ms": percentile("99"),
            "non_2xx_3xx": int(errors.group(1)) if errors else 0}


def nginx(root: Path, port: int, work: Path) -> subprocess.Popen[bytes]:
    conf = work / "nginx.conf"
    conf.write_text(textwrap.dedent(f"""\
        worker_processes 2;
        daemon off;
        pid {work}/nginx.pid;
        error_log {work}/nginx-error.log;
        events {{ worker_connections 1024; }}
        http {{
            access_log off;
            include /etc/nginx/mime.types;
            client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
            uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
            server {{ listen 127.0.0.1:{port}; root {root}; }}
        }}
        """))
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def serving(seconds: int, work: Path) -> list[dict[str, object]]:
    """The serving table: floor, view, 304 and nginx, in one run."""
    body = work / "view.html"
    page = urllib_get_in_process(VIEW)
    body.write_bytes(page["body"])
    (work / "floor.py").write_text(textwrap.dedent(f"""\
        from flask import Flask, Response

        BODY = open({str(body)!r}, "rb").read()
        app = Flask(__name__)


        @app.get({VIEW!r})
        def view():
            return Response(BODY, mimetype="text/html")
        """))
    site = work / "site"
    subprocess.run([str(BIN / "tailor"), "build", str(site), "--content", str(REPO / "variants")], check=True,
                   capture_output=True, timeout=600)
    (work / "etag.lua").write_text(f'wrk.headers["If-None-Match"] = {json.dumps(page["etag"])}\n')
    rows = []
    ports = {name: free_port() for name in ("floor", "view", "nginx")}
    servers = {"floor": gunicorn("floor:app", ports["floor"], work, {}),
               "view": gunicorn("tailor.wsgi:app", ports["view"], work, {"TAILOR_CONTENT": str(REPO / "variants")}),
               "nginx": nginx(site, ports["nginx"], work)}
    try:
        for name, process in servers.items():
            wait_until_up(f"http://127.0.0.1:{ports[name]}{VIEW}", process)
        for label, name, script in (("floor: one-route Flask app, same bytes", "floor", None),
                                    ("view: tailor.wsgi:app, patient view", "view", None),
                                    ("304: the view revalidated (If-None-Match)", "view", work / "etag.lua"),
                                    ("nginx: the static export of the same page", "nginx", None)):
            rows.append({"run": label, **wrk(f"http://127.0.0.1:{ports[name]}{VIEW}", seconds, script)})
    finally:
        for process in servers.values():
            stop(process)
    floor = float(rows[0]["req_s"])  # type: ignore[arg-type]
    for row in rows:
        row["vs_floor"] = round(float(row["req_s"]) / floor, 2)  # type: ignore[arg-type]
    return rows


def urllib_get_in_process(url: str) -> dict[str, object]:
    """The page and its ETag as the app sends them (rendered here, once)."""
    sys.path.insert(0, str(REPO))
    from tailor.web import create_app

    response = create_app(content=REPO / "variants").test_client().get(url)
    return {"body": response.data, "etag": response.headers["ETag"]}


def worker_memory_mb(master: int) -> tuple[float, float]:
    """Mean resident (RSS) and proportional (PSS: shared pages split between sharers) memory of a
    gunicorn master's workers, in MB. With --preload the workers share the content's pages, which
    RSS counts in full for each."""
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    rss, pss = [], []
    for pid in children:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        rss.append(int(re.search(r"^Rss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024)  # type: ignore[union-attr]
        pss.append(int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024)  # type: ignore[union-attr]
    return (round(sum(rss) / len(rss), 1), round(sum(pss) / len(pss), 1)) if rss else (0.0, 0.0)


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def scale(articles: int, work: Path) -> dict[str, object]:
    """Start-up, memory, latency and build time for a generated tree of this many articles."""
    root = work / f"content-{articles}"
    root.mkdir()
    generate(root, articles, 20)
    port = free_port()
    server = gunicorn("tailor.wsgi:app", port, work, {"TAILOR_CONTENT": str(root)})
    try:
        startup = wait_until_up(f"http://127.0.0.1:{port}/healthz", server, seconds=600)
        base = f"http://127.0.0.1:{port}"
        first = timed_get(f"{base}/articles/article-0001/patient/")
        warm = sorted(timed_get(f"{base}/articles/article-0001/patient/") for _ in range(50))[25]
        for n in range(2, 200):  # a realistic spread of views before memory is read
            timed_get(f"{base}/articles/article-{n:04d}/{('clinician', 'student', 'patient')[n % 3]}/")
        index = timed_get(f"{base}/")
        rss, pss = worker_memory_mb(server.pid)
    finally:
        stop(server)
    build_started = time.perf_counter()
    subprocess.run([str(BIN / "tailor"), "build", str(work / f"site-{articles}"), "--content", str(root)], check=True,
                   capture_output=True, timeout=7200)
    build = time.perf_counter() - build_started
    shutil.rmtree(work / f"site-{articles}", ignore_errors=True)
    return {"articles": articles, "startup_s": round(startup, 2), "rss_mb_per_worker": rss, "pss_mb_per_worker": pss,
            "first_request_ms": round(first, 1), "warm_ms": round(warm, 2), "index_ms": round(index, 1),
            "build_s": round(build, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--scale", default="1000,10000", help="comma-separated tree sizes ('' to skip)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "serve_bench.json")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk nginx")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers run as another user and must read the export
        rows = serving(args.seconds, work)
        sizes = [int(n) for n in args.scale.split(",") if n]
        scaled = [scale(n, work) for n in sizes]
    print(f"serving {VIEW} on 127.0.0.1: wrk -t2 -c32 -d{args.seconds}s, gunicorn 2 workers, nginx 2 workers; "
          f"{os.cpu_count()} cores\n")
    print(f"| {'run':44} | req/s | vs floor | p50 ms | p99 ms |")
    print(f"|{'-' * 46}|------:|---------:|-------:|-------:|")
    for row in rows:
        print(f"| {row['run']:44} | {row['req_s']:5.0f} | {row['vs_floor']:7.2f}x | {row['p50_ms']:6.2f} | {row['p99_ms']:6.2f} |")
    if scaled:
        print("\n| articles | start-up s | RSS MB/worker | PSS MB/worker | first request ms | warm ms | index ms | build s |")
        print("|---------:|-----------:|--------------:|--------------:|-----------------:|--------:|---------:|--------:|")
        for row in scaled:
            print(f"| {row['articles']:8,} | {row['startup_s']:10.2f} | {row['rss_mb_per_worker']:13.1f} | "
                  f"{row['pss_mb_per_worker']:13.1f} | "
                  f"{row['first_request_ms']:16.1f} | {row['warm_ms']:7.2f} | {row['index_ms']:8.1f} | {row['build_s']:7.1f} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"cores": os.cpu_count(), "seconds": args.seconds, "serving": rows, "scale": scaled},
                                   indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

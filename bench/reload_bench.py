"""Does live reload ever serve half a save? Readers fetch an article while an editor saves it slowly.

A threaded werkzeug server in author mode (live reload) listens on 127.0.0.1. Reader threads fetch
/articles/ssri-mechanism/patient/ while a writer rewrites the article in place, as editors do: open
'r+', truncate, then 2 KiB pieces with a flush, 100 ms apart. The saves alternate a valid edited
version and a broken one (an unknown status), each kept for `--hold` seconds. Every 200 response is
compared byte for byte with the renderings of the complete valid versions, made up front by an app
that does not reload: any other body is a truncated article. A complete body that is not the newest
valid version written is "stale" (the settle interval, or a broken save keeping the last good one).

    .venv/bin/python bench/reload_bench.py [--seconds 30] [--readers 32] [--settle 0.5] [--label after]

`tests/hostile/test_reload.py` runs the same scenario for a few seconds. Results are merged into
bench/results/reload_bench.json under `--label` (run it on an older checkout with PYTHONPATH to
compare: the table says which code it measured).
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

import tailor
from tailor.web import create_app

REPO = Path(__file__).resolve().parent.parent
SLUG = "ssri-mechanism"
URL = f"/articles/{SLUG}/patient/"
TITLE = "patient: How SSRI medicines work"


def versions(original: str) -> dict[str, str]:
    """The texts the writer saves, by name: two valid edits and one broken version."""
    assert TITLE in original and "status: submitted" in original
    return {
        "edit-1": original.replace(TITLE, f"{TITLE} (edit 1)", 1),
        "edit-2": original.replace(TITLE, f"{TITLE} (edit 2)", 1),
        "broken": original.replace("status: submitted", "status: submited", 1),
    }


def renderings(root: Path, texts: dict[str, str]) -> dict[bytes, str]:
    """The reader page of each complete valid version, through an app that does not reload."""
    pages = {}
    for name, text in texts.items():
        scratch = Path(tempfile.mkdtemp(prefix="tailor-render-"))
        try:
            shutil.copytree(root, scratch / "content")
            (scratch / "content" / "articles" / f"{SLUG}.yaml").write_text(text, encoding="utf-8")
            app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD": False}, content=scratch / "content")
            response = app.test_client().get(URL)
            assert response.status_code == 200, (name, response.status_code)
            pages[response.get_data()] = name
        finally:
            shutil.rmtree(scratch)
    return pages


def save_in_pieces(path: Path, text: str, piece: int, interval: float) -> float:
    """Save in place the way a slow editor does; returns the longest pause between two writes."""
    data, longest = text.encode("utf-8"), 0.0
    with path.open("r+b") as out:
        out.truncate(0)
        last = time.monotonic()
        for start in range(0, len(data), piece):
            if start:
                time.sleep(interval)
            now = time.monotonic()
            longest = max(longest, now - last)
            out.write(data[start:start + piece])
            out.flush()
            last = now
    return longest


@dataclass
class Tally:
    """What the readers got, counted under one lock."""

    requests: int = 0
    ok: int = 0
    truncated: int = 0
    server_errors: int = 0
    other: int = 0
    failed: int = 0
    stale: int = 0
    served: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    """One run: the counts, the latency and the conditions it ran under."""

    code: str
    readers: int
    seconds: float
    settle: float
    piece: int
    interval: float
    hold: float
    saves: int
    longest_pause_ms: float
    requests: int
    ok: int
    truncated: int
    server_errors: int
    other: int
    failed: int
    stale: int
    served: dict[str, int]
    p50_ms: float
    p99_ms: float
    truncated_samples: list[str]


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def run(content: Path, *, readers: int = 32, seconds: float = 30.0, settle: float = 0.5, piece: int = 2048,
        interval: float = 0.1, hold: float = 1.0, saves: int | None = None) -> Result:
    """Run the scenario on a copy of `content`; saves stop starting after `seconds` (or `saves` saves)."""
    scratch = Path(tempfile.mkdtemp(prefix="tailor-reload-"))
    try:
        root = scratch / "content"
        shutil.copytree(content, root, ignore=shutil.ignore_patterns(".tailor-cache"))
        path = root / "articles" / f"{SLUG}.yaml"
        original = path.read_text(encoding="utf-8")
        texts = versions(original)
        pages = renderings(root, {"original": original, "edit-1": texts["edit-1"], "edit-2": texts["edit-2"]})
        app = create_app({"TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": settle}, content=root)
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        try:
            return _drive(server.server_port, path, texts, pages, readers=readers, seconds=seconds, settle=settle,
                          piece=piece, interval=interval, hold=hold, limit=saves)
        finally:
            server.shutdown()
            serving.join(timeout=10)
            server.server_close()
    finally:
        shutil.rmtree(scratch)


def _drive(port: int, path: Path, texts: dict[str, str], pages: dict[bytes, str], *, readers: int, seconds: float,
           settle: float, piece: int, interval: float, hold: float, limit: int | None) -> Result:
    tally, lock, done = Tally(), threading.Lock(), threading.Event()
    newest = ["original"]  # the newest complete valid version on disk
    saves, pauses = [0], [0.0]

    def write() -> None:
        deadline = time.monotonic() + seconds
        order = ("edit-1", "broken", "edit-2", "broken")
        try:
            while time.monotonic() < deadline and (limit is None or saves[0] < limit):
                name = order[saves[0] % len(order)]
                pauses[0] = max(pauses[0], save_in_pieces(path, texts[name], piece, interval))
                saves[0] += 1
                if name != "broken":
                    newest[0] = name
                time.sleep(hold)
        finally:
            done.set()

    def read() -> None:
        while not done.is_set():
            expected = newest[0]
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", URL)
                response = connection.getresponse()
                status, body = response.status, response.read()
            except OSError:  # refused or reset: counted, never silently ends a reader
                status, body = 0, b""
            finally:
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                tally.requests += 1
                tally.latencies.append(elapsed)
                if status == 0:
                    tally.failed += 1
                elif status >= 500:
                    tally.server_errors += 1
                elif status != 200:
                    tally.other += 1
                elif body in pages:
                    tally.ok += 1
                    tally.served[pages[body]] = tally.served.get(pages[body], 0) + 1
                    tally.stale += pages[body] != expected
                else:
                    tally.ok += 1
                    tally.truncated += 1
                    if len(tally.samples) < 3:
                        tally.samples.append(body.decode("utf-8", "replace")[-300:])

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(readers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(str(Path(tailor.__file__).resolve().parent), readers, round(time.monotonic() - started, 2), settle,
                  piece, interval, hold, saves[0], round(pauses[0] * 1000, 1), tally.requests, tally.ok, tally.truncated,
                  tally.server_errors, tally.other, tally.failed, tally.stale, dict(sorted(tally.served.items())),
                  round(_percentile(tally.latencies, 0.5), 1), round(_percentile(tally.latencies, 0.99), 1), tally.samples)


def table(result: Result) -> str:
    """The counts as a small Markdown table."""
    share = result.truncated / result.ok * 100 if result.ok else 0.0
    rows = [("requests", f"{result.requests:,}"), ("200", f"{result.ok:,}"),
            ("truncated", f"{result.truncated:,} ({share:.1f}% of 200s)"), ("5xx", f"{result.server_errors:,}"),
            ("other status", f"{result.other:,}"),
            ("connection failed", f"{result.failed:,}"), ("stale but complete", f"{result.stale:,}"),
            ("p50 latency", f"{result.p50_ms} ms"), ("p99 latency", f"{result.p99_ms} ms"),
            ("saves", f"{result.saves} (longest pause between pieces {result.longest_pause_ms} ms)")]
    head = (f"{result.readers} readers, {result.seconds} s, settle {result.settle} s, {result.piece} B pieces "
            f"{result.interval * 1000:.0f} ms apart, hold {result.hold} s; code: {result.code}\n")
    return head + "| measure | value |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=REPO / "variants")
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=0.5, help="TAILOR_RELOAD_SETTLE (ignored by code without it)")
    parser.add_argument("--piece", type=int, default=2048)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--hold", type=float, default=1.0, help="seconds each complete save stays on disk")
    parser.add_argument("--label", default="after")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "reload_bench.json")
    args = parser.parse_args()
    result = run(args.content, readers=args.readers, seconds=args.seconds, settle=args.settle, piece=args.piece,
                 interval=args.interval, hold=args.hold)
    print(table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    known = json.loads(args.out.read_text()) if args.out.exists() else {}
    known[args.label] = asdict(result)
    args.out.write_text(json.dumps(known, indent=2) + "\n")
    sys.exit(1 if result.truncated or result.server_errors else 0)


if __name__ == "__main__":
    main()

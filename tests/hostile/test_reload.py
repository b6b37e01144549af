"""Live reload never serves a half-saved article, and keeps bounded memory however often it reloads.

The store's clock is a fake one: each test moves it forward by hand, so no test sleeps or times
anything. Only the load test at the end uses real time (an editor saving slowly, by design).
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import tailor.load
import tailor.store
from bench import reload_bench
from tailor.store import RELOAD_SETTLE, ContentStore, stamp_of
from tailor.web import create_app, tailor_of

from ..conftest import VARIANTS, write

SLUG = reload_bench.SLUG
URL = reload_bench.URL
TITLE = reload_bench.TITLE
ARTICLE = f"articles/{SLUG}.yaml"
EDITED = "How SSRI medicines work (edit 1)"


class Clock:
    """A monotonic nanosecond clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 10**12

    def __call__(self) -> int:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += round(seconds * 1e9)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(VARIANTS, target, ignore=shutil.ignore_patterns(".tailor-cache"))
    return target


@pytest.fixture
def clock() -> Clock:
    return Clock()


def reloading(root: Path, clock: Clock, settle: float = RELOAD_SETTLE, **options: int) -> ContentStore:
    return ContentStore(root, reload=True, settle=settle, clock=clock, **options)


_LATER = itertools.count(1)


def later(path: Path) -> None:
    """Move the file's mtime on, so its stamp differs even where timestamps are coarse."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + next(_LATER) * 1_000_000_000))


def edited(title: str = EDITED) -> str:
    """The shipped article with another patient title."""
    return (VARIANTS / ARTICLE).read_text().replace(TITLE, f"patient: {title}", 1)


def look(store: ContentStore) -> None:
    """What a request does first: the store compares the files' stamps with what it has."""
    assert store.content is not None


def settled(store: ContentStore, clock: Clock) -> None:
    """Let the store see the files as they are now, then let the settle interval pass."""
    look(store)
    clock.tick(store.settle)
    look(store)


def title_of(store: ContentStore) -> str:
    return store.content.articles[SLUG].title.resolve(("patient",)).text or ""


# --- Hostile saves: each yields after every step a reader could observe -------------------------------

def writes(path: Path, text: str, cuts: list[int]) -> Iterator[None]:
    """Save in place ('r+', truncate), writing up to each cut in turn (byte offsets)."""
    data = text.encode("utf-8")
    with path.open("r+b") as out:
        out.truncate(0)
        out.flush()
        yield
        done = 0
        for cut in [*cuts, len(data)]:
            out.write(data[done:cut])
            out.flush()
            done = cut
            yield


def in_2k_pieces(path: Path, text: str) -> Iterator[None]:
    yield from writes(path, text, list(range(2048, len(text.encode()), 2048)))


def cut_at_section_boundary(path: Path, text: str) -> Iterator[None]:
    # The first write is valid YAML that loads without errors: the article minus all its sections.
    yield from writes(path, text, [len(text[: text.index("\nsections:") + 1].encode())])


def cut_mid_phrasing(path: Path, text: str) -> Iterator[None]:
    yield from writes(path, text, [len(text[: text.index("(edit 1)") + 3].encode())])


def cut_inside_a_character(path: Path, text: str) -> Iterator[None]:
    # The edit has an é; the first write ends between its two UTF-8 bytes.
    yield from writes(path, text, [text.encode().index("é".encode()) + 1])


def overwrite_without_truncating(path: Path, text: str) -> Iterator[None]:
    data = text.encode()
    with path.open("r+b") as out:
        for start in range(0, len(data), 1500):
            out.write(data[start:start + 1500])
            out.flush()
            yield
        out.truncate()
        yield


def truncate_then_write(path: Path, text: str) -> Iterator[None]:
    path.write_text("")
    yield
    path.write_text(text)
    yield


def delete_then_recreate(path: Path, text: str) -> Iterator[None]:
    path.unlink()
    yield
    path.write_text(text)
    yield


def temp_file_then_rename(path: Path, text: str) -> Iterator[None]:
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text[: len(text) // 2])
    yield
    temp.write_text(text)
    yield
    os.replace(temp, path)
    yield


def backdated_copy(path: Path, text: str) -> Iterator[None]:
    # `cp -p`, an unpacked archive or a coarse clock: the mtime says the file is an hour old.
    path.write_text(text)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 3600 * 10**9))
    yield


SAVES = [in_2k_pieces, cut_at_section_boundary, cut_mid_phrasing, cut_inside_a_character,
         overwrite_without_truncating, truncate_then_write, delete_then_recreate, temp_file_then_rename, backdated_copy]


@pytest.fixture
def served(root: Path, clock: Clock):
    """An author-mode app on the copy, its store on the fake clock, and the page readers get now."""
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=root)
    store = tailor_of(app).store
    store.clock = clock
    client = app.test_client()
    return client, store, client.get(URL).get_data()


@pytest.mark.parametrize("save", SAVES, ids=lambda f: f.__name__)
def test_readers_get_the_whole_old_page_until_the_whole_new_one_has_settled(save, root, clock, served, tmp_path):
    client, store, before = served
    text = edited("How SSRI medicines work (édition 1)" if save is cut_inside_a_character else EDITED)
    for _ in save(root / ARTICLE, text):
        clock.tick(0.1)
        response = client.get(URL)
        assert response.status_code == 200 and response.get_data() == before
        assert client.get(f"/author/articles/{SLUG}/").status_code == 200
    assert store.settling == (ARTICLE,)  # the workbench can say an edit is on its way
    clock.tick(RELOAD_SETTLE)
    (after,) = reload_bench.renderings(root, {"edit": text})
    assert client.get(URL).get_data() == after and store.settling == ()


def test_the_workbench_and_health_say_an_edit_is_still_being_saved(root, clock, served):
    client, _, _ = served
    (root / ARTICLE).write_text(edited(EDITED))
    clock.tick(0.1)
    assert ARTICLE in client.get("/author/").get_data(as_text=True).split("Still being saved")[1]
    assert client.get("/healthz").get_json()["settling"] == [ARTICLE]
    clock.tick(RELOAD_SETTLE)
    assert "Still being saved" not in client.get("/author/").get_data(as_text=True)
    assert client.get("/healthz").get_json()["settling"] == []


@pytest.mark.parametrize("save", [in_2k_pieces, cut_at_section_boundary, delete_then_recreate],
                         ids=lambda f: f.__name__)
def test_a_broken_save_keeps_the_old_page_and_the_workbench_shows_why(save, root, clock, served):
    client, _, before = served
    # Broken in the last quiz option: every prefix cut before it is an article that loads.
    original = (root / ARTICLE).read_text()
    at = original.rindex("correct: false")
    text = f"{original[:at]}correct: maybe{original[at + len('correct: false'):]}"
    for _ in save(root / ARTICLE, text):
        clock.tick(0.1)
        assert client.get(URL).get_data() == before
    clock.tick(RELOAD_SETTLE)
    assert client.get(URL).get_data() == before
    line = text[:at].count("\n") + 1
    workbench = client.get(f"/author/articles/{SLUG}/").get_data(as_text=True)
    assert f"{SLUG}.yaml:{line}:16</code> error yaml.type" in workbench
    assert client.get("/healthz").get_json()["pending"] == [SLUG]


def test_a_valid_prefix_is_never_adopted_while_the_save_goes_on(root, clock):
    store = reloading(root, clock)
    original = store.content.articles[SLUG]
    text = edited()
    cuts = list(range(text.index("\nsections:") + 1, len(text), 200))  # every state loads: the sections grow
    for _ in writes(root / ARTICLE, text, cuts):
        clock.tick(0.1)  # thirty writes: three seconds of saving, six settle intervals
        assert store.content.articles[SLUG] is original
    clock.tick(RELOAD_SETTLE - 0.001)
    assert store.content.articles[SLUG] is original
    clock.tick(0.001)
    assert title_of(store) == EDITED
    assert len(store.content.articles[SLUG].sections) == len(original.sections)


@pytest.mark.parametrize("settle", [0.2, 0.5, 2.0])
def test_a_complete_edit_is_adopted_once_stable_for_the_settle_interval(root, clock, settle):
    store = reloading(root, clock, settle)
    write(root / ARTICLE, edited())
    assert title_of(store) == "How SSRI medicines work" and store.settling == (ARTICLE,)
    clock.tick(settle - 0.001)
    assert title_of(store) == "How SSRI medicines work"
    clock.tick(0.001)
    assert title_of(store) == EDITED and store.settling == ()


def test_zero_settle_adopts_a_complete_edit_on_the_next_request(root, clock):
    store = reloading(root, clock, 0)
    write(root / ARTICLE, edited())
    assert title_of(store) == EDITED


BROKEN = {
    "unknown status": (lambda p: p.write_text(p.read_text().replace("status: submitted", "status: submited")), "article.status"),
    "yaml syntax": (lambda p: p.write_text(p.read_text() + "\n  - ]: x\n"), "yaml.syntax"),
    "missing answer": (lambda p: p.write_text(p.read_text().replace("answer:", "answers:", 1)), "article.missing"),
    "not utf-8": (lambda p: p.write_bytes(p.read_bytes().replace(b"work", b"w\xffrk")), "file.encoding"),
    "replaced by a folder": (lambda p: (p.unlink(), p.mkdir()), "file.type"),
    "replaced by a fifo": (lambda p: (p.unlink(), os.mkfifo(p)), "file.type"),
    "symlink out of the tree": (lambda p: (p.unlink(), p.symlink_to(VARIANTS / ARTICLE)), "file.outside"),
    "over the size limit": (lambda p: p.write_text(p.read_text() + "#" * 40_000 + "\n"), "file.too_large"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_a_broken_stable_edit_stays_pending_and_is_read_once(root, clock, case):
    break_it, code = BROKEN[case]
    store = reloading(root, clock, limit=32_000)
    original = store.content.articles[SLUG]
    break_it(root / ARTICLE)
    clock.tick(RELOAD_SETTLE)
    for _ in range(20):
        clock.tick(0.3)
        assert store.content.articles[SLUG] is original
    assert store.reloads == 1  # read once when it settled, not once per request
    assert code in [d.code for d in store.pending[SLUG] if d.is_error]
    assert store.diagnostics_for(SLUG) == store.pending[SLUG]
    assert SLUG not in store.content.broken and store.settling == ()


def test_fixing_a_pending_edit_clears_it(root, clock):
    store = reloading(root, clock)
    path = root / ARTICLE
    good = path.read_text()
    path.write_text(good.replace("status: submitted", "status: submited"))
    settled(store, clock)
    assert SLUG in store.pending
    path.write_text(good.replace(TITLE, f"patient: {EDITED}"))
    settled(store, clock)
    assert title_of(store) == EDITED and store.pending == {}


@pytest.mark.parametrize("gap", [0.0, 0.2, 0.45])
@pytest.mark.parametrize("recreate", ["write", "rename"])
def test_delete_then_recreate_within_the_interval_never_removes_the_article(root, clock, gap, recreate):
    store = reloading(root, clock)
    path = root / ARTICLE
    text = edited()
    path.unlink()
    assert SLUG in store.content.articles and store.settling == (ARTICLE,)
    clock.tick(gap)
    assert SLUG in store.content.articles
    if recreate == "write":
        path.write_text(text)
    else:
        write(root / "drafts" / "new.yaml", text).rename(path)
    for _ in range(10):
        assert SLUG in store.content.articles
        clock.tick(0.1)
    assert title_of(store) == EDITED


@pytest.mark.parametrize("pending_first", [False, True])
def test_a_deleted_article_goes_after_the_interval_and_leaves_nothing_behind(root, clock, pending_first):
    store = reloading(root, clock)
    path = root / ARTICLE
    if pending_first:
        path.write_text("status: [")
        settled(store, clock)
        assert SLUG in store.pending
    path.unlink()
    look(store)
    clock.tick(RELOAD_SETTLE - 0.001)
    assert SLUG in store.content.articles
    clock.tick(0.001)
    content = store.content
    assert SLUG not in content.articles and SLUG not in content.broken and SLUG not in store.pending
    assert store.diagnostics_for(SLUG) == () and store.settling == ()
    assert all(Path(d.location.path).stem != SLUG for d in content.diagnostics)


def test_a_new_article_is_served_only_once_it_has_settled(root, clock):
    store = reloading(root, clock)
    path = root / "articles" / "ssri-copy.yaml"
    path.write_text("")
    text = (root / ARTICLE).read_text()
    for _ in writes(path, text, [text.index("\nsections:") + 1]):
        clock.tick(0.1)
        assert "ssri-copy" not in store.content.articles and "ssri-copy" not in store.content.broken
    clock.tick(RELOAD_SETTLE)
    assert len(store.content.articles["ssri-copy"].sections) == len(store.content.articles[SLUG].sections)


def test_a_file_that_changes_while_it_is_read_is_not_adopted(root, clock, monkeypatch):
    store = reloading(root, clock)
    path = root / ARTICLE
    text = edited()
    prefix = text[: text.index("\nsections:") + 1]
    path.write_text(prefix)  # loads without errors
    look(store)
    clock.tick(RELOAD_SETTLE)
    load = tailor.load.load_article

    def load_while_the_editor_writes(*args, **kwargs):
        found = load(*args, **kwargs)
        if not path.read_text().endswith(text[-50:]):
            with path.open("a") as out:  # the editor's next write lands during the read
                out.write(text[len(prefix):])
        return found

    monkeypatch.setattr(tailor.load, "load_article", load_while_the_editor_writes)
    assert title_of(store) == "How SSRI medicines work" and store.settling == (ARTICLE,)
    clock.tick(RELOAD_SETTLE)
    assert title_of(store) == EDITED
    assert len(store.content.articles[SLUG].sections) == len(load(path, root, store.content.profiles)[0].sections)


def test_a_site_file_that_changes_while_it_is_read_is_not_adopted(root, clock, monkeypatch):
    store = reloading(root, clock)
    path = root / "glossary.yaml"
    full = path.read_text() + "SNRI: Another kind of medicine.\n"
    path.write_text(full[: full.index("\nsynapse:") + 1])
    settled_site = store.content.glossary
    look(store)
    clock.tick(RELOAD_SETTLE)
    load = tailor.store.load_site

    def load_while_the_editor_writes(*args, **kwargs):
        found = load(*args, **kwargs)
        if path.read_text() != full:
            path.write_text(full)
        return found

    monkeypatch.setattr(tailor.store, "load_site", load_while_the_editor_writes)
    assert store.content.glossary is settled_site and store.settling == ("glossary.yaml",)
    clock.tick(RELOAD_SETTLE)
    assert store.content.glossary.lookup("SNRI") and store.content.glossary.lookup("synapse")


def test_a_same_size_save_that_ends_on_the_old_stamp_is_still_read(root, clock):
    # Coarse timestamps: an in-place save of the same length can leave mtime, size and inode as they were.
    store = reloading(root, clock)
    path = root / ARTICLE
    old = path.stat()
    text = path.read_text().replace(TITLE, "patient: How SSRI medicines help", 1)
    for _ in writes(path, text, [len(text) // 2]):
        clock.tick(0.1)
        look(store)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert stamp_of(path) == (old.st_mtime_ns, old.st_size, old.st_ino)
    settled(store, clock)
    assert title_of(store) == "How SSRI medicines help"


def test_each_version_of_a_file_is_read_at_most_once(root, clock, monkeypatch):
    store = reloading(root, clock)
    path = root / ARTICLE
    reads: dict[tuple, int] = {}
    load = tailor.load.load_article

    def counting(*args, **kwargs):
        stamp = stamp_of(path)
        reads[stamp] = reads.get(stamp, 0) + 1
        return load(*args, **kwargs)

    monkeypatch.setattr(tailor.load, "load_article", counting)
    for version in range(12):
        title = f"Version {version}"
        path.write_text(edited(title) if version % 3 else "status: [\n")
        later(path)
        for _ in range(40):  # forty requests per version, 0.05 s apart: two seconds
            look(store)
            clock.tick(0.05)
        if version % 3:
            assert title_of(store) == title
    assert max(reads.values()) == 1 and store.reloads == sum(reads.values()) == 12


SITE_EDITS = {
    "profiles.yaml cut before a profile": ("profiles.yaml", lambda t: t[: t.index("  patient:")]),
    "profiles.yaml cut mid-profile": ("profiles.yaml", lambda t: t[: t.index("  patient:") + 40]),
    "profiles.yaml emptied": ("profiles.yaml", lambda t: ""),
    "glossary.yaml cut after one term": ("glossary.yaml", lambda t: t[: t.index("\nsynapse:") + 1]),
    "tailor.yaml half written": ("tailor.yaml", lambda t: t[: t.index("locales:")]),
}


@pytest.mark.parametrize("case", SITE_EDITS, ids=str)
def test_a_half_saved_site_file_is_never_adopted_while_it_changes(root, clock, served, case):
    client, store, before = served
    name, cut = SITE_EDITS[case]
    path = root / name
    full = path.read_text()
    profiles, glossary = store.content.profiles, store.content.glossary
    half = cut(full)
    for _ in writes(path, full, [len(half.encode())]):
        clock.tick(0.2)
        assert client.get(URL).get_data() == before
        assert store.content.profiles is profiles and store.content.glossary is glossary
    clock.tick(RELOAD_SETTLE)
    assert client.get(URL).get_data() == before and store.site_problems == () and store.settling == ()


@pytest.mark.parametrize("name", ["tailor.yaml", "profiles.yaml", "glossary.yaml"])
def test_a_deleted_and_recreated_site_file_keeps_the_site_up(root, clock, served, name):
    client, store, _ = served
    write(root / "tailor.yaml", (root / "tailor.yaml").read_text().replace("site_name: Tailor", "site_name: Clinic Notes"))
    settled(store, clock)
    before = client.get(URL).get_data()
    assert b"Clinic Notes" in before
    path = root / name
    text = path.read_text()
    path.unlink()
    for _ in range(4):
        clock.tick(0.1)
        assert client.get(URL).get_data() == before
        assert client.get("/healthz").get_json()["status"] == "ok"
    path.write_text(text)
    clock.tick(RELOAD_SETTLE)
    assert client.get(URL).get_data() == before and store.site_problems == ()


def test_a_broken_stable_profiles_file_keeps_the_old_profiles(root, clock, served):
    client, store, before = served
    profiles = store.content.profiles
    for _ in writes(root / "profiles.yaml", "default: nobody\nprofiles: {}\n", [10]):
        clock.tick(0.1)
        assert client.get("/healthz").get_json()["status"] == "ok"  # a save in progress is not a problem yet
    clock.tick(RELOAD_SETTLE)
    assert client.get(URL).get_data() == before and store.content.profiles is profiles
    assert store.site_problems and client.get("/healthz").get_json()["status"] == "degraded"


def test_article_edits_still_flow_while_a_site_file_settles(root, clock):
    store = reloading(root, clock)
    write(root / "glossary.yaml", (root / "glossary.yaml").read_text() + "SNRI: Another kind of medicine.\n")
    look(store)
    clock.tick(0.3)
    write(root / ARTICLE, edited())
    look(store)
    for _ in range(10):  # the glossary keeps changing; the article has settled
        write(root / "glossary.yaml", (root / "glossary.yaml").read_text() + "#\n")
        clock.tick(0.1)
        look(store)
    assert title_of(store) == EDITED and store.settling == ("glossary.yaml",)
    clock.tick(RELOAD_SETTLE)
    assert store.content.glossary.lookup("SNRI") and title_of(store) == EDITED


def test_the_settle_interval_comes_from_the_app_config(root):
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 1.5}, content=root)
    assert tailor_of(app).store.settle == 1.5
    assert tailor_of(create_app({"TESTING": True}, content=root)).store.settle == RELOAD_SETTLE
    with pytest.raises(ValueError, match="0 seconds or more"):
        create_app({"TESTING": True, "TAILOR_RELOAD_SETTLE": -1}, content=root)


def _retained(action: Callable[[], None]) -> int:
    action()
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_memory_per_reload_is_bounded(root, clock):
    store = reloading(root, clock)
    path = root / ARTICLE
    copy = root / "articles" / "ssri-copy.yaml"
    diagnostics = len(store.content.diagnostics)

    def edit(version: int) -> None:
        kind = version % 4
        if kind == 0:
            path.write_text(edited(f"Edit {version}"))
        elif kind == 1:
            path.write_text(f"status: [{version}\n")  # broken: pending
        elif kind == 2:
            shutil.copy(path, copy)
        else:
            copy.unlink()
            path.write_text(edited(f"Edit {version}"))
        later(path)
        settled(store, clock)

    tracemalloc.start()
    try:
        first = _retained(lambda: [edit(v) for v in range(20)])
        last = _retained(lambda: [edit(v) for v in range(20, 300)])
    finally:
        tracemalloc.stop()
    assert last - first < 64 * 1024, f"{last - first:,} bytes more after 280 more reloads"
    assert store.reloads >= 300 and len(store.content.diagnostics) <= diagnostics
    assert store.pending == {} and store.settling == () and "ssri-copy" not in store.content.articles


@pytest.mark.slow
def test_readers_under_load_never_get_half_a_save():
    # Settle 0.5 s (the default): five times the writer's 100 ms between pieces. Under eight readers the
    # writer's own sleeps overshoot (up to ~180 ms measured), and a pause longer than the settle
    # interval would be read as a finished save, so the margin is generous. Each save then stays 0.9 s,
    # long enough for the valid ones to be adopted; three saves (valid, broken, valid) take ~4 s.
    result = reload_bench.run(VARIANTS, readers=8, seconds=10, saves=3, settle=0.5, hold=0.9)
    assert result.failed == 0 and result.server_errors == 0 and result.other == 0
    assert result.truncated == 0, result.truncated_samples
    assert result.ok == result.requests > 0
    assert result.served.get("edit-1") and result.served.get("edit-2")  # the valid saves did get through


def test_a_bug_reading_one_article_leaves_the_others_served(root, monkeypatch):
    import tailor.load

    real = tailor.load.load_article

    def buggy(path, *args, **kwargs):
        if path.stem == SLUG:
            raise ValueError("a bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(tailor.load, "load_article", buggy)
    client = create_app({"TESTING": True}, content=root).test_client()
    assert client.get(URL).status_code == 404
    assert client.get("/articles/metformin-type-2-diabetes/patient/").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "degraded", "articles": 2, "broken": 1, "pending": 0}

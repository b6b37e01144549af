"""The `tailor` command: render, check, and one-line errors with exit codes CI can read."""

from __future__ import annotations

import json

from tailor.cli import main

from .conftest import VARIANTS, write


def test_render_prints_the_page_the_server_sends(runner, client):
    result = runner.invoke(main, ["render", "ssri-mechanism", "--profile", "patient", "--content", str(VARIANTS)])
    assert result.exit_code == 0, result.output
    assert result.output == client.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)


def test_render_uses_the_locale(runner):
    result = runner.invoke(main, ["render", "ssri-mechanism", "--locale", "en_GB", "--content", str(VARIANTS)])
    assert result.exit_code == 0
    assert "27 February 2026" in result.output


def test_render_refuses_a_locale_that_is_not_offered(runner):
    result = runner.invoke(main, ["render", "ssri-mechanism", "--locale", "fr", "--content", str(VARIANTS)])
    assert result.exit_code == 2
    assert "add it to `locales` in tailor.yaml" in result.output


def test_render_unknown_slug_or_profile_is_a_usage_error(runner):
    for args in (["render", "nope"], ["render", "ssri-mechanism", "--profile", "alien"]):
        result = runner.invoke(main, [*args, "--content", str(VARIANTS)])
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_check_passes_the_shipped_content_even_when_strict(runner):
    result = runner.invoke(main, ["check", "--content", str(VARIANTS), "--strict", "--no-cache"])
    assert result.exit_code == 0, result.output
    # Notes only: hints, and drift a reviewer accepted with a reason (`allow:`), which says so.
    assert all(": note readability.hint: " in line or (": note consistency." in line and "(allowed: " in line)
               for line in result.output.splitlines())


def test_check_reports_findings_as_path_line_col_and_exits_1(runner, tree):
    write(tree / "articles" / "bad.yaml", (tree / "articles" / "sample.yaml").read_text().replace("status: under_review", "status: done"))
    result = runner.invoke(main, ["check", "--content", str(tree), "--no-cache"])
    assert result.exit_code == 1
    assert result.output == f"{tree}/articles/bad.yaml:6:9: error article.status: unknown status `done`; expected one of: `draft`, `submitted`, `under_review`, `approved`\n"


def test_check_json_format(runner, tree):
    write(tree / "articles" / "bad.yaml", "question: [\n")
    result = runner.invoke(main, ["check", "--content", str(tree), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)
    assert finding["code"] == "yaml.syntax" and finding["severity"] == "error" and finding["path"].endswith("bad.yaml")


def test_warnings_fail_only_with_strict(runner, tree):
    sample = tree / "articles" / "sample.yaml"
    sample.write_text(sample.read_text().replace("answer:\n", "  ref-z: {type: research, title: Z, source: J, year: 2001}\nanswer:\n"))
    assert runner.invoke(main, ["check", "--content", str(tree)]).exit_code == 0
    strict = runner.invoke(main, ["check", "--content", str(tree), "--strict"])
    assert strict.exit_code == 1 and "warning refs.unused" in strict.output


def test_broken_profiles_exit_2_with_one_line_per_problem(runner, tree):
    (tree / "profiles.yaml").write_text("default: nobody\nprofiles:\n  clinician: {label: C, description: D, disclaimer: {title: T, text: X}}\n")
    for command in (["check"], ["render", "sample"]):
        result = runner.invoke(main, [*command, "--content", str(tree)])
        assert result.exit_code == 2
        assert result.output == f"{tree}/profiles.yaml:1:10: error profiles.unknown: default profile `nobody` is not declared; expected one of: `clinician`\n"


def test_content_folder_from_environment(runner, tree):
    result = runner.invoke(main, ["render", "sample"], env={"TAILOR_CONTENT": str(tree)})
    assert result.exit_code == 0 and "Clinician question?" in result.output


def test_build_writes_a_static_site_with_links_for_every_version(runner, tree, tmp_path):
    draft = tree / "articles" / "draft-one.yaml"
    draft.write_text((tree / "articles" / "sample.yaml").read_text().replace("status: under_review", "status: draft"))
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", str(out), "--content", str(tree)])
    assert result.exit_code == 0, result.output
    page = (out / "articles" / "sample" / "patient" / "index.html").read_text()
    assert "<form" not in page and "Patient question?" in page
    for profile in ("clinician", "student", "patient"):
        assert f'href="/articles/sample/{profile}/"' in page
        assert (out / "articles" / "sample" / profile / "index.html").is_file()
    assert 'aria-current="page"' in page
    assert 'url=/articles/sample/clinician/' in (out / "articles" / "sample" / "index.html").read_text()
    index = (out / "index.html").read_text()
    assert 'href="/articles/sample/student/"' in index and "<form" not in index
    assert (out / "static" / "tailor.css").is_file() and (out / "404.html").is_file()
    assert not (out / "articles" / "draft-one").exists()


def test_build_reports_articles_it_could_not_build(runner, tree, tmp_path):
    write(tree / "articles" / "broken.yaml", "question: [\n")
    result = runner.invoke(main, ["build", str(tmp_path / "site"), "--content", str(tree)])
    assert result.exit_code == 1
    assert "not built: " in result.output and "broken.yaml:2:1: error yaml.syntax" in result.output

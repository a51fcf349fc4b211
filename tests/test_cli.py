import json

from click.testing import CliRunner

from kb.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_every_command_has_help_with_an_example():
    for command in ["ingest", "harvest", "enrich", "serve", "status", "demo"]:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_ingest_then_enrich_then_status(tmp_path):
    db = tmp_path / "kb.db"
    data = tmp_path / "docs.jsonl"
    data.write_text("\n".join([
        json.dumps({"url": "https://a.example/1", "published": "2024-06-25", "title": "Chief executive to leave",
                    "text": "Jane Sample resigned as chief executive of the Care Quality Commission today."}),
        "not json",
        json.dumps({"url": "https://a.example/2", "text": "Spend reached £99m."}),
    ]))
    result = run("ingest", data, "--db", db)
    assert result.exit_code == 0
    assert result.stdout.strip() == "ingested 2 documents: 2 new, 0 updated, 0 unchanged, 1 bad lines skipped"
    assert f"{data}:2: skipped: not valid JSON" in result.stderr

    result = run("enrich", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.strip() == "enriched 2 documents, skipped 0 unchanged"
    assert run("enrich", "--db", db).stdout.strip() == "enriched 0 documents, skipped 2 unchanged"

    result = run("status", "--db", db)
    assert result.exit_code == 0
    assert "documents: 2" in result.output and "departure 1" in result.output


def test_db_defaults_to_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_DB", str(tmp_path / "env.db"))
    result = run("ingest", "-", input=json.dumps({"url": "https://a.example/x", "text": "x"}) + "\n")
    assert result.exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_harvest_with_a_bad_sources_file_exits_2_and_says_why(tmp_path):
    bad = tmp_path / "sources.yml"
    bad.write_text("sources:\n  - name: x\n    kind: telepathy\n    url: https://a.example\n")
    result = run("harvest", "--sources", bad, "--db", tmp_path / "kb.db")
    assert result.exit_code == 2
    assert "kind must be one of" in result.stderr
    missing = run("harvest", "--sources", tmp_path / "nope.yml", "--db", tmp_path / "kb.db")
    assert missing.exit_code == 2 and "not found" in missing.stderr


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my precious notes")
    result = run("status", "--db", notes)
    assert result.exit_code == 1
    assert "not a SQLite database" in result.stderr
    assert notes.read_text() == "my precious notes"


def test_serve_refuses_a_missing_database(tmp_path):
    result = run("serve", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "does not exist" in result.stderr


def ingest_three(db_path):
    lines = [json.dumps({"url": f"https://p.example/{n}", "published": "2025-02-0" + str(n),
                         "text": f"The trust board met on day {n} and agreed its winter plan for the hospital."})
             for n in (1, 2, 3)]
    assert run("ingest", "-", "--db", db_path, input="\n".join(lines) + "\n").exit_code == 0


def test_enrich_with_progress_draws_a_bar_of_documents_done_of_total_on_stderr(db_path):
    ingest_three(db_path)
    result = run("enrich", "--progress", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "enriching" in result.stderr and "3/3" in result.stderr and "100%" in result.stderr
    assert "docs/s" in result.stderr  # the rate
    assert result.stdout.strip() == "enriched 3 documents, skipped 0 unchanged"  # the bar is not on stdout


def test_enrich_progress_shows_the_time_left_while_documents_remain(db_path, monkeypatch):
    from kb.cli import EnrichProgress
    starts = [0.0]  # the bar starts at 0 s; every later look at its clock says 10 s
    monkeypatch.setattr(EnrichProgress, "clock", staticmethod(lambda: starts.pop() if starts else 10.0))
    ingest_three(db_path)
    result = run("enrich", "--progress", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "1/3" in result.stderr and "0.1 docs/s  0:00:20 left" in result.stderr  # 1 done in 10 s, 2 to go
    assert "2/3" in result.stderr and "0.2 docs/s  0:00:05 left" in result.stderr


def test_enrich_without_a_terminal_prints_only_the_summary(db_path):
    ingest_three(db_path)
    result = run("enrich", "--db", db_path)  # CliRunner's stderr is not a TTY: as under cron
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == "enriched 3 documents, skipped 0 unchanged\n"
    quiet = run("enrich", "--all", "--no-progress", "--db", db_path)
    assert quiet.stderr == "" and quiet.stdout == "enriched 3 documents, skipped 0 unchanged\n"


def test_enrich_progress_draws_a_second_bar_for_documents_read_again(db_path):
    first = {"url": "https://p.example/gone", "published": "2025-05-02",
             "text": "Ms Okonkwo stood down from the Care Quality Commission in May 2025."}
    later = {"url": "https://p.example/named", "published": "2024-09-10",
             "text": "Adaeze Okonkwo was appointed chief inspector at the Care Quality Commission in September 2024."}
    assert run("ingest", "-", "--db", db_path, input=json.dumps(first) + "\n").exit_code == 0
    assert run("enrich", "--db", db_path).exit_code == 0
    assert run("ingest", "-", "--db", db_path, input=json.dumps(later) + "\n").exit_code == 0
    result = run("enrich", "--progress", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "read 1 again" in result.stdout
    enriching, again = result.stderr.index("enriching"), result.stderr.index("reading again")
    assert enriching < again and "1/1" in result.stderr[again:]


def test_one_cron_line_everywhere_and_enrichment_runs_after_a_failed_source():
    from kb.paths import PROJECT_ROOT
    help_lines = [line.strip() for line in run("harvest", "--help").output.splitlines() if line.strip().startswith("0 6 ")]
    documented = [line.strip() for doc in ("README.md", "docs/harvesting.md")
                  for line in (PROJECT_ROOT / doc).read_text(encoding="utf-8").splitlines() if line.startswith("0 6 ")]
    assert len(help_lines) == 1 and len(documented) == 2
    assert set(documented) == set(help_lines)
    # `kb harvest` exits 1 when any source failed; `&&` after it would skip enrichment on those days.
    (line,) = help_lines
    assert "kb harvest --db kb.db; " in line and "harvest --db kb.db &&" not in line


def test_the_documents_the_sources_file_and_readme_point_to_exist():
    import re
    from kb.paths import PROJECT_ROOT
    for name in ("sources.yml", "README.md", "docs/harvesting.md"):
        for target in re.findall(r"docs/[\w.-]+\.md", (PROJECT_ROOT / name).read_text(encoding="utf-8")):
            assert (PROJECT_ROOT / target).exists(), (name, target)

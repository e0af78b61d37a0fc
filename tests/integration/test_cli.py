"""The ``logredact`` command, run as users run it: ``python -m logredact`` in a
subprocess, with secrets generated at random and handed over through the environment
or a secrets file."""

from __future__ import annotations

import gzip
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from logredact import _stream, cli
from logredact.rules import builtin_rules

LOGREDACT = [sys.executable, "-m", "logredact"]


def token() -> str:
    """A random secret that no rule could have produced by chance."""
    return "tk" + secrets.token_hex(12)


def run(
    *args: str | os.PathLike[str],
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LOGREDACT_")}
    full_env.update(env or {})
    return subprocess.run(
        [*LOGREDACT, *map(str, args)],
        input=input,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def secret() -> str:
    return token()


@pytest.fixture
def env(secret: str) -> dict[str, str]:
    return {"APP_SECRET": secret}


@pytest.fixture
def log(tmp_path: Path, secret: str) -> Path:
    path = tmp_path / "app.log"
    path.write_text(
        f'starting worker\nconnecting with key {secret} to db\ndone\n{{"token": "{secret}"}}\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def clean_log(tmp_path: Path) -> Path:
    path = tmp_path / "clean.log"
    path.write_text("nothing to see\nhere\n", encoding="utf-8")
    return path


#: The required fields of a SARIF 2.1.0 log that this tool writes, from the OASIS
#: SARIF 2.1.0 schema (sarif-schema-2.1.0.json): log, run, tool, toolComponent,
#: reportingDescriptor, result, message, location, physicalLocation, region.
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {"id": {"type": "string"}},
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "anyOf": [
                                                    {"required": ["address"]},
                                                    {"required": ["artifactLocation"]},
                                                ],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "startColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "endLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "endColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


class TestScan:
    def test_exits_zero_when_nothing_is_found(self, clean_log: Path, env: dict[str, str]) -> None:
        """A clean file exits 0 and prints no finding."""
        result = run("scan", "--secret-env", "APP_SECRET", clean_log, env=env)

        assert 0 == result.returncode
        assert b"" == result.stdout

    def test_exits_one_and_reports_each_finding(
        self, log: Path, env: dict[str, str], secret: str
    ) -> None:
        """Each finding is a PATH:LINE:COL RULE FINGERPRINT line; the secret is not."""
        result = run("scan", "--no-rules", "--secret-env", "APP_SECRET", log, env=env)

        assert 1 == result.returncode
        lines = result.stdout.decode().splitlines()
        assert [f"{log}:2:21", f"{log}:4:12"] == [line.split()[0] for line in lines]
        assert {"env:APP_SECRET"} == {line.split()[1] for line in lines}
        assert secret not in (result.stdout + result.stderr).decode()

    def test_prints_a_per_rule_summary_on_stderr(self, log: Path, env: dict[str, str]) -> None:
        """The summary counts findings per label on stderr, and --quiet drops it."""
        loud = run("scan", "--no-rules", "--secret-env", "APP_SECRET", log, env=env)
        quiet = run("scan", "--no-rules", "-q", "--secret-env", "APP_SECRET", log, env=env)

        assert "env:APP_SECRET  2" in loud.stderr.decode()
        assert b"" == quiet.stderr
        assert len(loud.stdout.splitlines()) == len(quiet.stdout.splitlines())

    def test_exits_two_on_a_missing_file_but_scans_the_others(
        self, log: Path, tmp_path: Path, env: dict[str, str]
    ) -> None:
        """An unreadable input is an error (exit 2) named on stderr; the other inputs
        are still scanned and reported."""
        result = run("scan", "--secret-env", "APP_SECRET", tmp_path / "missing.log", log, env=env)

        assert 2 == result.returncode
        assert "missing.log: no such file or directory" in result.stderr.decode()
        assert 2 == len(result.stdout.splitlines())

    def test_exits_two_on_a_usage_error(self, log: Path) -> None:
        """Unknown options and unknown rule ids are usage errors."""
        assert 2 == run("scan", "--no-such-option", log).returncode
        result = run("scan", "--disable-rule", "no-such-rule-anywhere", log)
        assert 2 == result.returncode
        assert "no-such-rule-anywhere" in result.stderr.decode()

    def test_reads_standard_input(self, secret: str, env: dict[str, str]) -> None:
        """With no path, or '-', the input is stdin, reported as <stdin>."""
        data = f"a\nb {secret}\n".encode()
        for args in ((), ("-",)):
            result = run("scan", "--secret-env", "APP_SECRET", *args, input=data, env=env)

            assert 1 == result.returncode
            assert result.stdout.decode().startswith("<stdin>:2:3 env:APP_SECRET ")

    def test_walks_directories_and_reads_gzip(
        self, tmp_path: Path, secret: str, env: dict[str, str]
    ) -> None:
        """Directories are scanned recursively; .gz files are decompressed."""
        root = tmp_path / "logs"
        (root / "old").mkdir(parents=True)
        (root / "a.log").write_text(f"{secret}\n", encoding="utf-8")
        with gzip.open(root / "old" / "b.log.gz", "wt", encoding="utf-8") as zipped:
            zipped.write(f"x\n\nyy {secret}\n")

        result = run("scan", "--secret-env", "APP_SECRET", root, env=env)

        locations = [line.split()[0] for line in result.stdout.decode().splitlines()]
        assert [f"{root}/a.log:1:1", f"{root}/old/b.log.gz:3:4"] == locations

    def test_reads_known_values_from_a_secrets_file(
        self, tmp_path: Path, log: Path, secret: str
    ) -> None:
        """--secrets-file takes one value per line; labels name file and line."""
        values = tmp_path / "values.txt"
        values.write_text(f"{token()}\n\n{secret}\n", encoding="utf-8")

        result = run("scan", "--no-rules", "--secrets-file", values, log)

        assert 1 == result.returncode
        assert {"file:values.txt:3"} == {
            line.split()[1] for line in result.stdout.decode().splitlines()
        }

    def test_glob_patterns_pick_environment_variables(self, log: Path, secret: str) -> None:
        """--secret-env accepts glob patterns."""
        result = run("scan", "--secret-env", "DEPLOY_*", log, env={"DEPLOY_KEY_1": secret})

        assert 1 == result.returncode
        assert b"env:DEPLOY_KEY_1" in result.stdout

    def test_warns_when_a_secret_env_pattern_matches_nothing(self, log: Path) -> None:
        """A --secret-env that matches no variable is named in a warning."""
        result = run("scan", "--secret-env", "NO_SUCH_VARIABLE_*", log)

        assert "'NO_SUCH_VARIABLE_*' matches no environment variable" in result.stderr.decode()

    def test_warns_about_a_too_short_value_by_label(self, log: Path) -> None:
        """A known value under the minimum length is refused with a warning that names
        its label, never its value."""
        short = "Zq" + secrets.token_hex(2) + "Z"
        result = run("scan", "--secret-env", "SHORT", log, env={"SHORT": short})

        assert "env:SHORT" in result.stderr.decode()
        assert short not in result.stderr.decode()

    def test_json_format_is_one_object_per_finding(
        self, log: Path, env: dict[str, str], secret: str
    ) -> None:
        """--format json writes one JSON object per line, without the secret."""
        result = run(
            "scan", "--no-rules", "--format", "json", "--secret-env", "APP_SECRET", log, env=env
        )

        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [
            (2, 21, 47),
            (4, 12, 38),
        ] == [(r["line"], r["column"], r["end_column"]) for r in records]
        assert {"known"} == {r["kind"] for r in records}
        assert {len(secret)} == {r["length"] for r in records}
        assert secret not in result.stdout.decode()

    def test_sarif_format_has_the_required_fields(
        self, log: Path, env: dict[str, str], secret: str
    ) -> None:
        """--format sarif writes one SARIF 2.1.0 log with a located result per
        finding."""
        result = run(
            "scan", "--no-rules", "--format", "sarif", "--secret-env", "APP_SECRET", log, env=env
        )

        document = json.loads(result.stdout)
        jsonschema.validate(document, SARIF_REQUIRED)
        results = document["runs"][0]["results"]
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
        assert [(2, 21), (4, 12)] == [(r["startLine"], r["startColumn"]) for r in regions]
        assert {"known-value"} == {r["ruleId"] for r in results}
        assert secret not in result.stdout.decode()
        assert 1 == result.returncode

    def test_sarif_records_unreadable_inputs(self, tmp_path: Path) -> None:
        """An input that cannot be read becomes a tool notification, and exit 2."""
        result = run("scan", "--format", "sarif", tmp_path / "missing.log")

        document = json.loads(result.stdout)
        jsonschema.validate(document, SARIF_REQUIRED)
        invocation = document["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False
        assert 2 == result.returncode

    def test_fingerprint_key_makes_runs_agree(self, log: Path, env: dict[str, str]) -> None:
        """Two runs with the same --fingerprint-key report the same fingerprints;
        without one they differ (a random key per run)."""
        key = secrets.token_hex(16)
        args = ("scan", "--secret-env", "APP_SECRET", log)
        first = run(*args, "--fingerprint-key", key, env=env).stdout
        second = run(*args, env={**env, "LOGREDACT_FINGERPRINT_KEY": key}).stdout
        unkeyed = run(*args, env=env).stdout

        assert first == second
        assert first != unkeyed

    def test_jobs_give_the_same_findings_in_the_same_order(
        self, tmp_path: Path, secret: str, env: dict[str, str]
    ) -> None:
        """--jobs scans files in parallel processes and reports them in input order."""
        for n in range(6):
            (tmp_path / f"f{n}.log").write_text(f"{n}\n" * n + f"{secret}\n", encoding="utf-8")
        key = secrets.token_hex(16)
        args = ("scan", "--fingerprint-key", key, "--secret-env", "APP_SECRET", tmp_path)

        serial = run(*args, env=env)
        parallel = run(*args, "--jobs", "3", env=env)

        assert 6 == len(serial.stdout.splitlines())
        assert serial.stdout == parallel.stdout
        assert 1 == parallel.returncode

    def test_finds_rule_shapes_without_known_values(self, tmp_path: Path) -> None:
        """Credential shapes are found with no known value at all, unless --no-rules."""
        examples = [(rule.id, ex) for rule in builtin_rules() for ex in rule.examples[:1]]
        if not examples:
            pytest.skip("the built-in catalog is empty")
        _, example = examples[0]
        path = tmp_path / "shape.log"
        path.write_text(f"line one\n{example}\n", encoding="utf-8")

        with_rules = run("scan", path)
        without = run("scan", "--no-rules", path)

        assert 1 == with_rules.returncode
        assert 0 == without.returncode

    def test_a_corrupt_gzip_file_is_an_error(self, tmp_path: Path, secret: str) -> None:
        """A truncated .gz input exits 2 with the file named."""
        path = tmp_path / "cut.log.gz"
        path.write_bytes(gzip.compress(f"{secret}\n".encode() * 100)[:-20])

        result = run("scan", "--secret-env", "S", path, env={"S": secret})

        assert 2 == result.returncode
        assert "cut.log.gz" in result.stderr.decode()

    def test_progress_bar_on_request(self, log: Path, env: dict[str, str]) -> None:
        """--progress draws a progress bar on stderr, and the findings are unchanged."""
        result = run("scan", "--progress", "--secret-env", "APP_SECRET", log, env=env)

        assert "MB/s" in result.stderr.decode()
        assert 2 == len(result.stdout.splitlines())

    def test_sarif_names_the_rule_of_a_shape(self, tmp_path: Path) -> None:
        """A credential shape is reported under the id of a rule that matched it, which
        the tool's rule list describes."""
        examples = [(rule.id, ex) for rule in builtin_rules() for ex in rule.examples[:1]]
        if not examples:
            pytest.skip("the built-in catalog is empty")
        path = tmp_path / "shapes.log"
        path.write_text("".join(f"{example}\n" for _, example in examples), encoding="utf-8")

        result = run("scan", "--format", "sarif", path)

        document = json.loads(result.stdout)
        jsonschema.validate(document, SARIF_REQUIRED)
        run_ = document["runs"][0]
        rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
        assert run_["results"]
        for item in run_["results"]:
            assert rule_ids[item["ruleIndex"]] == item["ruleId"]
            assert item["ruleId"] in item["properties"]["labels"]


class TestRedact:
    def test_masks_secrets_and_keeps_everything_else(
        self, log: Path, env: dict[str, str], secret: str
    ) -> None:
        """Secrets become the mask; lines without a finding are unchanged."""
        result = run("redact", "--secret-env", "APP_SECRET", log, env=env)

        assert 0 == result.returncode
        original = log.read_bytes().splitlines()
        lines = result.stdout.splitlines()
        assert original[0] == lines[0]
        assert b"connecting with key [REDACTED] to db" == lines[1]
        assert original[2] == lines[2]
        assert secret.encode() not in result.stdout

    def test_keeps_bytes_that_are_not_utf8(self, tmp_path: Path, secret: str) -> None:
        """Invalid UTF-8, NULs and CRLF survive byte for byte around a masked secret."""
        data = b"\xff\xfe bin \x00\r\nok \xe9t\xe9 " + secret.encode() + b" \x80\r\n\xc3"
        path = tmp_path / "bin.log"
        path.write_bytes(data)

        result = run("redact", "--secret-env", "S", path, env={"S": secret})

        assert data.replace(secret.encode(), b"[REDACTED]") == result.stdout

    def test_reads_stdin_and_writes_stdout(self, secret: str) -> None:
        """With no path, stdin is redacted to stdout."""
        result = run(
            "redact", "--secret-env", "S", input=f"x {secret} y\n".encode(), env={"S": secret}
        )

        assert b"x [REDACTED] y\n" == result.stdout

    def test_mask_template(self, log: Path, env: dict[str, str]) -> None:
        """--mask takes a template with the label."""
        result = run(
            "redact",
            "--no-rules",
            "--mask",
            "<{label}>",
            "--secret-env",
            "APP_SECRET",
            log,
            env=env,
        )

        assert b"connecting with key <env:APP_SECRET> to db" == result.stdout.splitlines()[1]

    def test_output_file(self, log: Path, tmp_path: Path, env: dict[str, str]) -> None:
        """-o writes the result to a file and nothing to stdout."""
        target = tmp_path / "out.log"

        result = run("redact", "-o", target, "--secret-env", "APP_SECRET", log, env=env)

        assert b"" == result.stdout
        assert b"[REDACTED]" in target.read_bytes()

    def test_in_place_replaces_the_file_and_keeps_its_mode(
        self, log: Path, env: dict[str, str], secret: str
    ) -> None:
        """--in-place rewrites the file with the same permissions, no temp file left."""
        log.chmod(0o640)

        result = run("redact", "--in-place", "--secret-env", "APP_SECRET", log, env=env)

        assert 0 == result.returncode
        assert secret not in log.read_text(encoding="utf-8")
        assert 0o640 == log.stat().st_mode & 0o777
        assert [log.name] == os.listdir(log.parent)

    def test_in_place_keeps_gzip_compressed(
        self, tmp_path: Path, secret: str, env: dict[str, str]
    ) -> None:
        """A gzip file redacted in place is still gzip."""
        path = tmp_path / "old.log.gz"
        with gzip.open(path, "wt", encoding="utf-8") as zipped:
            zipped.write(f"a {secret}\n")

        run("redact", "--in-place", "--secret-env", "APP_SECRET", path, env=env)

        with gzip.open(path, "rt", encoding="utf-8") as zipped:
            assert "a [REDACTED]\n" == zipped.read()

    def test_in_place_needs_a_path(self, secret: str) -> None:
        """--in-place on stdin is a usage error."""
        result = run("redact", "--in-place", input=b"x\n")

        assert 2 == result.returncode
        assert "--in-place" in result.stderr.decode()

    def test_missing_input_exits_two(self, tmp_path: Path) -> None:
        """An unreadable input exits 2 and names the file."""
        result = run("redact", tmp_path / "missing.log")

        assert 2 == result.returncode
        assert "missing.log" in result.stderr.decode()

    def test_secret_split_across_reads_is_masked(self, tmp_path: Path, secret: str) -> None:
        """With tiny reads, a secret spread over several blocks is still masked."""
        path = tmp_path / "long.log"
        path.write_bytes(("x" * 1000 + secret + "y" * 1000 + "\n").encode() * 3)

        result = run("redact", "--block-size", "7", "--secret-env", "S", path, env={"S": secret})

        assert (("x" * 1000 + "[REDACTED]" + "y" * 1000 + "\n").encode() * 3) == result.stdout


class TestInPlaceAtomicity:
    def test_an_interrupted_run_leaves_the_original(
        self, log: Path, secret: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupted half-way (Ctrl-C), --in-place leaves the original file byte for
        byte and no temporary file behind."""
        log.write_bytes(log.read_bytes() * 50)
        before = log.read_bytes()
        monkeypatch.setenv("APP_SECRET", secret)
        feed = _stream.StreamRedactor.feed
        calls = 0

        def interrupted(self: _stream.StreamRedactor, data: bytes) -> bytes:
            nonlocal calls
            calls += 1
            if calls == 3:
                raise KeyboardInterrupt
            return feed(self, data)

        monkeypatch.setattr(_stream.StreamRedactor, "feed", interrupted)

        code = cli.main(
            ["redact", "--in-place", "--block-size", "64", "--secret-env", "APP_SECRET", str(log)]
        )

        assert 130 == code
        assert 3 == calls
        assert before == log.read_bytes()
        assert [log.name] == os.listdir(log.parent)

    def test_sigterm_mid_run_leaves_the_original(self, tmp_path: Path, secret: str) -> None:
        """SIGTERM while --in-place is writing exits 143, keeps the original byte for
        byte and removes the temporary file."""
        path = tmp_path / "big.log"
        path.write_bytes(f"line {secret} end\n".encode() * 200_000)
        before = path.read_bytes()
        args = ["redact", "--in-place", "--block-size", "16", "--secret-env", "S", str(path)]
        proc = subprocess.Popen(
            [*LOGREDACT, *args],
            env={**os.environ, "S": secret},
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 30
            while len(os.listdir(tmp_path)) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert proc.poll() is None, "finished before it could be interrupted"
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        finally:
            proc.kill()
            proc.communicate()

        assert 128 + signal.SIGTERM == proc.returncode
        assert before == path.read_bytes()
        assert [path.name] == os.listdir(tmp_path)

    def test_a_failed_write_leaves_the_original(
        self, log: Path, secret: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the final rename fails, the original stays and the error exits 2."""
        before = log.read_bytes()
        monkeypatch.setenv("APP_SECRET", secret)

        def refuse(src: str, dst: str) -> None:
            raise PermissionError(13, "Permission denied", dst)

        monkeypatch.setattr(cli.os, "replace", refuse)

        code = cli.main(["redact", "--in-place", "--secret-env", "APP_SECRET", str(log)])

        assert 2 == code
        assert before == log.read_bytes()
        assert [log.name] == os.listdir(log.parent)

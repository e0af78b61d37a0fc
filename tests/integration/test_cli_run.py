"""``logredact run -- CMD``: the command's output masked as it streams, its exit code
kept, signals forwarded.  Children are small Python scripts run by this interpreter."""

from __future__ import annotations

import os
import secrets
import selectors
import signal
import subprocess
import sys
import textwrap
import time

import pytest

LOGREDACT = [sys.executable, "-m", "logredact"]


def token() -> str:
    return "tk" + secrets.token_hex(12)


def child(code: str) -> list[str]:
    return [sys.executable, "-u", "-c", textwrap.dedent(code)]


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*LOGREDACT, "run", *args],
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def read_until(stream: object, needle: bytes, timeout: float) -> bytes:
    """Read from a pipe until ``needle`` shows up or ``timeout`` passes."""
    fd = stream.fileno()  # type: ignore[attr-defined]
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(left):
            break
        data = os.read(fd, 4096)
        if not data:
            break
        seen += data
    selector.close()
    return seen


class TestRun:
    def test_masks_stdout_and_stderr_separately(self) -> None:
        """Both streams are masked and stay apart."""
        secret = token()
        result = run(
            "--secret-env",
            "S",
            "--",
            *child("""
                import os, sys
                print("out", os.environ["S"])
                print("err", os.environ["S"], file=sys.stderr)
            """),
            env={"S": secret},
        )

        assert b"out [REDACTED]\n" == result.stdout
        assert b"err [REDACTED]\n" == result.stderr
        assert 0 == result.returncode

    def test_keeps_the_exit_code(self) -> None:
        """logredact run exits with the command's exit code."""
        result = run("--", *child("import sys; sys.exit(42)"))

        assert 42 == result.returncode

    def test_masks_secret_named_environment_variables_by_default(self) -> None:
        """Variables named like secrets (*_TOKEN) are masked without being named, and
        --no-default-env turns that off."""
        secret = token()
        script = child("import os; print(os.environ['DEPLOY_TOKEN'])")
        masked = run("--", *script, env={"DEPLOY_TOKEN": secret})
        unmasked = run(
            "--no-default-env", "--no-rules", "--", *script, env={"DEPLOY_TOKEN": secret}
        )

        assert b"[REDACTED]\n" == masked.stdout
        assert f"{secret}\n".encode() == unmasked.stdout

    def test_masks_a_password_inside_a_url_variable(self) -> None:
        """The password of a *_URL variable is masked, the rest of the URL is not."""
        password = token()
        url = f"postgres://app:{password}@db.internal:5432/app"
        result = run(
            "--no-rules",
            "--",
            *child("import os; print(os.environ['CACHE_URL'])"),
            env={"CACHE_URL": url},
        )

        assert password.encode() not in result.stdout
        assert b"db.internal:5432/app" in result.stdout

    def test_reports_a_signal_death_as_128_plus_n(self) -> None:
        """A command killed by signal N makes logredact exit 128 + N, as a shell does."""
        result = run("--", *child("import os, signal; os.kill(os.getpid(), signal.SIGKILL)"))

        assert 128 + signal.SIGKILL == result.returncode

    def test_command_not_found_exits_127(self) -> None:
        """A missing command exits 127 with a message, as a shell does."""
        result = run("--", "no-such-command-" + secrets.token_hex(4))

        assert 127 == result.returncode
        assert b"command not found" in result.stderr

    def test_no_command_is_a_usage_error(self) -> None:
        """`logredact run` without a command exits 2."""
        assert 2 == run().returncode

    def test_forwards_sigterm_and_keeps_the_exit_code(self) -> None:
        """SIGTERM sent to logredact reaches the command, whose handler decides the exit
        code; its last words are still masked."""
        secret = token()
        script = child("""
            import os, signal, sys, time
            def bye(signum, frame):
                print("got", signum, os.environ["S"], flush=True)
                sys.exit(7)
            signal.signal(signal.SIGTERM, bye)
            print("ready", flush=True)
            time.sleep(30)
        """)
        proc = subprocess.Popen(
            [*LOGREDACT, "run", "--secret-env", "S", "--", *script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "S": secret},
        )
        try:
            assert b"ready\n" in read_until(proc.stdout, b"ready\n", 30)
            proc.send_signal(signal.SIGTERM)
            rest, _ = proc.communicate(timeout=30)
        finally:
            proc.kill()

        assert f"got {int(signal.SIGTERM)} [REDACTED]\n".encode() == rest
        assert 7 == proc.returncode

    def test_a_command_killed_by_the_forwarded_signal_exits_143(self) -> None:
        """Without a handler the command dies of the forwarded SIGTERM: exit 128 + 15."""
        proc = subprocess.Popen(
            [*LOGREDACT, "run", "--", *child("import time; print('ready'); time.sleep(30)")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert b"ready" in read_until(proc.stdout, b"ready", 30)
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
        finally:
            proc.kill()

        assert 128 + signal.SIGTERM == proc.returncode

    def test_a_prompt_without_newline_appears_before_the_command_ends(self) -> None:
        """A partial line is written after --flush-timeout, not held until exit."""
        secret = token()
        script = child("""
            import os, sys, time
            sys.stdout.write("Password for " + os.environ["S"] + ": ")
            sys.stdout.flush()
            time.sleep(30)
        """)
        proc = subprocess.Popen(
            [*LOGREDACT, "run", "--flush-timeout", "0.1", "--secret-env", "S", "--", *script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "S": secret},
        )
        try:
            seen = read_until(proc.stdout, b": ", 20)
        finally:
            proc.kill()
            proc.communicate()

        assert b"Password for [REDACTED]: " == seen

    @pytest.mark.parametrize("size", [1, 3, 17])
    def test_masks_a_secret_written_in_pieces(self, size: int) -> None:
        """A secret written a few bytes at a time, on one line, is still masked."""
        secret = token()
        result = run(
            "--secret-env",
            "S",
            "--",
            *child(f"""
                import os, sys, time
                data = ("start " + os.environ["S"] + " end\\n").encode()
                for i in range(0, len(data), {size}):
                    sys.stdout.buffer.write(data[i:i + {size}])
                    sys.stdout.buffer.flush()
                    time.sleep(0.001)
            """),
            env={"S": secret},
        )

        assert b"start [REDACTED] end\n" == result.stdout

"""SARIF 2.1.0 output for ``logredact scan``: one run, one result per finding.

Only what code-scanning services read is written: the tool and its rules, and for each
result its rule, message, location and a partial fingerprint.  A result names the
secret by label and keyed fingerprint, never by value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .rules import Rule

__all__ = ["KNOWN_VALUE_RULE", "SarifLog"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: The rule under which known-value findings are reported; the label is in the message.
KNOWN_VALUE_RULE = "known-value"


def artifact_uri(path: str) -> str:
    """A relative URI reference for ``path`` (``stdin`` for standard input)."""
    if path == "-":
        return "stdin"
    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


class SarifLog:
    """Collects results, then renders the whole log as one JSON-ready dict."""

    def __init__(self, rules: Sequence[Rule], version: str) -> None:
        self._version = version
        self._rules: list[dict[str, Any]] = [
            {
                "id": KNOWN_VALUE_RULE,
                "name": "KnownValue",
                "shortDescription": {"text": "A known secret value, in any encoded form."},
                "defaultConfiguration": {"level": "error"},
            }
        ]
        for rule in rules:
            entry: dict[str, Any] = {
                "id": rule.id,
                "shortDescription": {"text": rule.description or rule.id},
                "defaultConfiguration": {"level": "error"},
            }
            tags = [rule.provider, *rule.tags]
            entry["properties"] = {"tags": sorted(set(tags))}
            self._rules.append(entry)
        self._index = {entry["id"]: i for i, entry in enumerate(self._rules)}
        self._results: list[dict[str, Any]] = []
        self._artifacts: dict[str, int] = {}
        self._notifications: list[dict[str, Any]] = []

    def add(
        self,
        path: str,
        *,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        labels: Iterable[str],
        kind: str,
        fingerprint: str,
    ) -> None:
        labels = tuple(labels)
        rule_labels = [label for label in labels if label in self._index]
        rule_id = rule_labels[0] if kind != "known" and rule_labels else KNOWN_VALUE_RULE
        uri = artifact_uri(path)
        artifact = self._artifacts.setdefault(uri, len(self._artifacts))
        shown = "+".join(labels)
        self._results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": self._index[rule_id],
                "level": "error",
                "message": {"text": f"Secret found: {shown} (fingerprint {fingerprint})."},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": artifact},
                            "region": {
                                "startLine": line,
                                "startColumn": column,
                                "endLine": end_line,
                                "endColumn": end_column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {"logredactFingerprint/v1": fingerprint},
                "properties": {"labels": list(labels), "kind": kind},
            }
        )

    def error(self, path: str, message: str) -> None:
        """Record that ``path`` could not be scanned."""
        self._notifications.append(
            {
                "level": "error",
                "message": {"text": message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}
                ],
            }
        )

    def render(self) -> dict[str, Any]:
        invocation: dict[str, Any] = {"executionSuccessful": not self._notifications}
        if self._notifications:
            invocation["toolExecutionNotifications"] = self._notifications
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "logredact",
                            "version": self._version,
                            "rules": self._rules,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "artifacts": [
                        {"location": {"uri": uri}}
                        for uri, _ in sorted(self._artifacts.items(), key=lambda kv: kv[1])
                    ],
                    "invocations": [invocation],
                    "results": self._results,
                }
            ],
        }

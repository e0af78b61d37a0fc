"""The built-in catalog: every rule masks its own examples whole and leaves its
counter-examples alone, alone and together with every other rule."""

from __future__ import annotations

import re

import pytest

from logredact import Redactor
from logredact.rules import BUILTIN_RULES, Rule
from logredact.rules._samples import EXAMPLE_SECRETS, SAMPLES

MASK = "[REDACTED]"
RULE_IDS = [rule.id for rule in BUILTIN_RULES]
FULL = Redactor()


def _fragments_left(text: str, out: str, secret: str, size: int = 6) -> list[str]:
    """Pieces of ``secret`` that survive in ``out`` and did not occur in ``text``
    outside the secret itself."""
    rest = text.replace(secret, "\x00")
    left = []
    for i in range(len(secret) - size + 1):
        piece = secret[i : i + size]
        if piece in out and piece not in rest and piece not in MASK:
            left.append(piece)
    return left


def _cases() -> list[tuple[str, int]]:
    return [(rule_id, i) for rule_id in RULE_IDS for i in range(len(EXAMPLE_SECRETS[rule_id]))]


@pytest.fixture(scope="module")
def single() -> dict[str, Redactor]:
    return {rule.id: Redactor(rules=[rule]) for rule in BUILTIN_RULES}


class TestCatalogShape:
    def test_has_at_least_80_rules(self) -> None:
        """The catalog holds at least 80 rules."""
        assert len(BUILTIN_RULES) >= 80

    def test_ids_are_unique_kebab_case(self) -> None:
        """Rule ids are unique and kebab-case."""
        assert len(RULE_IDS) == len(set(RULE_IDS))
        assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule_id) for rule_id in RULE_IDS)

    @pytest.mark.parametrize("rule", BUILTIN_RULES, ids=RULE_IDS)
    def test_every_rule_is_documented_and_has_examples(self, rule: Rule) -> None:
        """Every rule has a description, a provider, examples and a generator."""
        assert rule.description
        assert rule.provider
        assert len(rule.examples) >= 3
        assert rule.id in SAMPLES
        assert [text for text, _ in EXAMPLE_SECRETS[rule.id]] == list(rule.examples)

    def test_examples_are_generated_the_same_way_on_every_import(self) -> None:
        """Examples come from a generator seeded by the rule id (stable docs, no real
        tokens copied in)."""
        from logredact.rules._samples import make_rule

        rule = BUILTIN_RULES[0]
        sample = SAMPLES[rule.id]
        again = make_rule(
            "copy-of-first-rule",
            pattern=rule.pattern,
            keywords=rule.keywords,
            make=sample.make,
            description="x",
            provider="x",
        )
        assert again.examples != rule.examples or again.id != rule.id


class TestExamples:
    @pytest.mark.parametrize(("rule_id", "index"), _cases())
    def test_rule_alone_masks_its_example_whole(
        self, single: dict[str, Redactor], rule_id: str, index: int
    ) -> None:
        """With only this rule, the example's secret is masked and no piece of it is left."""
        text, secret = EXAMPLE_SECRETS[rule_id][index]
        out = single[rule_id].redact(text)
        assert secret not in out
        assert not _fragments_left(text, out, secret)
        assert MASK in out

    @pytest.mark.parametrize(("rule_id", "index"), _cases())
    def test_full_catalog_masks_every_example_whole(self, rule_id: str, index: int) -> None:
        """With the whole catalog, every example's secret is masked, no piece left."""
        text, secret = EXAMPLE_SECRETS[rule_id][index]
        out = FULL.redact(text)
        assert secret not in out
        assert not _fragments_left(text, out, secret)

    @pytest.mark.parametrize("rule", BUILTIN_RULES, ids=RULE_IDS)
    def test_rule_alone_keeps_counter_examples(
        self, single: dict[str, Redactor], rule: Rule
    ) -> None:
        """With only this rule, its counter-examples come back unchanged."""
        redactor = single[rule.id]
        for text in rule.counter_examples:
            assert text == redactor.redact(text)

    @pytest.mark.parametrize("rule", BUILTIN_RULES, ids=RULE_IDS)
    def test_full_catalog_keeps_counter_examples(self, rule: Rule) -> None:
        """With the whole catalog, every rule's counter-examples come back unchanged."""
        for text in rule.counter_examples:
            assert text == FULL.redact(text)


class TestCatalogPage:
    def test_docs_rules_page_is_up_to_date(self) -> None:
        """docs/rules.md is what docs/gen_rules.py renders from the catalog (run
        ``python docs/gen_rules.py`` after changing a rule)."""
        import importlib.util
        import pathlib

        docs = pathlib.Path(__file__).resolve().parents[2] / "docs"
        spec = importlib.util.spec_from_file_location("gen_rules", docs / "gen_rules.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert module.render() == (docs / "rules.md").read_text("utf-8")

    def test_catalog_allows_batched_scans(self) -> None:
        """No built-in rule looks for a string's edges (^, $), so structured values
        can be scanned joined in one pass."""
        from logredact.rules._rule import uses_string_edges

        assert [rule.id for rule in BUILTIN_RULES if uses_string_edges(rule.compile())] == []

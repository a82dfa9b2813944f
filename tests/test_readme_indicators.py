"""The README tells the district exactly what each indicator means: the same words as the code's definitions."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.indicator_report import DEFINITIONS, NOTE_ROUNDING

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_definition_is_in_the_readme_word_for_word():
    for name, meaning in DEFINITIONS.values():
        assert f"| {name} |" in README and meaning in README, name
    assert NOTE_ROUNDING in README


def test_the_readme_names_every_json_key_of_the_indicators_command():
    for key in ("projects", "estates", "buildings", "households", "items", "items_pct", "investment_pct", "funds",
                "funds_by_source", "late", "not_started", "complaints", "consultations", "progress_pct",
                "construction_quality_pct"):
        assert f"`{key}`" in README or f'"{key}"' in README, key

"""The shared generator of the demo and the city benchmark: exact totals, valid numbers, readable roll."""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.identity import credit_code_error, resident_id_error
from desktop_app.domain.naming import floor_from_room
from desktop_app.services.demo.people import PeopleGenerator, organisation_code_check
from desktop_app.services.demo.roll_generator import BuildingPlan, apportion, records_of

BENCH = Path(__file__).resolve().parents[3] / "bench"


def _generate_city():
    spec = importlib.util.spec_from_file_location("generate_city", BENCH / "generate_city.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_city"] = module
    spec.loader.exec_module(module)
    return module


generate_city = _generate_city()


@given(st.integers(1, 5000), st.lists(st.floats(0.01, 100), min_size=1, max_size=60))
def test_apportion_sums_exactly_and_keeps_the_minimum(extra, weights):
    total = len(weights) + extra
    parts = apportion(total, weights)
    assert sum(parts) == total
    assert min(parts) >= 1
    assert len(parts) == len(weights)


def test_apportion_follows_the_weights():
    assert apportion(10, [1, 1, 3], minimum=0) == [2, 2, 6]
    assert apportion(11, [1, 2, 4], minimum=1) == [2, 3, 6]  # 1 each, then 8 split 1.14 2.29 4.57


@given(st.integers(1, 120), st.integers(0, 10 ** 6))
def test_a_building_shape_holds_exactly_its_rooms(rooms, seed):
    plan = BuildingPlan.for_rooms("1", rooms, random.Random(seed))
    slots = list(plan.slots())
    assert len(slots) == rooms
    assert len({(unit, number) for unit, _, number, _ in slots}) == rooms
    assert plan.floors <= 7
    for _, floor, number, _ in slots:
        assert floor_from_room(number) == floor


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10 ** 6), st.integers(0, 100))
def test_generated_numbers_pass_the_domain_checks(seed, age):
    people = PeopleGenerator(random.Random(seed))
    person = people.person(age)
    assert resident_id_error(person.id_number, today=date.today()) is None
    assert person.birth_date.strftime("%Y%m%d") == person.id_number[6:14]
    assert int(person.id_number[16]) % 2 == (1 if person.is_male else 0)
    assert credit_code_error(people.organisation("三明市纺织厂").credit_code) is None


def test_organisation_code_check_of_a_published_example():
    # Weights 3 7 9 10 5 8 4 2: 1*3+2*7+3*9+4*10+5*5+6*8+7*4+8*2 = 201; 201 mod 11 = 3; 11 - 3 = 8.
    assert organisation_code_check("12345678") == "8"
    assert organisation_code_check("00000000") == "0"  # 11 - 0 = 11 -> "0"


def test_city_totals_are_exact_at_a_scale():
    totals = generate_city.CityTotals.scaled(0.02)
    plans = generate_city.city_plans(totals)
    records = list(records_of(plans))
    assert (len(plans), sum(len(plan.spec.buildings) for plan in plans), len(records)) == (
        totals.estates, totals.buildings, totals.rooms) == (23, 277, 3938)
    assert len({plan.spec.code for plan in plans}) == len(plans)
    kinds = Counter(record.owner_kind for record in records)
    assert kinds["organisation"] > 0 and kinds["developer"] > 0
    owners = Counter(record.id_number for record in records if record.owner_kind == "person")
    assert any(count > 1 for count in owners.values())
    assert any(record.co_owners for record in records)


def test_the_full_city_has_the_report_totals():
    totals = generate_city.CityTotals.scaled(1.0)
    assert (totals.estates, totals.buildings, totals.rooms) == (1130, 13862, 196900)


def test_city_generation_is_deterministic():
    totals = generate_city.CityTotals.scaled(0.005)
    first = list(records_of(generate_city.city_plans(totals)))
    second = list(records_of(generate_city.city_plans(totals)))
    assert first == second


def test_the_city_workbook_reads_back_without_errors(tmp_path):
    from desktop_app.exchange.roll_reader import read_roll

    path = tmp_path / "city.xlsx"
    assert generate_city.main(["--xlsx", str(path), "--scale", "0.004"]) == 0
    totals = generate_city.CityTotals.scaled(0.004)
    result = read_roll(path, today=date.today())
    assert result.errors == []
    assert len(result.records) == result.rows == totals.rooms
    expected = list(records_of(generate_city.city_plans(totals)))
    assert [record.room_key for record in result.records] == [record.room_key for record in expected]
    assert [record.id_number for record in result.records] == [record.id_number for record in expected]

"""Tally of an owners' vote (domain.tally) on the generated city's roll: a 3,000-room vote and the
whole city (196,900 rooms) as one scope, five items, about 80 % of owners voting.

    python bench/bench_tally.py [--scale 1.0] [--repeat 5]

Targets: tally of 3,000 rooms <= 10 ms; of 196,900 rooms <= 1 s. Also prints the time to freeze the
roll (build_scope_roll, done once when a vote opens) and to turn roll rows into head-count entries.
Plain data from services/roll_generator (no workbook, no database).
"""

from __future__ import annotations

import argparse
import random
import sys

from bench_common import median, ms, print_environment, timed
from generate_city import CityTotals, city_plans

from desktop_app.domain.tally import AGREE, ABSTAIN, BLANK, OPPOSE, Ballot, freeze_roll, roll_entry, tally
from desktop_app.domain.vote_rules import Rule
from desktop_app.services.demo.roll_generator import records_of

ITEMS = ("雨污分流", "屋面防水", "外墙保温", "加装电梯", "停车位改造")


def ballots_for(roll, seed: str) -> list[Ballot]:
    """About 80 % of heads vote, one choice per item for all the rooms of the head; the items draw
    同意 with weights 60 to 92 against 22 for the rest, so some pass the special rule and some do not."""
    rng = random.Random(seed)
    ballots = []
    for head, rooms in sorted(roll.scope.rooms_of_head.items()):
        if rng.random() < 0.8:
            choices = tuple(rng.choices((AGREE, OPPOSE, ABSTAIN, BLANK), (60 + 8 * index, 12, 6, 4))[0]
                            for index in range(len(ITEMS)))
            ballots += [Ballot(room, choices) for room in rooms]
    rng.shuffle(ballots)
    return ballots


def measure(label: str, records, repeat: int, target: float) -> None:
    with timed() as entries_time:
        entries = [roll_entry(record) for record in records]
    freezes = []
    for _ in range(repeat):
        with timed() as elapsed:
            roll = freeze_roll(entries)
        freezes.append(elapsed[0])
    ballots = ballots_for(roll, label)
    tallies = []
    for _ in range(repeat):
        with timed() as elapsed:
            result = tally(roll, ballots, ITEMS, Rule.SPECIAL)
        tallies.append(elapsed[0])
    took = median(tallies)
    verdicts = "、".join(f"{item.item}{item.verdict}" for item in result.items)
    print(f"{label}: {len(entries):,} rooms, {roll.scope.total_heads:,} heads, {len(ballots):,} ballots, "
          f"{len(ITEMS)} items")
    print(f"  tally (median of {repeat}): {ms(took)} (target <= {ms(target)}: {'ok' if took <= target else 'MISSED'})"
          f"; freeze roll (build_scope_roll): {ms(median(freezes))}; roll rows -> entries: {ms(entries_time[0])}")
    print(f"  {verdicts}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="city scale (1.0 = 196,900 rooms)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print_environment("vote tally")
    with timed() as generated:
        records = list(records_of(city_plans(CityTotals.scaled(args.scale))))
    print(f"generated {len(records):,} roll rows in {generated[0]:.1f} s")
    measure("3,000-room vote", records[:3000], args.repeat, 0.010)
    measure("whole city as one vote", records, args.repeat, 1.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Opening a vote and entering ballots through services.votes on a generated 3,000-room estate.

    python bench/bench_vote_session.py [--rooms 3000] [--ballots 300] [--creates 3]

Measures, on a fresh database file under bench/out: `create_vote` (freezing the roll of the whole estate,
one transaction), `VoteSession(vote_id)` (loading the frozen roll), and per ballot `VoteSession.record()`
(one row, its revision and audit row in a transaction) and `.tally()` (five items), median and p95 over
`--ballots` ballots: first on an empty vote, then as corrections once about 80 % of the rooms have voted.
The issue's UI target (a ballot keypress to a refreshed tally on 3,000 rooms) is 50 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date

from bench_common import estate_database, median, ms, p95, print_environment, timed

from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services.demo.roll_generator import BuildingPlan, EstateSpec, RollGenerator, apportion
from desktop_app.services.scope import Scope
from desktop_app.services.votes.lifecycle import VoteDraft, VoteSession, create_vote

ITEMS = ("雨污分流", "屋面防水", "外墙保温", "加装电梯", "停车位改造")
ROOMS_PER_BUILDING = 42  # 3 units, 7 floors, 2 rooms a floor


def estate_plan(rooms: int):
    generator = RollGenerator("desktop-app bench vote session", with_residents=False)
    sizes = apportion(rooms, [1.0] * -(-rooms // ROOMS_PER_BUILDING))
    buildings = tuple(BuildingPlan(str(index), 3, 7, 2, size) for index, size in enumerate(sizes, start=1))
    spec = EstateSpec(code="350404007099001", name="列东新村", address="福建省三明市三元区列东街1号", year_built=1988,
                      street="列东街道", community="列东社区", buildings=buildings, street_code="350404007",
                      community_code="350404007099",
                      work_unit=generator.people.organisation("三明市纺织厂", "91"),
                      work_unit_buildings=frozenset({"1", "2", "3"}),
                      developer=generator.people.organisation("三明市住宅开发公司"), developer_rooms=20)
    return generator.estate(spec)


def choices_of(head: str, rng_seed: str) -> tuple[str, ...]:
    """The same answers for every room of one head (a conflict would stop the tally); items draw 同意
    with weights 60 to 92 against 22 for the rest, as bench_tally does."""
    rng = random.Random(rng_seed + head)
    return tuple(rng.choices((AGREE, OPPOSE, ABSTAIN, BLANK), (60 + 8 * index, 12, 6, 4))[0]
                 for index in range(len(ITEMS)))


def enter(session: VoteSession, rooms, seed: str) -> tuple[list[float], list[float]]:
    records, tallies = [], []
    for room in rooms:
        started = time.perf_counter()
        session.record(room.roll_id, choices_of(room.head_key, seed))
        recorded = time.perf_counter()
        outcome = session.tally()
        done = time.perf_counter()
        assert outcome.error is None, outcome.error
        records.append(recorded - started)
        tallies.append(done - recorded)
    return records, tallies


def report(label: str, records: list[float], tallies: list[float]) -> None:
    both = [a + b for a, b in zip(records, tallies)]
    print(f"  {label} ({len(records)} ballots):")
    for name, values in (("record()", records), ("tally()", tallies), ("record() + tally()", both)):
        print(f"    {name:<20} median {median(values) * 1000:6.2f} ms   p95 {p95(values) * 1000:6.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=3000)
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--creates", type=int, default=3, help="votes created (the median is reported)")
    args = parser.parse_args(argv)
    print_environment("vote session (create_vote, record, tally)")
    database, estate = estate_database("bench-vote-session.sqlite3", args.rooms, estate_plan, "350404007099001")
    try:
        draft = VoteDraft("列东新村老旧小区改造项目表决", [Scope("estate", estate.id)], 7,
                          [VoteItem(name, "基础类") for name in ITEMS], date(2026, 3, 1), date(2026, 3, 31))
        creates, vote_id = [], 0
        for _ in range(args.creates):
            with timed() as elapsed:
                vote_id = create_vote(draft)
            creates.append(elapsed[0])
        with timed() as opened:
            session = VoteSession(vote_id)
        summary = session.summary
        print(f"create_vote (freeze {summary.rooms:,} rooms, {summary.total_heads:,} heads): median of "
              f"{args.creates} {ms(median(creates))} (each: {', '.join(ms(t) for t in creates)}); "
              f"VoteSession load {ms(opened[0])}")
        rng = random.Random("bench ballots")
        order = session.rooms[:]
        rng.shuffle(order)
        first, rest = order[:args.ballots], order[args.ballots:]
        report("empty vote", *enter(session, first, "a"))
        fill = rest[:max(0, int(len(order) * 0.8) - len(first))]
        with timed() as filled:
            for room in fill:
                session.record(room.roll_id, choices_of(room.head_key, "a"))
        print(f"  filled to {len(session.ballots()):,} ballots in {filled[0]:.1f} s")
        rooms_of_head: dict[str, int] = {}
        for room in session.rooms:
            rooms_of_head[room.head_key] = rooms_of_head.get(room.head_key, 0) + 1
        alone = [room for room in first + fill if rooms_of_head[room.head_key] == 1]  # a correction cannot conflict
        corrections = rng.sample(alone, min(args.ballots, len(alone)))
        report("corrections at about 80 % voted", *enter(session, corrections, "b"))
        verdicts = "、".join(f"{item.item}{item.verdict}" for item in session.tally().result.items)
        print(f"  {verdicts}")
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The facts of a district report (`domain.district_report`) read from the database for a scope, plan years
and an as-of date.

Same definitions as the 首页 and `desktop-app indicators`:
- projects: plan year in the range and covering an estate of the scope (services/projects/facts.py reads
  them the same way); paid amounts as of the as-of date (dated payments on or before it, undated ones);
  dates after the as-of date are left out (they were not known that day; no figure changes by it);
- consultations and complaints: `services.consult.district_figures` of each place for the plan years as a
  period ending on the as-of date, as `scope_indicators` does; a community's (street's) own counts are its
  figures less those of the places under it, so every record is counted once, at the place it belongs to;
- votes: the closed votes of the scope's estates, closed on or before the as-of date and ending in the plan
  years, with the result stored when they closed (`vote.result`).
No owner name, ID number or phone is read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop_app.domain.district_report import COMMUNITY, ESTATE, ROOT_KEY, STREET, TOTAL, Cover, EstateFacts, \
    Fund, Item, Meta, OwnCounts, Place, Project, Report, Stamp, VoteItemResult, VoteResult
from desktop_app.domain.consultation_figures import ComplaintRow, ConsultationFigures, consultation_figures
from desktop_app.domain.projects import Schedule
from desktop_app.domain.setting_definitions import INSTALLATION_ID
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import db
from desktop_app.services import settings
from desktop_app.services.consult import district_figures
from desktop_app.services.scope import ALL, Scope, estate_ids, scope_label

Years = tuple[int | None, int | None]
CHUNK = 900


def _rows(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())


def _key(code: str | None, uid: str) -> str:
    return code.strip() if code and code.strip() else f"uid:{uid}"


def _day(text: str | None, as_of: date) -> date | None:
    """A stored date, or None when missing or after the as-of date."""
    if not text:
        return None
    day = date.fromisoformat(text[:10])
    return day if day <= as_of else None


def _planned(text: str | None) -> date | None:
    """A planned date: kept even when after the as-of date (the plan was known that day)."""
    return date.fromisoformat(text[:10]) if text else None


def period(years: Years, as_of: date) -> tuple[date | None, date]:
    """The consultations' period of plan years: 1 January of the first to 31 December of the last, ending on
    the as-of date at the latest (as `services.projects.scope_indicators`)."""
    start = date(years[0], 1, 1) if years[0] is not None else None
    end = date(years[1], 12, 31) if years[1] is not None else as_of
    return start, min(end, as_of)


def installation() -> tuple[str, str]:
    """(installation id, installation name: the database file's name)."""
    return settings.value(INSTALLATION_ID), Path(str(db.database)).name


def _places(scope: Scope) -> list[tuple[Place, Place, Place, int, int, int]]:
    """(estate, community, street, estate id, community id, street id) of every estate of the scope."""
    wanted = estate_ids(scope)
    sql = ("SELECT e.id, e.uid, e.code, e.name, c.id, c.uid, c.code, c.name, s.id, s.uid, s.code, s.name "
           "FROM estate e JOIN community c ON c.id = e.community_id JOIN street s ON s.id = c.street_id")
    order = " ORDER BY s.id, c.id, e.id"
    rows = _rows(sql + order) if wanted is None else sorted(
        (row for start in range(0, len(wanted), CHUNK)
         for row in _rows(sql + f" WHERE e.id IN ({','.join('?' * len(wanted[start:start + CHUNK]))})",
                          wanted[start:start + CHUNK])), key=lambda row: (row[8], row[4], row[0]))
    return [(Place(ESTATE, _key(ecode, euid), ecode or "", ename), Place(COMMUNITY, _key(ccode, cuid), ccode or "", cname),
             Place(STREET, _key(scode, suid), scode or "", sname), eid, cid, sid)
            for eid, euid, ecode, ename, cid, cuid, ccode, cname, sid, suid, scode, sname in rows]


def _roll(estates: Sequence[int]) -> dict[int, tuple[int, int]]:
    counts: dict[int, tuple[int, int]] = {}
    for start in range(0, len(estates), CHUNK):
        chunk = estates[start:start + CHUNK]
        for estate_id, buildings, rooms in _rows(
                "SELECT b.estate_id, count(DISTINCT b.id), count(*) FROM room r JOIN unit u ON u.id = r.unit_id "
                f"JOIN building b ON b.id = u.building_id WHERE b.estate_id IN ({','.join('?' * len(chunk))}) "
                "GROUP BY b.estate_id", chunk):
            counts[estate_id] = (buildings, rooms)
    return counts


def _area(text: str) -> int:
    return int(Decimal(text) * 100)


def _votes(estates: Sequence[int], years: Years, as_of: date) -> dict[int, list[VoteResult]]:
    start, end = period(years, as_of)
    found: dict[int, list[VoteResult]] = defaultdict(list)
    for first in range(0, len(estates), CHUNK):
        chunk = estates[first:first + CHUNK]
        for estate_id, title, matter, rule, closes_on, total_area, total_heads, result in _rows(
                "SELECT estate_id, title, matter, rule, closes_on, total_area_centi, total_heads, result FROM vote "
                f"WHERE status = 'closed' AND result != '' AND substr(closed_at, 1, 10) <= ? "
                f"AND estate_id IN ({','.join('?' * len(chunk))}) ORDER BY closes_on, id", [as_of.isoformat(), *chunk]):
            closes = date.fromisoformat(closes_on)
            if (start is not None and closes < start) or closes > end:
                continue
            stored = json.loads(result)
            items = tuple(VoteItemResult(
                item["item"], _area(item["participating"]["area"]), item["participating"]["heads"],
                _area(item["agree"]["area"]), item["agree"]["heads"], _area(item["oppose"]["area"]),
                item["oppose"]["heads"], _area(item["abstain"]["area"]), item["abstain"]["heads"],
                bool(item["quorate"]), bool(item["passed"])) for item in stored["items"])
            found[estate_id].append(VoteResult(title, matter, rule, closes, total_area, total_heads, items))
    return found


def _projects(estate_place: dict[int, Place], years: Years, as_of: date, stamp: Stamp) -> tuple[Project, ...]:
    conditions: list[str] = []
    params: list[object] = []
    if years[0] is not None:
        conditions.append("plan_year >= ?")
        params.append(years[0])
    if years[1] is not None:
        conditions.append("plan_year <= ?")
        params.append(years[1])
    head = _rows("SELECT id, code, name, plan_year, planned_start, planned_end, actual_start, actual_end, accepted_on, "
                 f"declared_buildings, declared_households FROM project WHERE {' AND '.join(conditions) or '1'}", params)
    covers: dict[int, list[Cover]] = defaultdict(list)
    for project_id, eid, euid, ecode, ename, buildings, households in _rows(
            "SELECT pe.project_id, e.id, e.uid, e.code, e.name, pe.declared_buildings, pe.declared_households "
            "FROM project_estate pe JOIN estate e ON e.id = pe.estate_id ORDER BY pe.project_id, pe.position, pe.id"):
        place = estate_place.get(eid) or Place(ESTATE, _key(ecode, euid), ecode or "", ename)
        covers[project_id].append(Cover(place, buildings, households))
    keys = {place.key for place in estate_place.values()}
    chosen = [row for row in head if any(c.estate.key in keys for c in covers.get(row[0], ()))]
    ids = [row[0] for row in chosen]
    items: dict[int, list[Item]] = defaultdict(list)
    funds: dict[int, list[Fund]] = defaultdict(list)
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first:first + CHUNK]
        marks = ",".join("?" * len(chunk))
        for project_id, name, category, planned in _rows(
                f"SELECT project_id, name, category, planned_fen FROM project_item WHERE project_id IN ({marks}) "
                "ORDER BY project_id, position, id", chunk):
            items[project_id].append(Item(name, category, planned))
        for project_id, source, planned, allocated, paid in _rows(
                "SELECT f.project_id, f.source, f.planned_fen, f.allocated_fen, "
                "(SELECT coalesce(sum(p.amount_fen), 0) FROM fund_payment p WHERE p.fund_id = f.id "
                " AND (p.paid_on IS NULL OR p.paid_on <= ?)) "
                f"FROM project_fund f WHERE f.project_id IN ({marks}) ORDER BY f.project_id, f.id",
                [as_of.isoformat(), *chunk]):
            funds[project_id].append(Fund(source, planned, allocated, paid))
    projects = []
    for (project_id, code, name, year, p_start, p_end, a_start, a_end, accepted, buildings, households) in chosen:
        projects.append(Project(
            code=code, name=name, plan_year=year,
            schedule=Schedule(_planned(p_start), _planned(p_end), _day(a_start, as_of), _day(a_end, as_of),
                              _day(accepted, as_of)),
            covers=tuple(covers[project_id]), items=tuple(items[project_id]), funds=tuple(funds[project_id]),
            declared_buildings=buildings, declared_households=households, stamp=stamp))
    return tuple(sorted(projects, key=lambda p: p.code))


def _figures(level: ScopeLevel, place_id: int | None, start: date | None, end: date) -> ConsultationFigures:
    return district_figures(Scope(level, place_id) if place_id is not None else ALL, start, end, today=end)


def _own(place: Place, path: tuple[str, ...], figures: ConsultationFigures, under: Sequence[OwnCounts],
         stamp: Stamp) -> OwnCounts:
    """The figures of a place less the own counts of the places under it (rooms and reached: none)."""
    def less(values: Sequence[int], of: list[Sequence[int]]) -> tuple[int, ...]:
        return tuple(v - sum(o[i] for o in of) for i, v in enumerate(values))

    events = less([n for _, n in figures.by_kind], [row.events for row in under])
    complaints = less([c.count for c in figures.by_category], [row.complaints for row in under])
    overdue_open, closed_late, closed, close_days = less(
        [figures.overdue_open, figures.closed_late, figures.closed, figures.total_close_days],
        [[row.overdue_open, row.closed_late, row.closed, row.close_days] for row in under])
    return OwnCounts(place, path, events, complaints, overdue_open=overdue_open, closed_late=closed_late,
                     closed=closed, close_days=close_days, stamp=stamp)


def _busy_places() -> tuple[set[int], set[str]]:
    """Estates with a consultation of their own, and the scope texts of consultations held above the estate
    level (and "all" when a complaint has no estate): only for those places is `district_figures` called, so
    the whole city's report costs one call per such place, not one per estate."""
    estates = {row[0] for row in _rows("SELECT DISTINCT estate_id FROM consultation WHERE estate_id IS NOT NULL")}
    above = {row[0] for row in _rows("SELECT DISTINCT scope FROM consultation WHERE estate_id IS NULL")}
    if _rows("SELECT 1 FROM complaint WHERE estate_id IS NULL LIMIT 1"):
        above.add(ScopeLevel.ALL.value)
    return estates, above


def _complaints(estates: Sequence[int], start: date | None, end: date) -> dict[int, ConsultationFigures]:
    """The complaint figures of each estate with complaints, as `district_figures` counts them (received in
    the period, a closing after its end not yet known, overdue judged on its last day), in one statement."""
    conditions = ["substr(received_at, 1, 10) <= ?"]
    params: list[object] = [end.isoformat()]
    if start is not None:
        conditions.append("substr(received_at, 1, 10) >= ?")
        params.append(start.isoformat())
    rows: dict[int, list[ComplaintRow]] = defaultdict(list)
    wanted = set(estates)
    for estate_id, category, received, due_on, closed_on in _rows(
            "SELECT estate_id, category, received_at, due_on, closed_on FROM complaint "
            f"WHERE estate_id IS NOT NULL AND {' AND '.join(conditions)}", params):
        if estate_id in wanted:
            closed = date.fromisoformat(closed_on[:10]) if closed_on else None
            rows[estate_id].append(ComplaintRow(category, date.fromisoformat(received[:10]),
                                                date.fromisoformat(due_on[:10]) if due_on else None,
                                                closed if closed is not None and closed <= end else None))
    return {estate_id: consultation_figures((), (), (), found, end) for estate_id, found in rows.items()}


def _counts(scope: Scope, places: list[tuple[Place, Place, Place, int, int, int]],
            period_: tuple[date | None, date], stamp: Stamp) -> list[OwnCounts]:
    """Every estate's own counts, and those of the communities and streets (and the root for the whole
    database) of the scope that have any."""
    start, end = period_
    whole = _figures(scope.level, scope.id, start, end)
    reach = {estate.estate_id: estate for estate in whole.estates}
    busy_estates, above = _busy_places()
    complaints = _complaints([place[3] for place in places], start, end)
    counts: list[OwnCounts] = []
    for e, c, s, eid, _, _ in places:
        path: tuple[str, ...] = (s.key, c.key, e.key)
        if eid in busy_estates:
            row = _own(e, path, _figures(ScopeLevel.ESTATE, eid, start, end), (), stamp)
        elif eid in complaints:
            row = _own(e, path, complaints[eid], (), stamp)
        else:
            row = OwnCounts(e, path, stamp=stamp)
        found = reach.get(eid)
        counts.append(replace(row, rooms=found.rooms if found else 0, reached=found.reached if found else 0))

    def under(path: tuple[str, ...]) -> list[OwnCounts]:
        return [row for row in counts if row.path[:len(path)] == path]

    if scope.level in (ScopeLevel.COMMUNITY, ScopeLevel.STREET, ScopeLevel.ALL):
        for cid, (c, s) in {cid: (c, s) for _, c, s, _, cid, _ in places}.items():
            if Scope(ScopeLevel.COMMUNITY, cid).to_text() in above:
                path = (s.key, c.key)
                counts.append(_own(c, path, _figures(ScopeLevel.COMMUNITY, cid, start, end), under(path), stamp))
    if scope.level in (ScopeLevel.STREET, ScopeLevel.ALL):
        for sid, s in {sid: s for _, _, s, _, _, sid in places}.items():
            if Scope(ScopeLevel.STREET, sid).to_text() in above:
                counts.append(_own(s, (s.key,), _figures(ScopeLevel.STREET, sid, start, end), under((s.key,)), stamp))
    if scope.level is ScopeLevel.ALL and ScopeLevel.ALL.value in above:
        counts.append(_own(Place(TOTAL, ROOT_KEY, "", "未归属小区"), (), whole, under(()), stamp))
    return counts


def report_data(scope: Scope, years: Years, as_of: date, *, made_at: str) -> Report:
    """The report of `scope` (an estate, community or street; ALL for the whole database) for plan years
    `years` (inclusive, None open) as it stood on `as_of`; `made_at` is the time it is made (yyyy-mm-dd HH:MM:SS)."""
    installation_id, installation_name = installation()
    stamp = Stamp(made_at, installation_id)
    places = _places(scope)
    estate_ids_ = [eid for *_, eid, _, _ in places]
    roll = _roll(estate_ids_)
    votes = _votes(estate_ids_, years, as_of)
    estates = tuple(EstateFacts(e, c, s, *roll.get(eid, (0, 0)), votes=tuple(votes.get(eid, ())), stamp=stamp)
                    for e, c, s, eid, _, _ in places)
    counts = _counts(scope, places, period(years, as_of), stamp)
    projects = _projects({eid: e for e, _, _, eid, _, _ in places}, years, as_of, stamp)
    meta = Meta(made_at=made_at, operator=settings.operator_name(), installation_id=installation_id,
                installation_name=installation_name, scope=scope_label(scope), years=years, as_of=as_of)
    return Report(meta, estates, tuple(c for c in counts if c.place.level == ESTATE or not c.is_empty()), projects)


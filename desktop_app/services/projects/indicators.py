"""The district's indicators (domain.md section 6) for a scope, a range of plan years and an as-of date.

Projects, funds and the roll come through `facts`; complaints and consultations through the consultation
figures for the plan years as a period (1 January of the first year to 31 December of the last, as they
stood on the as-of date); the committee figures only when committee records exist. Figures of capabilities
not built yet (elevators) are absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.committee_figures import CommitteeFigures
from desktop_app.domain.consultation_figures import ConsultationFigures
from desktop_app.domain.indicators import Indicators, compute_indicators
from desktop_app.services.committee import scope_committee_figures
from desktop_app.services.consult import district_figures
from desktop_app.services.projects.facts import load_facts, roll_counts, scope_estates
from desktop_app.services.scope import Scope

Years = tuple[int | None, int | None]


@dataclass(frozen=True)
class ScopeIndicators:
    scope: Scope
    years: Years
    as_of: date
    projects: Indicators
    consultation: ConsultationFigures
    committees: CommitteeFigures | None = None  # None: no committee records at all


def project_indicators(scope: Scope, years: Years = (None, None), *, as_of: date) -> Indicators:
    """The project, estate, item, fund and schedule figures of `scope`."""
    estates = scope_estates(scope)
    facts = load_facts(estates, years)
    covered = {c.estate_id for p in facts.projects for c in p.estates if estates is None or c.estate_id in estates}
    return compute_indicators(facts.projects, facts.items, facts.funds, roll_counts(covered), as_of=as_of,
                              scope_estates=estates, years=years)


def scope_indicators(scope: Scope, years: Years = (None, None), *, as_of: date) -> ScopeIndicators:
    """Every figure of `scope` as it stood on `as_of`."""
    start = date(years[0], 1, 1) if years[0] is not None else None
    end = date(years[1], 12, 31) if years[1] is not None else None
    if end is None or end > as_of:
        end = as_of
    consultation = district_figures(scope, start, end, today=as_of)
    return ScopeIndicators(scope, years, as_of, project_indicators(scope, years, as_of=as_of), consultation,
                           scope_committee_figures(scope, as_of))

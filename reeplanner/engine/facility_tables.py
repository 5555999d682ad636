"""Per-facility tables of a scenario: facilities after overrides, capacity by facility, timeline.

Built on first use from the arrays the computation kept (see ``results``).
Times in ``facilities`` are fractional years (``Y + (M - 1) / 12``), NaN when
unknown; the timeline gives them as dates (the first of the month).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.overrides import STATUSES

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioArrays

TIMELINE_COLUMNS = [
    "facility",
    "name",
    "stage",
    "status",
    "permitting_start",
    "construction_start",
    "online",
    "ramp_end",
    "scenario_present",
]


def phase_times(a: ScenarioArrays) -> dict[str, np.ndarray]:
    """(F,) each phase's start as a time: permitting start, construction start, online, ramp end.

    Construction starts when permitting ends (Permitting start + months x
    permitting factor); without a Permitting start, Construction months before
    Online. An operating facility with no dates has none of them (NaN).
    """
    prep, inputs = a.prep, a.inputs
    online = a.facility_capacity.online
    online = np.where(np.isfinite(online), online, np.nan)
    from_permits = prep.permitting_start + prep.permitting_months * inputs.permitting_factor / 12
    has_months = np.array([f.construction_months is not None for f in prep.plan.facilities], dtype=bool)
    before_online = np.where(has_months, prep.online - prep.construction_months / 12, np.nan)
    construction = np.where(np.isnan(prep.permitting_start), before_online, from_permits)
    return {
        "permitting_start": prep.permitting_start,
        "construction_start": construction,
        "online": online,
        "ramp_end": online + prep.ramp_years,
    }


def facilities_frame(a: ScenarioArrays) -> pd.DataFrame:
    import pandas as pd  # on first use: the engine computes without it

    prep, inputs = a.prep, a.inputs
    facs = prep.plan.facilities
    present = np.flatnonzero(inputs.present)
    tied = inputs.funding_present & (prep.funding_facility >= 0)
    money = np.bincount(prep.funding_facility[tied], prep.funding_amount[tied], minlength=prep.n_facilities)
    times = phase_times(a)
    columns = {
        "facility": [facs[f].id for f in present],
        "name": [facs[f].name for f in present],
        "stage": [facs[f].stage for f in present],
        "feeds_stage": [facs[f].feeds_stage for f in present],
        "status": [str(STATUSES[s]) for s in inputs.status[present]],
        "country": [facs[f].country for f in present],
        "domestic": prep.domestic[present],
        "nameplate": prep.nameplate[present],
        "capacity_factor": inputs.capacity_factor[present],
        "risk_factor": inputs.risk_factor[present],
        "lead_agency": [facs[f].lead_agency for f in present],
        "funding_total": money[present],
        **{name: values[present] for name, values in times.items()},
        "cancelled": inputs.cancelled[present],
    }
    return pd.DataFrame(columns)


def capacity_by_facility_frame(a: ScenarioArrays) -> pd.DataFrame:
    """What each present facility adds to each stage, material and year.

    Recycling facilities appear under their own stage (RECYCLE); their
    capacity is recycled material for the stage they feed.
    """
    import pandas as pd  # on first use: the engine computes without it

    prep, inputs, fac = a.prep, a.inputs, a.facility_capacity
    chain = prep.chain
    facs = prep.plan.facilities
    rows_f, rows_lane = np.nonzero(prep.shares * inputs.present[:, None])
    stage = list(chain.lane_stage[rows_lane])
    material = list(chain.lane_material[rows_lane])
    share = list(prep.shares[rows_f, rows_lane])
    rows_f = list(rows_f)
    for f, slot in zip(*np.nonzero(prep.recycle_shares * inputs.present[:, None]), strict=True):
        rows_f.append(f)
        stage.append(facs[f].stage)
        material.append(chain.materials[slot % chain.n_materials])
        share.append(prep.recycle_shares[f, slot])
    f_idx = np.array(rows_f, dtype=int)
    n_years = len(prep.years)
    ramp = fac.ramp_share[f_idx]
    per_row = prep.nameplate[f_idx] * np.array(share) * inputs.capacity_factor[f_idx]
    per_row = per_row * inputs.risk_factor[f_idx]
    return pd.DataFrame(
        {
            "facility": _repeated([facs[f].id for f in f_idx], n_years),
            "stage": _repeated(stage, n_years),
            "material": _repeated(material, n_years),
            "year": np.tile(prep.years, len(f_idx)),
            "nameplate": np.repeat(prep.nameplate[f_idx], n_years),
            "share": np.repeat(np.array(share, dtype=float), n_years),
            "capacity_factor": np.repeat(inputs.capacity_factor[f_idx], n_years),
            "risk_factor": np.repeat(inputs.risk_factor[f_idx], n_years),
            "ramp_share": ramp.ravel(),
            "effective": (per_row[:, None] * ramp).ravel(),
        }
    )


def _repeated(labels: list[str], times: int) -> pd.Categorical:
    """Each label ``times`` times in a row, as a categorical (cheap for long tables)."""
    import pandas as pd  # on first use: the engine computes without it

    categories = list(dict.fromkeys(labels))
    position = {label: i for i, label in enumerate(categories)}
    codes = np.repeat(np.array([position[label] for label in labels], dtype=int), times)
    return pd.Categorical.from_codes(codes, categories=categories)


def timeline_frame(a: ScenarioArrays) -> pd.DataFrame:
    """One row per facility of the plan, with ``scenario_present`` saying whether it is in this scenario."""
    import pandas as pd  # on first use: the engine computes without it

    facs = a.prep.plan.facilities
    times = phase_times(a)
    columns: dict[str, object] = {
        "facility": [f.id for f in facs],
        "name": [f.name for f in facs],
        "stage": [f.stage for f in facs],
        "status": [str(STATUSES[s]) for s in a.inputs.status],
    }
    for name, values in times.items():
        dates = {t: to_date(t) for t in set(values.tolist())}
        columns[name] = pd.array([dates.get(t) for t in values.tolist()], dtype=object)  # NaN: None
    columns["scenario_present"] = a.inputs.present.copy()
    return pd.DataFrame(columns, columns=TIMELINE_COLUMNS)


def to_date(time: float) -> dt.date | None:
    """The first day of the month a time falls in; None for NaN."""
    if time is None or not math.isfinite(time):
        return None
    months = round(time * 12)
    return dt.date(months // 12, months % 12 + 1, 1)

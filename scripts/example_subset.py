"""Cut a smaller example out of the US plan, keeping every row's source."""

from __future__ import annotations

from reeplanner.model import Plan, id_key


def subset(plan: Plan, facility_ids: list[str], material_ids: list[str], scenario_ids: list[str]) -> Plan:
    """A copy of ``plan`` with only these facilities, materials and scenarios.

    Rows that name a dropped facility, material or scenario are dropped with it,
    so the result stays valid. A dropped scenario's children must be dropped too.
    """
    keep_fac = {id_key(f) for f in facility_ids}
    keep_mat = {id_key(m) for m in material_ids}
    keep_scen = {id_key(s) for s in scenario_ids}

    def fac_ok(fid: str) -> bool:
        return not fid or id_key(fid) in keep_fac

    def mat_ok(mid: str) -> bool:
        return not mid or id_key(mid) in keep_mat

    def scen_ok(ids: tuple[str, ...]) -> bool:
        return not ids or any(id_key(s) in keep_scen for s in ids)

    out = plan.copy()
    out.materials = [m for m in plan.materials if id_key(m.id) in keep_mat]
    order = {id_key(f): i for i, f in enumerate(facility_ids)}
    out.facilities = sorted(
        (
            f
            for f in plan.facilities
            if id_key(f.id) in keep_fac and mat_ok(f.material) and scen_ok(f.scenarios)
        ),
        key=lambda f: order[id_key(f.id)],
    )
    kept = {id_key(f.id) for f in out.facilities}
    out.composition = [c for c in plan.composition if id_key(c.facility) in kept and mat_ok(c.material)]
    out.links = [
        link
        for link in plan.links
        if id_key(link.from_facility) in kept and id_key(link.to_facility) in kept and mat_ok(link.material)
    ]
    out.supply = [s for s in plan.supply if mat_ok(s.material)]
    out.demand = [d for d in plan.demand if mat_ok(d.material)]
    out.funding = [
        f for f in plan.funding if (not f.facility or id_key(f.facility) in kept) and scen_ok(f.scenarios)
    ]
    out.targets = [t for t in plan.targets if mat_ok(t.material)]
    out.scenarios = [s for s in plan.scenarios if id_key(s.id) in keep_scen]
    out.prices = [
        p
        for p in plan.prices
        if id_key(p.material) in keep_mat and (not p.scenario or id_key(p.scenario) in keep_scen)
    ]
    funded = {id_key(f.id) for f in out.funding}
    out.price_floors = [
        p
        for p in plan.price_floors
        if id_key(p.facility) in kept
        and id_key(p.material) in keep_mat
        and scen_ok(p.scenarios)
        and (not p.funding or id_key(p.funding) in funded)
    ]
    sources = {id_key(s.id) for s in out.supply} | {id_key(s.country) for s in out.supply}
    out.overrides = [
        o
        for o in plan.overrides
        if id_key(o.scenario) in keep_scen and _target_kept(o.kind.value, o.target, kept, sources)
    ]
    return out


def _target_kept(kind: str, target: str, facilities: set[str], sources: set[str]) -> bool:
    if kind in ("delay", "capacity factor", "cancel", "status") or (kind == "permitting factor" and target):
        return id_key(target) in facilities
    if kind == "supply factor":
        return id_key(target) in sources
    return True

#!/usr/bin/env python3
"""Independent oracle for the budget cycle and the gain life cycle (docs/budget-cycle.md).

Reads scenario.json and writes expected.json: for each run, the rows of gains_yearly (with
finance's forecasts and forecast_source), budget_balance and every finding the gains stage must
produce. The gain figures themselves come from the gains oracle next door
(../scenario/make_expected.py), itself independent of the Swift code; this script adds the rules
of the budget and the life cycle on top of its rows, in exact integer arithmetic (øre), standard
library only.

    python3 make_expected.py        # rewrites expected.json next to this file
"""
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("gains_oracle", HERE.parent / "scenario" / "make_expected.py")
gains = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gains)

FLOWS = {"budget", "efficiency", "time"}
PHASES = ["identify", "plan", "execute", "handover", "realise", "closed"]


def cents(text):
    return None if text is None else int(Decimal(text) * 100)


def quarter(text):
    return gains.parse_period(text)[1]          # 4 × year + quarter − 1


def utf8(text):
    return text.encode("utf-8")


def run(scenario, config):
    base = gains.run(scenario, config)
    as_of = quarter(base["as_of"])
    as_of_year, as_of_index = as_of // 4, as_of % 4 + 1
    register = {i["initiative"]: i for i in scenario["initiatives"]}
    area_of = {name: (i["area"] or "") for name, i in register.items()}
    stopped = {name for name, i in register.items() if i["status"] == "stopped"}
    findings = list(base["findings"])

    # Finance's forecasts win; a year without quarter rows gets a row of its own.
    yearly = [dict(row) for row in base["gains_yearly"]]
    for row in yearly:
        row["forecast_source"] = "computed" if row["forecast"] is not None else None
    for f in scenario["gain_forecasts"]:
        amount = gains.amount_text(cents(f["amount"]))
        match = [r for r in yearly if (r["initiative"], r["gain_type"], r["year"]) == (f["initiative"], f["gain_type"], f["year"])]
        if match:
            match[0]["forecast"], match[0]["forecast_source"] = amount, "finance"
        else:
            yearly.append(dict(initiative=f["initiative"], gain_type=f["gain_type"], year=f["year"], planned="0.00",
                               planned_ytd="0.00", realised_ytd="0.00", rate_ytd=None, forecast=amount,
                               forecast_source="finance"))
    yearly.sort(key=lambda r: (utf8(r["initiative"]), utf8(r["gain_type"]), r["year"]))

    # Budget balance.
    sums = {}     # (year, area) -> [planned, realised, forecast]; area "*" for all
    for r in yearly:
        if r["gain_type"] != "budget" or r["initiative"] in stopped:
            continue
        for area in (area_of.get(r["initiative"], ""), "*"):
            s = sums.setdefault((r["year"], area), [0, 0, 0])
            s[0] += cents(r["planned"])
            s[1] += cents(r["realised_ytd"]) or 0
            s[2] += cents(r["forecast"]) or 0
    targets = {}
    for t in scenario["budget_targets"]:
        key = (t["plan"], t["year"], t["area"])
        targets[key] = targets.get(key, 0) + cents(t["amount"])
    balance = []
    for plan in sorted({p for p, _, _ in targets}, key=utf8):
        years = [y for p, y, _ in targets if p == plan]
        areas = {a for p, _, a in targets if p == plan}
        for year in range(min(years), max(years) + 1):
            for area in sorted(areas | {"*"}, key=utf8):
                if area == "*":
                    requirement = sum(c for (p, y, _), c in targets.items() if p == plan and y == year)
                else:
                    requirement = targets.get((plan, year, area), 0)
                planned, realised, forecast = sums.get((year, area), [0, 0, 0])
                gap = requirement - planned
                row = dict(plan=plan, year=year, area=area, requirement=requirement, planned_budget=planned, gap=gap,
                           coverage=planned / requirement if requirement else None, realised_ytd=realised,
                           forecast=forecast, forecast_gap=requirement - forecast,
                           status="balanced" if gap <= 0 else "not_balanced")
                balance.append(row)
                if requirement > 0 and gap > 0:
                    findings.append(dict(kind="budget_not_balanced", severity="warning", details={
                        "plan": plan, "year": str(year), "area": area, "requirement": gains.amount_text(requirement),
                        "planned_budget": gains.amount_text(planned), "gap": gains.amount_text(gap)}))

    # A stopped initiative's budget gains planned in the as_of year or later.
    for name in sorted(stopped, key=utf8):
        rows = [r for r in yearly if r["initiative"] == name and r["gain_type"] == "budget" and r["year"] >= as_of_year]
        if any(cents(r["planned"]) != 0 for r in rows):
            findings.append(dict(kind="stopped_with_plans", severity="warning", initiative=name, details={
                "gain_type": "budget", "year": str(as_of_year),
                "amount": gains.amount_text(sum(cents(r["planned"]) for r in rows))}))

    # The årshjul: K3 and K4 look at next year, for plans whose targets name it.
    quarterly = base["gains_quarterly"]
    next_year = as_of_year + 1
    named = sorted({p for p, y, _ in targets if y == next_year}, key=utf8)
    if as_of_index >= 3:
        for plan in named:
            total = next(r for r in balance if r["plan"] == plan and r["year"] == next_year and r["area"] == "*")
            if total["coverage"] is not None and total["coverage"] < 1:
                findings.append(dict(kind="next_year_not_covered", severity="warning", details={
                    "plan": plan, "year": str(next_year), "area": "*",
                    "requirement": gains.amount_text(total["requirement"]),
                    "planned_budget": gains.amount_text(total["planned_budget"]), "gap": gains.amount_text(total["gap"])}))
    if as_of_index == 4 and named:
        # A measurement plan is a gain link or a measurement note that is not blank.
        linked = {l["initiative"] for l in scenario["gain_links"]}
        noted = {name for name, i in register.items() if (i.get("measurement_note") or "").strip()}
        planning = {r["initiative"] for r in quarterly
                    if quarter(r["quarter"]) // 4 == next_year and cents(r["planned"]) != 0}
        for name in sorted(planning - linked - noted - stopped, key=utf8):
            findings.append(dict(kind="no_measurement_plan", severity="warning", initiative=name,
                                 details={"year": str(next_year)}))

    # The life cycle, from the quarter rows up to as_of.
    keys = {}
    for r in quarterly:
        q = quarter(r["quarter"])
        if q <= as_of:
            keys.setdefault((r["initiative"], r["gain_type"]), []).append((q, r))
    def status_at_as_of(rows):
        return max(rows, key=lambda qr: qr[0])[1]["status"]
    for name in sorted(register, key=utf8):
        i = register[name]
        if i["status"] == "stopped":
            continue
        own = {k: v for k, v in keys.items() if k[0] == name}
        phase = i["phase"]
        if i["deadline"]:
            year, month = int(i["deadline"][:4]), int(i["deadline"][5:7])
            if (year, month) <= (as_of_year, as_of_index * 3) and i["status"] in ("planned", "active"):
                findings.append(dict(kind="deadline_passed", severity="warning", initiative=name,
                                     details={"deadline": i["deadline"], "status": i["status"]}))
        if phase in ("handover", "realise") or i["status"] == "completed":
            if not any(r["realised"] is not None for rows in own.values() for _, r in rows):
                details = {"status": i["status"]}
                if phase:
                    details["phase"] = phase
                findings.append(dict(kind="realising_without_measurement", severity="warning", initiative=name,
                                     details=details))
        if phase in ("identify", "plan"):
            planned = [q for rows in own.values() for q, r in rows if cents(r["planned"]) != 0]
            if planned:
                findings.append(dict(kind="phase_behind_plan", severity="warning", initiative=name,
                                     quarter=gains.quarter_text(min(planned)), details={"phase": phase}))
        if phase in ("execute", "handover", "realise") and not i["gain_owner"]:
            findings.append(dict(kind="missing_gain_owner", severity="info", initiative=name, details={"phase": phase}))
        if phase == "closed" or i["status"] == "completed":
            for (_, gtype), rows in sorted(own.items()):
                if gtype in FLOWS and status_at_as_of(rows) == "red":
                    details = {"gain_type": gtype, "status": i["status"]}
                    if phase:
                        details["phase"] = phase
                    findings.append(dict(kind="closed_with_gap", severity="info", initiative=name, details=details))
    for (name, gtype), rows in keys.items():
        if gtype not in FLOWS or name in stopped:
            continue
        missing = [q for q, r in rows if cents(r["planned"]) != 0 and r["realised"] is None]
        if missing:
            findings.append(dict(kind="planned_past_no_data", severity="warning", initiative=name,
                                 quarter=gains.quarter_text(min(missing)), details={"gain_type": gtype, "count": str(len(missing))}))

    # A link without a value before its start (the link's own, or the initiative's first planned quarter).
    first_planned = {}
    for p in scenario["gain_plans"]:
        kind, n = gains.parse_period(p["period"])
        q = 4 * n if kind == "year" else n
        first_planned[p["initiative"]] = min(first_planned.get(p["initiative"], q), q)
    seen = set()
    for link in sorted(scenario["gain_links"], key=lambda l: (utf8(l["initiative"]), utf8(l["indicator"]), utf8(l["org_unit"]), utf8(l["gain_type"]))):
        start = quarter(link["start"]) if link["start"] else first_planned.get(link["initiative"])
        if start is None or link["initiative"] in stopped or link["initiative"] in seen:
            continue
        values = [gains.quarter_of(gains.parse_period(m["period"])) for m in scenario["measurements"]
                  if (m["indicator"], m["org_unit"]) == (link["indicator"], link["org_unit"])]
        if not any(q < start for q in values):
            seen.add(link["initiative"])
            findings.append(dict(kind="no_baseline_measurement", severity="info", initiative=link["initiative"],
                                 indicator=link["indicator"], org_unit=link["org_unit"],
                                 details={"gain_type": link["gain_type"], "start": gains.quarter_text(start)}))

    # Comments: those after as_of are findings; a red key at as_of needs one for the as_of quarter.
    commented = set()
    for c in scenario["gain_comments"]:
        q = quarter(c["quarter"])
        if q > as_of:
            details = {"period": gains.quarter_text(as_of)}
            if c["gain_type"]:
                details["gain_type"] = c["gain_type"]
            findings.append(dict(kind="comment_after_as_of", severity="warning", initiative=c["initiative"],
                                 quarter=c["quarter"], details=details))
        elif q == as_of:
            commented.add((c["initiative"], c["gain_type"] or ""))
    for (name, gtype), rows in keys.items():
        if status_at_as_of(rows) == "red" and (name, gtype) not in commented and (name, "") not in commented:
            findings.append(dict(kind="red_without_comment", severity="info", initiative=name,
                                 quarter=gains.quarter_text(as_of), details={"gain_type": gtype}))

    # Comments and forecasts for initiatives not in the register.
    for table in ("gain_comments", "gain_forecasts"):
        for name in sorted({row["initiative"] for row in scenario[table]} - set(register), key=utf8):
            known = [f for f in findings if f["kind"] == "unknown_initiative" and f.get("initiative") == name]
            if known:
                known[0]["details"] = dict(known[0]["details"], named_by=known[0]["details"]["named_by"] + "," + table)
            else:
                findings.append(dict(kind="unknown_initiative", severity="warning", initiative=name,
                                     details={"named_by": table}))

    fields = ["kind", "severity", "initiative", "related_initiative", "indicator", "org_unit", "quarter", "details"]
    findings = [{f: finding.get(f) for f in fields} for finding in findings]
    findings.sort(key=lambda f: json.dumps(f, sort_keys=True))
    for row in balance:
        for c in ("requirement", "planned_budget", "gap", "realised_ytd", "forecast", "forecast_gap"):
            row[c] = gains.amount_text(row[c])
    return dict(name=config["name"], as_of=base["as_of"], gains_quarterly=quarterly, gains_yearly=yearly,
                budget_balance=balance, findings=findings)


def main():
    scenario = json.loads((HERE / "scenario.json").read_text(encoding="utf-8"))
    expected = {"runs": [run(scenario, config) for config in scenario["runs"]]}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

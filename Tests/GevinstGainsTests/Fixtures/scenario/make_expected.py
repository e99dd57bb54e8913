#!/usr/bin/env python3
"""Independent oracle for the gains stage (SPEC §7 rev. 2 and docs/gains.md).

Reads scenario.json and writes expected.json: the rows of gains_quarterly, gains_yearly and
gains_by_area and the findings the stage must produce for each run. Python standard library
only; amounts are exact decimals (Decimal, Fraction), never binary floating point, so the
figures do not depend on how the Swift code computes them. It shares no code with the stage.

The rules, in short:
- every quarter's planned and realised figure is rounded to the hundredth (half away from zero)
  once; cumulative, yearly, forecast and area figures are computed from those rounded figures;
- budget, efficiency and time gains are flows (they add up over quarters); quality gains are
  levels (the latest planned and the latest realised level are compared, nothing is summed);
- a rate exists only against a positive plan; a negative plan (a cost) is green when the
  deviation is not below 0, red otherwise;
- `as_of: auto` ignores periods after the quarter of the run's date (`today` of each run).

    python3 make_expected.py        # rewrites expected.json next to this file
"""
import json
from datetime import date
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 50
HERE = Path(__file__).resolve().parent
TYPE_ORDER = sorted(["budget", "efficiency", "time", "quality"])  # SQLite BINARY order of the names
LEVEL_TYPES = {"quality"}


# Periods -------------------------------------------------------------------------------------
def parse_period(text):
    """('year', y) | ('quarter', q ordinal) | ('month', m ordinal)."""
    if len(text) == 4:
        return ("year", int(text))
    year = int(text[:4])
    if text[4] == "K":
        return ("quarter", 4 * year + int(text[5:]) - 1)
    if text[4] == "M":
        return ("month", 12 * year + int(text[5:]) - 1)
    raise ValueError(text)


def period_text(period):
    kind, n = period
    if kind == "year":
        return str(n)
    if kind == "quarter":
        return quarter_text(n)
    return f"{n // 12}M{n % 12 + 1:02d}"


def quarter_text(q):
    return f"{q // 4}K{q % 4 + 1}"


def quarter_of(period):
    """The quarter a period counts in for as_of: a month in its quarter, a year in its K4."""
    kind, n = period
    return {"year": 4 * n + 3, "quarter": n, "month": n // 3}[kind]


def quarter_of_date(text):
    day = date.fromisoformat(text)
    return 4 * day.year + (day.month - 1) // 3


def period_sort_key(period):
    """Order of periods that count in the same quarter: month, then quarter, then year."""
    return (quarter_of(period), ["month", "quarter", "year"].index(period[0]), period[1])


# Amounts -------------------------------------------------------------------------------------
def round_half_away(x):
    """A Decimal or Fraction amount in hundredths rounded to a whole number, half away from zero."""
    x = Fraction(x)
    whole = abs(x.numerator) // x.denominator
    if Fraction(abs(x.numerator), x.denominator) - whole >= Fraction(1, 2):
        whole += 1
    return whole if x >= 0 else -whole


def cents(text):
    """An amount from the scenario in hundredths, rounded to the øre."""
    return round_half_away(Decimal(text) * 100)


def amount_text(c):
    sign = "-" if c < 0 else ""
    return f"{sign}{abs(c) // 100}.{abs(c) % 100:02d}"


def split_year(c):
    """Four quarter amounts that add up to c; the first quarters take the leftover cents."""
    base = abs(c) // 4
    rest = abs(c) - 4 * base
    parts = [base + (1 if i < rest else 0) for i in range(4)]
    return parts if c >= 0 else [-p for p in parts]


# Series --------------------------------------------------------------------------------------
def quarter_values(values, aggregation):
    """SPEC §6: months combine into quarters by the aggregation; a value stored at quarter level
    wins; year values are coarser than quarters and left out."""
    direct = {n: v for (kind, n), v in values if kind == "quarter"}
    months = sorted((n, v) for (kind, n), v in values if kind == "month")
    combined = {}
    for n, v in months:
        combined.setdefault(n // 3, []).append(v)
    result = {}
    for q, vs in combined.items():
        if aggregation == "sum":
            result[q] = sum(vs, Decimal(0))
        elif aggregation == "mean":
            result[q] = sum(vs, Decimal(0)) / len(vs)
        else:
            result[q] = vs[-1]
    result.update(direct)
    return dict(sorted(result.items()))


def closest(name, candidates):
    """Up to three candidates nearest to name: a case-insensitive prefix either way, or an edit
    distance of at most a third of the name's length (at least 1). Work is bounded: the first
    10 000 candidates in binary order, each compared on its first 64 characters."""
    def distance(a, b):
        row = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            previous, row[0] = row[0], i
            for j, cb in enumerate(b, 1):
                previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
        return row[-1]
    wanted = name.lower()[:64]
    scored = []
    for candidate in sorted(set(candidates), key=str.encode)[:10000]:
        c = candidate.lower()[:64]
        score = 0 if c.startswith(wanted) or wanted.startswith(c) else distance(wanted, c)
        if score <= max(1, len(wanted) // 3):
            scored.append((score, candidate.encode(), candidate))
    return [c for _, _, c in sorted(scored)[:3]]


# Cumulative figures and traffic lights -------------------------------------------------------
def light(cum_planned, cum_realised, thresholds):
    """Rate and status at or before as_of; a rate only against a positive plan."""
    deviation = cum_realised - cum_planned
    if cum_planned > 0:
        rate = Fraction(cum_realised, cum_planned)
        status = ("green" if rate >= Fraction(thresholds["green"])
                  else "yellow" if rate >= Fraction(thresholds["yellow"]) else "red")
        return float(rate), status
    if cum_planned < 0:
        return None, "green" if deviation >= 0 else "red"
    return None, "none"


def assessed_row(cum_planned, cum_realised, thresholds):
    if cum_realised is None:
        return dict(cum_planned=cum_planned, cum_realised=None, deviation=None, realisation_rate=None, status="none")
    rate, status = light(cum_planned, cum_realised, thresholds)
    return dict(cum_planned=cum_planned, cum_realised=cum_realised, deviation=cum_realised - cum_planned,
                realisation_rate=rate, status=status)


def future_row(cum_planned):
    return dict(cum_planned=cum_planned, cum_realised=None, deviation=None, realisation_rate=None, status="future")


def cumulate_flow(quarters, planned, realised, assessed, thresholds):
    """planned: {q: cents}; realised: {q: cents or None}. Sums up to each quarter; unknown as 0."""
    rows, cp, cr = [], 0, 0
    for q in quarters:
        cp += planned.get(q, 0)
        if not assessed(q):
            rows.append(future_row(cp))
            continue
        cr += realised.get(q) or 0
        rows.append(assessed_row(cp, cr, thresholds))
    return rows


def cumulate_level(quarters, planned, realised, assessed, thresholds):
    """planned: {q: level} only for quarters with a plan row; the latest levels so far compared."""
    rows, level, realised_level = [], 0, None
    for q in quarters:
        if q in planned:
            level = planned[q]
        if not assessed(q):
            rows.append(future_row(level))
            continue
        if realised.get(q) is not None:
            realised_level = realised[q]
        rows.append(assessed_row(level, realised_level, thresholds))
    return rows


def year_flow(year, quarters, planned, realised, assessed):
    in_year = [q for q in quarters if q // 4 == year]
    total = sum(planned.get(q, 0) for q in in_year)
    ytd = sum(planned.get(q, 0) for q in in_year if assessed(q))
    realised_ytd = sum(realised[q] or 0 for q in in_year if assessed(q))
    ratio = Fraction(realised_ytd, ytd) if ytd != 0 else Fraction(1)
    forecast = realised_ytd + round_half_away((total - ytd) * ratio)
    rate = float(Fraction(realised_ytd, ytd)) if ytd > 0 else None
    return dict(planned=total, planned_ytd=ytd, realised_ytd=realised_ytd, rate_ytd=rate, forecast=forecast)


def year_level(year, quarters, cumulative, assessed):
    """Levels: planned at the year's last quarter row; to date at its last quarter ≤ as_of."""
    rows = [(q, c) for q, c in zip(quarters, cumulative) if q // 4 == year]
    planned = rows[-1][1]["cum_planned"]
    to_date = [c for q, c in rows if assessed(q)]
    if to_date:
        ytd, realised_ytd = to_date[-1]["cum_planned"], to_date[-1]["cum_realised"]
    elif not assessed(4 * year):
        ytd, realised_ytd = 0, 0      # the year is wholly after as_of
    else:
        ytd, realised_ytd = 0, None   # the key starts after as_of within the year: nothing known
    rate = float(Fraction(realised_ytd, ytd)) if ytd > 0 and realised_ytd is not None else None
    return dict(planned=planned, planned_ytd=ytd, realised_ytd=realised_ytd, rate_ytd=rate, forecast=None)


# The stage -----------------------------------------------------------------------------------
def run(scenario, config):
    thresholds = {k: Decimal(v) for k, v in scenario["thresholds"].items()}
    catalogue = {i["indicator"]: i for i in scenario["indicators"]}
    registered = {i["initiative"]: (i["area"] or "") for i in scenario["initiatives"]}
    today = quarter_of_date(config["today"])
    findings = []

    raw = {}
    for m in scenario["measurements"]:
        raw.setdefault((m["indicator"], m["org_unit"]), []).append((parse_period(m["period"]), Decimal(m["value"])))
    reported_all = [(r["initiative"], r["gain_type"], parse_period(r["quarter"])[1], cents(r["amount"]))
                    for r in scenario["gains_reported"]]

    # as_of
    if "as_of_override" in config:
        as_of = parse_period(config["as_of_override"])[1]
        if as_of > today:
            findings.append(dict(kind="as_of_in_future", severity="warning", quarter=quarter_text(as_of),
                                 details={"period": quarter_text(today)}))
    else:
        periods = [p for vs in raw.values() for p, _ in vs] + [("quarter", q) for _, _, q, _ in reported_all]
        candidates = [quarter_of(p) for p in periods if quarter_of(p) <= today]
        as_of = max(candidates) if candidates else None
        future = sorted((p for p in periods if quarter_of(p) > today), key=period_sort_key)
        if future:
            findings.append(dict(kind="future_period", severity="warning",
                                 details={"period": period_text(future[0]), "count": str(len(future))}))

    def assessed(q):
        return as_of is not None and q <= as_of

    # planned: rows of one key summed (to the øre), then a yearly flow split into quarters, a
    # yearly level set on each of its quarters
    plan_rows = {}
    for p in scenario["gain_plans"]:
        key = (p["initiative"], p["gain_type"], parse_period(p["period"]))
        plan_rows[key] = plan_rows.get(key, 0) + cents(p["amount"])
    planned = {}      # (initiative, type) -> {q: cents}, only quarters with a plan row
    first_planned = {}
    for (initiative, gtype, (kind, n)), c in plan_rows.items():
        quarters = [4 * n + i for i in range(4)] if kind == "year" else [n]
        if kind == "year":
            parts = [c] * 4 if gtype in LEVEL_TYPES else split_year(c)
        else:
            parts = [c]
        by_quarter = planned.setdefault((initiative, gtype), {})
        for q, part in zip(quarters, parts):
            by_quarter[q] = by_quarter.get(q, 0) + part
        first_planned[initiative] = min(first_planned.get(initiative, quarters[0]), quarters[0])

    reported = {}
    for initiative, gtype, q, c in reported_all:
        if assessed(q):
            reported.setdefault((initiative, gtype), {})[q] = c

    derived_parts = {}   # (initiative, type) -> {q: Decimal sum}
    usable = []          # (link, start, {q: value})
    for link in scenario["gain_links"]:
        base = dict(initiative=link["initiative"], indicator=link["indicator"], org_unit=link["org_unit"])
        entry = catalogue.get(link["indicator"])
        if entry is None:
            findings.append(dict(kind="unknown_indicator", severity="warning", **base,
                                 details={"gain_type": link["gain_type"]}))
            continue
        if entry["polarity"] == "neutral" or entry["frequency"] == "year":
            findings.append(dict(kind="link_refused", severity="warning", **base, details={
                "gain_type": link["gain_type"],
                "reason": "neutral_polarity" if entry["polarity"] == "neutral" else "yearly_frequency",
                "polarity": entry["polarity"], "frequency": entry["frequency"]}))
            continue
        start = parse_period(link["start"])[1] if link["start"] else first_planned.get(link["initiative"])
        values = quarter_values(raw.get((link["indicator"], link["org_unit"]), []), entry["aggregation"])
        usable.append((link, start, values))
        factor, baseline = Decimal(link["factor"]), Decimal(link["baseline"])
        for q, v in values.items():
            if (start is None or q >= start) and assessed(q):
                improvement = v - baseline if entry["polarity"] == "higher_is_better" else baseline - v
                parts = derived_parts.setdefault((link["initiative"], link["gain_type"]), {})
                parts[q] = parts.get(q, Decimal(0)) + factor * improvement
    derived = {key: {q: round_half_away(s * 100) for q, s in qs.items()} for key, qs in derived_parts.items()}

    keys = sorted(set(planned) | set(reported) | set(derived), key=lambda k: (k[0].encode(), TYPE_ORDER.index(k[1])))
    quarterly, yearly, area_sums = [], [], {}
    for key in keys:
        initiative, gtype = key
        level = gtype in LEVEL_TYPES
        p, r, d = planned.get(key, {}), reported.get(key, {}), derived.get(key, {})
        quarters_with_figures = set(p) | set(r) | set(d)
        quarters = list(range(min(quarters_with_figures), max(quarters_with_figures) + 1))
        realised = {q: (r[q] if q in r else d.get(q)) for q in quarters}
        cumulate = cumulate_level if level else cumulate_flow
        cumulative = cumulate(quarters, p, realised, assessed, thresholds)
        for q, cum in zip(quarters, cumulative):
            on = assessed(q)
            source = "reported" if on and q in r else "derived" if on and q in d else "none"
            quarterly.append(dict(initiative=initiative, gain_type=gtype, quarter=quarter_text(q), planned=p.get(q, 0),
                                  realised=realised[q] if on else None, realised_source=source,
                                  derived=d.get(q) if on else None, reported=r.get(q) if on else None, **cum))
        for year in range(quarters[0] // 4, quarters[-1] // 4 + 1):
            figures = (year_level(year, quarters, cumulative, assessed) if level
                       else year_flow(year, quarters, p, realised, assessed))
            yearly.append(dict(initiative=initiative, gain_type=gtype, year=year, **figures))
        if not level:
            area = registered.get(initiative, "")
            for a in (area, "*"):
                sums = area_sums.setdefault((a, gtype), {"planned": {}, "realised": {}})
                for q in quarters:
                    sums["planned"][q] = sums["planned"].get(q, 0) + p.get(q, 0)
                    if assessed(q) and realised[q] is not None:
                        sums["realised"][q] = sums["realised"].get(q, 0) + realised[q]

        # findings of the key
        for q in quarters:
            if assessed(q) and q in r and q in d and abs(Fraction(d[q] - r[q])) > abs(Fraction(r[q])) / 10:
                findings.append(dict(kind="reported_derived_disagree", severity="warning", initiative=initiative,
                                     quarter=quarter_text(q), details={
                                         "gain_type": gtype, "reported": amount_text(r[q]), "derived": amount_text(d[q]),
                                         "difference": amount_text(d[q] - r[q])}))
        has_link = any(l["initiative"] == initiative and l["gain_type"] == gtype for l, _, _ in usable)
        has_report = any(i == initiative and t == gtype for i, t, _, _ in reported_all)
        if p and not has_link and not has_report:
            planned_figure = p[max(p)] if level else sum(p.values())   # a level: the last one planned
            findings.append(dict(kind="unmeasurable_initiative", severity="warning", initiative=initiative, details={
                "gain_type": gtype, "planned": amount_text(planned_figure), "first_quarter": quarter_text(min(p))}))

    by_area = []
    for (area, gtype) in sorted(area_sums, key=lambda k: (k[0].encode(), TYPE_ORDER.index(k[1]))):
        sums = area_sums[(area, gtype)]
        quarters = list(range(min(sums["planned"]), max(sums["planned"]) + 1))
        cumulative = cumulate_flow(quarters, sums["planned"], sums["realised"], assessed, thresholds)
        for q, cum in zip(quarters, cumulative):
            by_area.append(dict(area=area, gain_type=gtype, quarter=quarter_text(q), planned=sums["planned"].get(q, 0),
                                realised=sums["realised"].get(q), **cum))

    for initiative in sorted({p["initiative"] for p in scenario["gain_plans"]}
                             | {r["initiative"] for r in scenario["gains_reported"]}
                             | {l["initiative"] for l in scenario["gain_links"]}):
        if initiative not in registered:
            tables = [t for t in ("gain_plans", "gains_reported", "gain_links")
                      if any(row["initiative"] == initiative for row in scenario[t])]
            findings.append(dict(kind="unknown_initiative", severity="warning", initiative=initiative,
                                 details={"named_by": ",".join(tables)}))

    # A link without data names the org units measured for its indicator, or, when the indicator
    # has no data at all, the indicators that have some: the first 20 such links in key order.
    measured = {}
    for indicator, org_unit in raw:
        measured.setdefault(indicator, []).append(org_unit)
    def link_key(link):
        return (link["initiative"].encode(), link["gain_type"].encode(), link["indicator"].encode(), link["org_unit"].encode())
    without_data = sorted((l for l, _, _ in usable if not raw.get((l["indicator"], l["org_unit"]))), key=link_key)
    named = [link_key(l) for l in without_data[:20]]
    for link, start, values in usable:
        if not any(start is None or q >= start for q in values):
            details = {"gain_type": link["gain_type"]}
            if values:
                details["last_measured"] = quarter_text(max(values))
            elif link_key(link) in named:
                if link["indicator"] in measured:
                    names = closest(link["org_unit"], measured[link["indicator"]])
                    if names:
                        details["closest_org_units"] = ", ".join(names)
                else:
                    names = closest(link["indicator"], measured)
                    if names:
                        details["closest_indicators"] = ", ".join(names)
            findings.append(dict(kind="link_without_measurements", severity="warning", initiative=link["initiative"],
                                 indicator=link["indicator"], org_unit=link["org_unit"],
                                 quarter=quarter_text(start) if start is not None else None, details=details))
    for i, (a, start_a, values) in enumerate(usable):
        for b, start_b, _ in usable[i + 1:]:
            if (a["indicator"], a["org_unit"], a["gain_type"]) != (b["indicator"], b["org_unit"], b["gain_type"]):
                continue
            start = max(s for s in (start_a, start_b, -1) if s is not None)
            shared = [q for q in values if q >= start and assessed(q)]
            if shared:
                findings.append(dict(kind="double_count", severity="warning", initiative=a["initiative"],
                                     related_initiative=b["initiative"], indicator=a["indicator"], org_unit=a["org_unit"],
                                     quarter=quarter_text(min(shared)), details={"gain_type": a["gain_type"]}))

    def money_columns(rows, columns):
        for row in rows:
            for c in columns:
                if row[c] is not None:
                    row[c] = amount_text(row[c])
        return rows

    fields = ["kind", "severity", "initiative", "related_initiative", "indicator", "org_unit", "quarter", "details"]
    findings = [{f: finding.get(f) for f in fields} for finding in findings]
    findings.sort(key=lambda f: json.dumps(f, sort_keys=True))
    return dict(
        name=config["name"],
        as_of=quarter_text(as_of) if as_of is not None else None,
        gains_quarterly=money_columns(quarterly, ["planned", "realised", "derived", "reported", "cum_planned",
                                                  "cum_realised", "deviation"]),
        gains_yearly=money_columns(yearly, ["planned", "planned_ytd", "realised_ytd", "forecast"]),
        gains_by_area=money_columns(by_area, ["planned", "realised", "cum_planned", "cum_realised", "deviation"]),
        findings=findings,
    )


def main():
    scenario = json.loads((HERE / "scenario.json").read_text(encoding="utf-8"))
    expected = {"runs": [run(scenario, config) for config in scenario["runs"]]}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

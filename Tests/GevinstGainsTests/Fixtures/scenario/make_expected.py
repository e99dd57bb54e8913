#!/usr/bin/env python3
"""Independent oracle for the gains stage (SPEC §7 and docs/gains.md).

Reads scenario.json and writes expected.json: the rows of gains_quarterly, gains_yearly and
gains_by_area and the findings the stage must produce for each run. Python standard library
only; amounts are exact decimals (Decimal, Fraction), never binary floating point, so the
figures do not depend on how the Swift code computes them.

    python3 make_expected.py        # rewrites expected.json next to this file
"""
import json
from decimal import Decimal, ROUND_HALF_UP, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 50
HERE = Path(__file__).resolve().parent
CENT = Decimal("0.01")
TYPE_ORDER = sorted(["budget", "efficiency", "time", "quality"])  # SQLite BINARY order of the names


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


def quarter_text(q):
    return f"{q // 4}K{q % 4 + 1}"


def quarter_of(period):
    """The quarter a period counts in for as_of: a month in its quarter, a year in its K4."""
    kind, n = period
    return {"year": 4 * n + 3, "quarter": n, "month": n // 3}[kind]


# Money ---------------------------------------------------------------------------------------
def cents(text):
    return int((Decimal(text) * 100).to_integral_value())


def amount_text(c):
    sign = "-" if c < 0 else ""
    return f"{sign}{abs(c) // 100}.{abs(c) % 100:02d}"


def round_half_away(x):
    """A Decimal or Fraction amount in hundredths rounded half away from zero."""
    x = Fraction(x)
    whole = abs(x.numerator) // x.denominator
    if Fraction(abs(x.numerator), x.denominator) - whole >= Fraction(1, 2):
        whole += 1
    return whole if x >= 0 else -whole


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


# The stage -----------------------------------------------------------------------------------
def status(cum_planned, cum_realised, thresholds):
    if cum_planned == 0:
        return "none"
    rate = Fraction(cum_realised, cum_planned)
    if rate >= Fraction(thresholds["green"]):
        return "green"
    if rate >= Fraction(thresholds["yellow"]):
        return "yellow"
    return "red"


def rate(num, den):
    return None if den == 0 else float(Fraction(num, den))


def cumulate(quarters, planned, realised, as_of, thresholds):
    """planned: {q: cents}; realised: {q: cents or None}. Cumulative columns per quarter."""
    rows, cp, cr = [], 0, 0
    for q in quarters:
        cp += planned.get(q, 0)
        if as_of is None or q > as_of:
            rows.append(dict(cum_planned=cp, cum_realised=None, deviation=None, realisation_rate=None, status="future"))
            continue
        cr += realised.get(q) or 0
        rows.append(dict(cum_planned=cp, cum_realised=cr, deviation=cr - cp, realisation_rate=rate(cr, cp),
                         status=status(cp, cr, thresholds)))
    return rows


def run(scenario, config):
    thresholds = {k: Decimal(v) for k, v in scenario["thresholds"].items()}
    catalogue = {i["indicator"]: i for i in scenario["indicators"]}
    registered = {i["initiative"]: (i["area"] or "") for i in scenario["initiatives"]}

    raw = {}
    for m in scenario["measurements"]:
        raw.setdefault((m["indicator"], m["org_unit"]), []).append((parse_period(m["period"]), Decimal(m["value"])))
    reported_all = [(r["initiative"], r["gain_type"], parse_period(r["quarter"])[1], cents(r["amount"]))
                    for r in scenario["gains_reported"]]

    if "as_of_override" in config:
        as_of = parse_period(config["as_of_override"])[1]
    else:
        candidates = [quarter_of(p) for vs in raw.values() for p, _ in vs] + [q for _, _, q, _ in reported_all]
        as_of = max(candidates) if candidates else None

    def assessed(q):
        return as_of is not None and q <= as_of

    planned = {}      # (initiative, type) -> {q: cents}
    first_planned = {}
    for p in scenario["gain_plans"]:
        kind, n = parse_period(p["period"])
        c = cents(p["amount"])
        quarters = [4 * n + i for i in range(4)] if kind == "year" else [n]
        parts = split_year(c) if kind == "year" else [c]
        key = (p["initiative"], p["gain_type"])
        for q, part in zip(quarters, parts):
            planned.setdefault(key, {})
            planned[key][q] = planned[key].get(q, 0) + part
        first_planned[p["initiative"]] = min(first_planned.get(p["initiative"], quarters[0]), quarters[0])

    reported = {}
    for initiative, gtype, q, c in reported_all:
        if assessed(q):
            reported.setdefault((initiative, gtype), {})[q] = c

    findings = []
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
        p, r, d = planned.get(key, {}), reported.get(key, {}), derived.get(key, {})
        quarters_with_figures = set(p) | set(r) | set(d)
        if not quarters_with_figures:
            continue
        quarters = list(range(min(quarters_with_figures), max(quarters_with_figures) + 1))
        realised = {q: (r[q] if q in r else d.get(q)) for q in quarters}
        cumulative = cumulate(quarters, p, realised, as_of, thresholds)
        for q, cum in zip(quarters, cumulative):
            on = assessed(q)
            source = "reported" if on and q in r else "derived" if on and q in d else "none"
            quarterly.append(dict(initiative=initiative, gain_type=gtype, quarter=quarter_text(q), planned=p.get(q, 0),
                                  realised=realised[q] if on else None, realised_source=source,
                                  derived=d.get(q) if on else None, reported=r.get(q) if on else None, **cum))
        for year in range(quarters[0] // 4, quarters[-1] // 4 + 1):
            in_year = [q for q in quarters if q // 4 == year]
            total = sum(p.get(q, 0) for q in in_year)
            ytd = sum(p.get(q, 0) for q in in_year if assessed(q))
            realised_ytd = sum(realised[q] or 0 for q in in_year if assessed(q))
            rate_ytd = Fraction(realised_ytd, ytd) if ytd != 0 else Fraction(1)
            forecast = realised_ytd + round_half_away((total - ytd) * rate_ytd)
            yearly.append(dict(initiative=initiative, gain_type=gtype, year=year, planned=total, planned_ytd=ytd,
                               realised_ytd=realised_ytd, rate_ytd=rate(realised_ytd, ytd), forecast=forecast))
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
            findings.append(dict(kind="unmeasurable_initiative", severity="warning", initiative=initiative, details={
                "gain_type": gtype, "planned": amount_text(sum(p.values())), "first_quarter": quarter_text(min(p))}))

    by_area = []
    for (area, gtype) in sorted(area_sums, key=lambda k: (k[0].encode(), TYPE_ORDER.index(k[1]))):
        sums = area_sums[(area, gtype)]
        quarters = list(range(min(sums["planned"]), max(sums["planned"]) + 1))
        cumulative = cumulate(quarters, sums["planned"], sums["realised"], as_of, thresholds)
        for q, cum in zip(quarters, cumulative):
            by_area.append(dict(area=area, gain_type=gtype, quarter=quarter_text(q), planned=sums["planned"].get(q, 0),
                                realised=sums["realised"].get(q), **cum))

    names = {p["initiative"] for p in scenario["gain_plans"]}
    for initiative in sorted({p["initiative"] for p in scenario["gain_plans"]}
                             | {r["initiative"] for r in scenario["gains_reported"]}
                             | {l["initiative"] for l in scenario["gain_links"]}):
        if initiative not in registered:
            tables = [t for t in ("gain_plans", "gains_reported", "gain_links")
                      if any(row["initiative"] == initiative for row in scenario[t])]
            findings.append(dict(kind="unknown_initiative", severity="warning", initiative=initiative,
                                 details={"named_by": ",".join(tables)}))
    del names

    for link, start, values in usable:
        if not any(start is None or q >= start for q in values):
            details = {"gain_type": link["gain_type"]}
            if values:
                details["last_measured"] = quarter_text(max(values))
            findings.append(dict(kind="link_without_measurements", severity="info", initiative=link["initiative"],
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

#!/usr/bin/env python3
"""Independent figures for the KOSTRA reader tests (standard library only).

Reads the real 0A file of Statistics Norway's kostra-kontrollprogram by plain slicing
(positions as in its file_description_Regnskap.yaml), writes synthetic year-to-date files for
quarters 1-3 derived from it into quarters/, and writes expected.json: counts and sums per
kontoklasse, sums per indicator (selectors below), sums per funksjon, the largest
funksjon/art combinations, and the quarter values that year-to-date differencing must give.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "0A_V2019_K4_R040200_OK.dat"
SCALE = 1000

# Indicator -> selectors; a line counts when it matches every selector named.
INDICATORS = {
    "vikarer": {"art": ["020"]},
    "overtid": {"art": ["040"]},
    "utgifter": {"art": ["010-599"]},
    "inntekter": {"art": ["600-999"]},
    "barnehage": {"funksjon": ["201"]},
    "vikarer_barnehage": {"art": ["020"], "funksjon": ["201"]},
    "skole_og_pleie": {"funksjon": ["202", "253-254"]},
}


def fields(line):
    return {
        "kontoklasse": line[31:32],
        "funksjon": line[32:36].strip(),
        "art": line[36:39].strip(),
        "amount": int(line[39:48]),
    }


def matches(selector, code):
    for pattern in selector:
        if "-" in pattern:
            low, high = pattern.split("-")
            if code.isdigit() and int(low) <= int(code) <= int(high):
                return True
        elif code == pattern:
            return True
    return False


def indicator_sums(records, account_class, by_funksjon):
    sums = {}
    for r in records:
        if r["kontoklasse"] != account_class or r["amount"] == 0:
            continue
        for name, selectors in INDICATORS.items():
            if all(matches(selectors[f], r[f]) for f in selectors):
                key = name + "|" + (r["funksjon"] if by_funksjon else "total")
                sums[key] = sums.get(key, 0) + r["amount"] * SCALE
    return sums


def truncate(value, quarter):
    """The year to date after `quarter` of a year whose Q4 year to date is `value`."""
    part = abs(value) * quarter // 4
    return part if value >= 0 else -part


def main():
    with open(os.path.join(HERE, SOURCE), "rb") as f:
        raw = f.read().decode("latin-1")
    lines = [l.rstrip("\r") for l in raw.split("\n") if l.rstrip("\r")]
    records = [fields(l) for l in lines]

    per_class = {}
    for r in records:
        entry = per_class.setdefault(r["kontoklasse"], {"records": 0, "sum": 0})
        entry["records"] += 1
        entry["sum"] += r["amount"]

    combos = {}
    for r in records:
        key = (r["kontoklasse"], r["funksjon"], r["art"])
        c = combos.setdefault(key, [0, 0])
        c[0] += 1
        c[1] += r["amount"]
    largest = sorted(combos.items(), key=lambda kv: (-abs(kv[1][1]), kv[0]))[:5]

    # Synthetic quarters: every line's year to date is a truncated share of its Q4 amount;
    # funksjon 201 is left out of quarter 2 altogether (a key absent from a quarter counts 0).
    os.makedirs(os.path.join(HERE, "quarters"), exist_ok=True)
    ytd = {4: indicator_sums(records, "1", True)}
    for quarter in (1, 2, 3):
        out, quarter_records = [], []
        for l, r in zip(lines, records):
            if quarter == 2 and r["funksjon"] == "201":
                continue
            amount = truncate(r["amount"], quarter)
            out.append(l[:6] + str(quarter) + l[7:39] + ("%9d" % amount))
            quarter_records.append(dict(r, amount=amount))
        # Quarter 1 with CRLF, quarter 3 without a final newline.
        text = "\r\n".join(out) + "\r\n" if quarter == 1 else "\n".join(out) + ("" if quarter == 3 else "\n")
        with open(os.path.join(HERE, "quarters", "0A_2019_K%d.dat" % quarter), "wb") as f:
            f.write(text.encode("latin-1"))
        ytd[quarter] = indicator_sums(quarter_records, "1", True)
    quarter_values = {}
    for quarter in (1, 2, 3, 4):
        values = dict(ytd[quarter])
        if quarter > 1:
            for key, earlier in ytd[quarter - 1].items():
                values[key] = values.get(key, 0) - earlier
        quarter_values[str(quarter)] = values

    expected = {
        "source": SOURCE,
        "lines": len(lines),
        "records": len(records),
        "scale": SCALE,
        "indicators": INDICATORS,
        "kontoklasse": per_class,
        "drift_total": indicator_sums(records, "1", False),
        "investering_total": indicator_sums(records, "0", False),
        "drift_by_funksjon": indicator_sums(records, "1", True),
        "largest": [{"kontoklasse": k[0], "funksjon": k[1], "art": k[2], "records": v[0], "sum": v[1]} for k, v in largest],
        "quarter_year_to_date": {str(q): s for q, s in ytd.items()},
        "quarter_values": quarter_values,
    }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

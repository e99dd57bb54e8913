#!/usr/bin/env python3
"""Differential check for speed work: runs two gevinst binaries (a baseline and a candidate) on the
same adversarial inputs and compares what they leave behind — every warehouse table (timestamps,
pids and the stages' records of their inputs blanked; the migrations and bookkeeping tables only
one of the builds has left out) and every report file, byte for byte.

    python3 benchmarks/differential.py BASELINE CANDIDATE [--cases 40] [--seed 1] [--keep DIR] [--v3-periods]

The inputs are random but deterministic from the seed: long and wide CSV measurement files with
duplicates (equal and different), periods out of order and of every kind, indicators the
catalogue lacks, missing-value tokens in every field, bad numbers and periods, wrong field counts,
quoting, no-break spaces, code prefixes, constants, Windows-1252 and CRLF, files re-imported with
changes (history), `on_error: fail`; generic XML with the same troubles; the example
municipality. Each case runs `import` twice with a changed file in between, then `run`.

`--v3-periods` compares a build from before schema v3 stored every period as its integer code: in
a warehouse whose `runs.as_of`, `findings.quarter`, `trends.first_period`, `trends.last_period` or
`stage_state.as_of` is still a TEXT column, the text (`2024K1`, `2024`, `2024M01`) is mapped to
its code (2024101, 2024201, 2024001; anything else to NULL) and the column moved to the end of its
table, as the v3 migration does; the rest compares exactly.
"""

import argparse
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

VOLATILE = {("runs", "started_at"), ("runs", "ended_at"), ("runs", "pid"), ("files", "imported_at"),
            ("stage_state", "finished_at"), ("runs", "counts"), ("stage_state", "inputs")}

# What a build keeps for itself rather than what it computed: the migrations applied, and the
# stages' bookkeeping that a newer schema added (`file_series` since v11, `series_as_of` since v13).
# The migrations are never compared, the bookkeeping only when both warehouses have the table.
# (`stage_state.inputs` names the build that wrote it, so it is volatile above.)
MIGRATIONS = "grdb_migrations"
BOOKKEEPING = {"file_series", "series_as_of"}


# The period columns schema v3 turned from canonical text into integer codes, in the order v3 adds them.
V3_PERIOD_COLUMNS = {"runs": ["as_of"], "findings": ["quarter"], "trends": ["first_period", "last_period"],
                     "stage_state": ["as_of"]}


def period_code(text):
    """A period's integer code as schema v3 converts canonical text: year 2024 → 2024201, quarter
    2024K1 → 2024101, month 2024M01 → 2024001, a code stays; anything else is NULL."""
    if text is None or isinstance(text, int):
        return text
    if re.fullmatch(r"\d{4}", text):
        return int(text) * 1000 + 201
    if re.fullmatch(r"\d{4}K[1-4]", text):
        return int(text[:4]) * 1000 + 100 + int(text[5:])
    if re.fullmatch(r"\d{4}M[01]\d", text):
        return int(text[:4]) * 1000 + int(text[5:])
    if re.fullmatch(r"\d{4}[0-2]\d\d", text):
        return int(text)
    return None


def dump(path, v3_periods=False):
    """Every table's rows in a stable order, volatile columns blanked; with `v3_periods`, TEXT
    period columns as schema v3 stores them (`--v3-periods`)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        info = list(db.execute(f'PRAGMA table_info("{table}")'))
        columns = [r[1] for r in info]
        without_rowid = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].upper().endswith("WITHOUT ROWID")
        order = "" if without_rowid else " ORDER BY rowid"
        moved = [c for c in V3_PERIOD_COLUMNS.get(table, []) if v3_periods and (c, "TEXT") in [(r[1], r[2].upper()) for r in info]]
        layout = [c for c in columns if c not in moved] + moved
        rows = []
        for row in db.execute(f'SELECT * FROM "{table}"{order}'):
            values = dict(zip(columns, row))
            rows.append(tuple("*" if (table, c) in VOLATILE else period_code(values[c]) if c in moved else values[c]
                              for c in layout))
        if without_rowid:
            rows.sort(key=repr)
        out[table] = (layout, rows)
    db.close()
    return out


def report_files(directory):
    """Every report file, with run timestamps blanked."""
    files = {}
    for base, _, names in os.walk(directory):
        for name in names:
            with open(os.path.join(base, name), "rb") as f:
                text = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"*", f.read())
                text = re.sub(rb"\d\d?\. [a-z]+ \d{4} kl\. \d\d\.\d\d", b"*", text)
                files[os.path.relpath(os.path.join(base, name), directory)] = text
    return files


# ---------------------------------------------------------------------------------------------

CATALOGUE = ("indikator;frekvens;polaritet;aggregering;mål\n"
             "sick;month;lower_is_better;mean;5\nplaces;year;higher_is_better;sum;\n"
             "cost;quarter;lower_is_better;sum;1000\nwait;quarter;neutral;last;\n")
INDICATORS = ["sick", "places", "cost", "wait", "new_a", "new_b", "  sick ", "..", "x", "NA", ""]
UNITS = ["Nord", "Sør", "Heimetenesta Nord 0301", "0301 Oslo", "x", "", "NA", " Vest ", "Øst\u00a0", "total"]


def period(rng):
    y = rng.choice([2022, 2023, 2024])
    kind = rng.random()
    if kind < 0.45:
        m = rng.randint(1, 12)
        return rng.choice([f"{y}M{m:02d}", f"{y}-{m:02d}", f"15.{m:02d}.{y}", f"{y}-{m:02d}-28", f"{y}m{m}"])
    if kind < 0.8:
        q = rng.randint(1, 4)
        return rng.choice([f"{y}K{q}", f"{y}Q{q}", f"{y}-K{q}", f"{y} q{q}"])
    if kind < 0.95:
        return str(y)
    return rng.choice(["2024M13", "24K1", "abc", "..", "", "2024K5", " 2024K1 "])


def value(rng, mark):
    r = rng.random()
    if r < 0.06:
        return rng.choice(["..", "", ".", ":", "x", "NA", "na", "..."])
    if r < 0.1:
        return rng.choice(["abc", "1.23", "1,2,3", "12 34", "--1", "1e", "1e400"])
    v = rng.choice([rng.randint(0, 20), round(rng.uniform(-500, 5000), rng.choice([0, 1, 2]))])
    text = f"{v}".replace(".", "," if mark == "comma" else ".")
    if abs(v) >= 1000 and rng.random() < 0.5:
        whole, _, frac = text.partition("," if mark == "comma" else ".")
        sign = "-" if whole.startswith("-") else ""
        whole = whole.lstrip("-")
        sep = rng.choice([" ", "\u00a0", "." if mark == "comma" else ","])
        grouped = whole[:-3] + sep + whole[-3:]
        text = sign + grouped + (("," if mark == "comma" else ".") + frac if frac else "")
    if rng.random() < 0.05:
        text = rng.choice(["+", "\u2212"]) + text.lstrip("-")
    if rng.random() < 0.05:
        text += rng.choice(["%", " %"])
    return text


def quote(text, delimiter, rng):
    if delimiter in text or '"' in text or "\n" in text or rng.random() < 0.1:
        return '"' + text.replace('"', '""') + '"'
    return text


def long_csv(rng, rows, mark, delimiter):
    lines = [delimiter.join(["Indikator", "Eining", "Periode", "Verdi"])]
    previous = None
    for _ in range(rows):
        if previous and rng.random() < 0.15:
            fields = list(previous)          # duplicate key, maybe another value
            if rng.random() < 0.5:
                fields[3] = value(rng, mark)
        else:
            fields = [rng.choice(INDICATORS), rng.choice(UNITS), period(rng), value(rng, mark)]
        previous = fields
        if rng.random() < 0.03:
            fields = fields[:rng.randint(1, 3)] if rng.random() < 0.5 else fields + ["extra"]
        lines.append(delimiter.join(quote(f, delimiter, rng) for f in fields))
    return lines


def wide_csv(rng, rows, mark):
    periods = rng.sample(["2022", "2023", "2024", "2022K1", "2022K2", "2023K1", "2024M01", "2024M02"], 4)
    lines = ['"Tabell 1: test"', "", ";".join(['"region"', '"statistikkvariabel"'] + [f'"{p}"' for p in periods])]
    for _ in range(rows):
        cells = [value(rng, mark) for _ in periods]
        lines.append(";".join([f'"{rng.choice(UNITS)}"', f'"{rng.choice(INDICATORS)}"'] + cells))
    return lines


def xml_file(rng, rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<Rapport xmlns="urn:x">']
    for u in range(rows // 5 + 1):
        out.append(f'<Eining namn="{rng.choice(UNITS).strip()}">')
        for _ in range(5):
            p = period(rng).replace("&", "")
            out.append(f'<Rad periode="{p}" ind="{rng.choice(INDICATORS)}"><Verdi>{value(rng, "comma")}</Verdi></Rad>')
        out.append("</Eining>")
    out.append("</Rapport>")
    return out


def write(path, lines, encoding="utf-8", newline="\n"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write((newline.join(lines) + newline).encode(encoding, errors="replace"))


def make_case(directory, rng, case):
    mark = rng.choice(["comma", "point"])
    delimiter = ";" if mark == "comma" else rng.choice([",", "\t", "|"])
    encoding = rng.choice(["utf-8", "utf-8", "windows-1252"])
    newline = rng.choice(["\n", "\r\n"])
    on_error = "fail" if rng.random() < 0.1 else "skip"
    prefix = "[org_unit]" if rng.random() < 0.3 else "[]"
    constants = ""
    columns = "{ indicator: Indikator, org_unit: Eining, period: Periode, value: Verdi }"
    if rng.random() < 0.1:
        constants = f"constants: {{ org_unit: {rng.choice(['x', 'Fast', 'total'])} }}"
        columns = "{ indicator: Indikator, period: Periode, value: Verdi }"
    rows = rng.choice([5, 40, 300, 3000])
    write(os.path.join(directory, "data/indikatorar.csv"), CATALOGUE.strip().split("\n"))
    for n in range(rng.randint(1, 3)):
        write(os.path.join(directory, f"data/long/{n}.csv"), long_csv(rng, rows, mark, delimiter), encoding, newline)
    write(os.path.join(directory, "data/wide/w.csv"), wide_csv(rng, rows // 10 + 1, mark))
    write(os.path.join(directory, "data/xml/a.xml"), xml_file(rng, rows // 5 + 1))
    sep = "\\t" if delimiter == "\t" else delimiter
    pipeline = f"""name: case{case}
sources:
  - id: katalog
    kind: indicators
    path: data/indikatorar.csv
    decimal: comma
    columns: {{ indicator: indikator, frequency: frekvens, polarity: polaritet, aggregation: aggregering, target: mål }}
  - id: lang
    kind: measurements
    path: data/long/*.csv
    delimiter: "{sep}"
    decimal: {mark}
    encoding: {encoding}
    on_error: {on_error}
    code_prefix: {prefix}
    columns: {columns}
    {constants}
  - id: brei
    kind: measurements
    path: data/wide/*.csv
    header_row: 3
    layout: wide
    decimal: {mark}
    code_prefix: [org_unit]
    columns: {{ indicator: statistikkvariabel, org_unit: region }}
  - id: xml
    kind: measurements
    format: xml
    path: data/xml/*.xml
    record: Rad
    decimal: comma
    fields: {{ org_unit: "ancestor::Eining/@namn", period: "@periode", value: Verdi, indicator: "@ind" }}
"""
    with open(os.path.join(directory, "case.yml"), "w", encoding="utf-8") as f:
        f.write(pipeline)
    return mark, delimiter, encoding, newline, rows


def mutate(directory, rng, mark, delimiter, encoding, newline, rows):
    """A second delivery: one file changed (history), one new, and a catalogue whose frequencies
    changed (stored values coarser than the new frequency become trend findings)."""
    if rng.random() < 0.5:
        changed = CATALOGUE.replace("places;year", "places;quarter").replace("cost;quarter", "cost;month")
        write(os.path.join(directory, "data/indikatorar.csv"), changed.strip().split("\n"))
    write(os.path.join(directory, "data/long/0.csv"), long_csv(rng, rows, mark, delimiter), encoding, newline)
    write(os.path.join(directory, "data/long/9.csv"), long_csv(rng, rows // 2 + 1, mark, delimiter), encoding, newline)


def run(binary, directory, args):
    result = subprocess.run([binary] + args, cwd=directory, capture_output=True, text=True)
    return result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("baseline")
    parser.add_argument("candidate")
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="keep the case folders here")
    parser.add_argument("--v3-periods", action="store_true",
                        help="compare TEXT period columns of a pre-v3 warehouse as v3's integer codes")
    args = parser.parse_args()
    baseline, candidate = os.path.abspath(args.baseline), os.path.abspath(args.candidate)
    workdir = args.keep or tempfile.mkdtemp(prefix="gevinst-differential-")
    failures = 0
    for case in range(args.cases):
        rng = random.Random(args.seed * 100_003 + case)
        template = os.path.join(workdir, f"case{case}")
        shutil.rmtree(template, ignore_errors=True)
        os.makedirs(template)
        params = make_case(template, rng, case)
        with open(os.path.join(template, ".params"), "w") as f:
            f.write("\x00".join(map(str, params)))
        state = rng.random()
        results = []
        for binary in (baseline, candidate):
            run_dir = os.path.join(workdir, f"case{case}-{'base' if binary == baseline else 'cand'}")
            shutil.rmtree(run_dir, ignore_errors=True)
            results.append(outcome_in(binary, template, state, run_dir, params, args.v3_periods))
        (codes_a, db_a, reports_a), (codes_b, db_b, reports_b) = results
        problems = []
        if codes_a != codes_b:
            problems.append(f"exit codes {codes_a} vs {codes_b}")
        for table in sorted(set(db_a) | set(db_b)):
            if table == MIGRATIONS or (table in BOOKKEEPING and (table not in db_a or table not in db_b)):
                continue
            if db_a.get(table) != db_b.get(table):
                a, b = db_a.get(table, ([], []))[1], db_b.get(table, ([], []))[1]
                first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                problems.append(f"table {table}: {len(a)} vs {len(b)} rows; first difference at {first}: "
                                f"{a[first] if first < len(a) else None} vs {b[first] if first < len(b) else None}")
        for name in sorted(set(reports_a) | set(reports_b)):
            if reports_a.get(name) != reports_b.get(name):
                problems.append(f"report file {name} differs")
        counts = db_a.get("files", ([], []))[1]
        summary = f"case {case}: exit {codes_a}, {len(db_a.get('measurements', ([], []))[1])} measurements, " \
                  f"{len(db_a.get('rejects', ([], []))[1])} rejects, {len(db_a.get('measurement_history', ([], []))[1])} history, {len(counts)} files"
        if problems:
            failures += 1
            print(f"FAIL {summary}")
            for p in problems[:10]:
                print("   ", p)
        else:
            print(f"ok   {summary}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{args.cases - failures} of {args.cases} cases identical")
    sys.exit(1 if failures else 0)


def outcome_in(binary, template, state, directory, params, v3_periods):
    shutil.copytree(template, directory)
    codes = [run(binary, directory, ["import", "case.yml", "--quiet"])]
    mutate(directory, random.Random(state), *params)
    codes.append(run(binary, directory, ["import", "case.yml", "--quiet"]))
    codes.append(run(binary, directory, ["run", "case.yml", "--quiet", "--as-of", "2024K4"]))
    warehouse = os.path.join(directory, "data", next(n for n in os.listdir(os.path.join(directory, "data")) if n.endswith(".sqlite")))
    reports = os.path.join(directory, "reports")
    return codes, dump(warehouse, v3_periods), report_files(reports) if os.path.isdir(reports) else {}


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates the benchmark inputs of gevinst: large, realistic, deterministic from a seed.

    python3 benchmarks/generate.py [--out benchmarks/out] [--seed 2025] [--only NAME ...] [--tiny]

Writes into OUT/data (inputs) and OUT/pipelines (one pipeline file per workload). Nothing here is
committed: benchmarks/out/ is in .gitignore. Python 3 standard library only. The same seed always
gives the same bytes (tested by `--check`, which prints a digest of every file).

Inputs (sizes at scale 1, the figures of the performance issue):

| name            | what                                                                      |
| ---             | ---                                                                       |
| long-{s,m,l}    | long CSV in the Norwegian dialect (`;`, decimal comma, `1 234,5`, `..`),  |
|                 | 200 indicators × org units × 40 quarters: 250 000 / 1 M / 4 M rows        |
| wide            | SSB statbank-style wide CSV: BOM, title line, quoted `"0301 Oslo"` codes, |
|                 | 40 quarter columns, `..` and `:` missing: 100 000 rows × 40 = 4 M values  |
| xml-{s,m,l}     | generic XML export (HR absence, ISO-8859-1-free UTF-8, nested units):     |
|                 | 12.5 / 50 / 200 MB                                                        |
| xml-long-l      | long-l's 4 M measurements (same seed, same values) as generic XML,        |
|                 | indicator > unit > quarter (~320 MB): `run` on it against `run` on long-l |
| saft-{s,m,l}    | SAF-T Financial v1.30 ledger: 312 500 / 1.25 M / 5 M lines                |
| kostra          | KOSTRA accounting files (48-character records, ISO-8859-1): a year of     |
|                 | quarterly year-to-date 0A files (2024K1–K4) for 357 municipalities,       |
|                 | 7 000 records each: 357 × 4 files, 9 996 000 records, in data/kostra/     |
| cube-{v,d}      | JSON-stat 2.0 as Statistics Norway's API answers its largest extract:     |
|                 | 500 regions × 40 contents × 40 quarters = 800 000 cells (~5 MB), 2 % null |
|                 | with a status symbol; `cube-v` has `value` before `dimension`, `cube-d`   |
|                 | after it (a streaming reader must hold neither)                           |
| registers       | indicator catalogue, 10 000 initiatives, plans for 4 gain types × 40      |
|                 | quarters (odd initiatives quarterly, even yearly), budget gains reported  |
|                 | every quarter, 2 links each to 20 000 series of long-l (every 100th links |
|                 | its neighbour's series too: double counting)                              |
| budget          | the budget cycle for the same 10 000 initiatives: the register again with |
|                 | phase, gain owner and dates, a B+Ø plan over 4 years × 20 areas, 13 000   |
|                 | quarterly comments, 4 000 finance forecasts (pipeline `budget`: the       |
|                 | registers of `municipality` with these, and long-l, in a warehouse of its |
|                 | own, so that gains run with and without them)                             |

`--tiny` writes the same shapes at about 1/1000 of the size with 20 indicators instead of 200 (the
regression guard's workload, `benchmarks/guard`).
"""

import argparse
import hashlib
import json
import os
import random
import sys

# ---------------------------------------------------------------------------------------------
# Shared vocabulary

INDICATOR_STEMS = ["sjukefr", "vedtakst", "porto", "faktman", "byggsak", "vikarb", "overtid", "kostnad",
                   "brukarti", "ventetid"]
AREAS = ["Nord", "Sør", "Aust", "Vest", "Sentrum", "Øvre", "Nedre", "Fjord", "Dal", "Strand"]
FIRST_YEAR = 2015
QUARTERS = 40          # 2015K1 … 2024K4
INDICATORS = 200
LINKED_INDICATORS = 40  # 40 × 500 = 20 000 linked series in long-l


def indicator_name(i):
    return f"{INDICATOR_STEMS[i % len(INDICATOR_STEMS)]}_{i:03d}"


def org_unit_name(j):
    return f"{AREAS[j % len(AREAS)]} {j:03d}"


def quarter(k):
    return f"{FIRST_YEAR + k // 4}K{k % 4 + 1}"


def comma_number(value, decimals=1, group=False):
    """A number as Norwegian exports write it: decimal comma, optionally a space between thousands."""
    text = f"{value:.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = ""
    if whole.startswith("-"):
        sign, whole = "-", whole[1:]
    if group and len(whole) > 3:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = " ".join(groups)
    return sign + whole + ("," + fraction if fraction else "")


class Sink:
    """Buffered text output in UTF-8 (or another encoding) with a byte count."""

    def __init__(self, path, encoding="utf-8"):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.file = open(path, "wb")
        self.encoding = encoding
        self.parts = []
        self.pending = 0
        self.size = 0

    def write(self, text):
        self.parts.append(text)
        self.pending += len(text)
        if self.pending > 1 << 20:
            self.flush()

    def flush(self):
        data = "".join(self.parts).encode(self.encoding)
        self.file.write(data)
        self.size += len(data)
        self.parts = []
        self.pending = 0

    def close(self):
        self.flush()
        self.file.close()
        return self.size


# ---------------------------------------------------------------------------------------------
# Long CSV: Indikator;Eining;Periode;Verdi

def long_series(rows, seed):
    """Yields (indicator, org unit, 40 value texts): 200 indicators × (rows / 8000) org units, in
    export order (indicator, unit); values in the Norwegian dialect, 0.5 % `..` (missing)."""
    rng = random.Random(seed)
    units = rows // (INDICATORS * QUARTERS)
    for i in range(INDICATORS):
        name = indicator_name(i)
        scale = [1.0, 10.0, 100.0, 1000.0][i % 4]
        for j in range(units):
            level = scale * (5 + rng.random() * 20)
            slope = rng.uniform(-0.02, 0.02) * level
            values = []
            for k in range(QUARTERS):
                if rng.random() < 0.005:
                    values.append("..")
                else:
                    v = level + slope * k + rng.gauss(0, level * 0.05) + level * 0.1 * ((k % 4) - 1.5) / 1.5
                    values.append(comma_number(v, 1, group=v >= 1000 and rng.random() < 0.5))
            yield name, org_unit_name(j), values


def long_csv(path, rows, seed):
    """`rows` measurements (`long_series`) as a long CSV: Indikator;Eining;Periode;Verdi."""
    out = Sink(path)
    out.write("Indikator;Eining;Periode;Verdi\n")
    quarters = [quarter(k) for k in range(QUARTERS)]
    count = 0
    for name, unit, values in long_series(rows, seed):
        prefix = f"{name};{unit};"
        for k, value in enumerate(values):
            out.write(prefix + quarters[k] + ";" + value + "\n")
        count += len(values)
    return out.close(), count


def long_xml(path, rows, seed):
    """The same measurements as `long_csv` with the same seed, as a generic XML export:
    `<Indikator kode>` holding `<Eining namn>` holding one `<Maaling periode>` with a `<Verdi>`
    child per quarter (`..` for missing, as in the CSV)."""
    out = Sink(path)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<!-- Uttrekk frå styringsdatasystemet: nøkkeltal per eining og kvartal -->\n'
              '<Maalingar kommunenummer="9001" system="Styringsdata 3.2" generert="2025-10-06T06:15:00">\n')
    quarters = [quarter(k) for k in range(QUARTERS)]
    count = 0
    indicator = None
    for name, unit, values in long_series(rows, seed):
        if name != indicator:
            if indicator is not None:
                out.write('  </Indikator>\n')
            out.write(f'  <Indikator kode="{name}">\n')
            indicator = name
        out.write(f'    <Eining namn="{unit}">\n')
        for k, value in enumerate(values):
            out.write(f'      <Maaling periode="{quarters[k]}">\n        <Verdi>{value}</Verdi>\n      </Maaling>\n')
        out.write('    </Eining>\n')
        count += len(values)
    if indicator is not None:
        out.write('  </Indikator>\n')
    out.write('</Maalingar>\n')
    return out.close(), count


# ---------------------------------------------------------------------------------------------
# A night's delivery: one new quarter for every 10th series of a long CSV

def new_quarter_csv(path, rows, seed):
    """The quarter after the last of a long CSV of `rows` rows (2025K1), for every 10th of its
    series, in the same dialect and export order: the night the incremental stages are timed on."""
    rng = random.Random(seed)
    units = rows // (INDICATORS * QUARTERS)
    out = Sink(path)
    out.write("Indikator;Eining;Periode;Verdi\n")
    count = 0
    for i in range(INDICATORS):
        scale = [1.0, 10.0, 100.0, 1000.0][i % 4]
        for j in range(units):
            if (i * units + j) % 10:
                continue
            value = scale * (5 + rng.random() * 20)
            out.write(f"{indicator_name(i)};{org_unit_name(j)};{quarter(QUARTERS)};{comma_number(value, 1)}\n")
            count += 1
    return out.close(), count


def night_pipelines(p):
    """`night`: the catalogue and every CSV in data/night/ (where benchmarks/run links long-l.csv,
    and the new quarter for the night), its own warehouse and reports; `night-fresh` the same
    pipeline with another warehouse and report folder, to check a night against a fresh run."""
    pipeline(p, "night", register_sources() + """
  - id: maalingar
    kind: measurements
    path: data/night/*.csv
    delimiter: ";"
    decimal: comma
    missing: ["..", ""]
    columns: { indicator: Indikator, org_unit: Eining, period: Periode, value: Verdi }
""")
    # The same pipeline (its name shows in the reports), another warehouse and report folder.
    with open(os.path.join(p, "night.yml"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(p, "night-fresh.yml"), "w", encoding="utf-8") as f:
        f.write(text.replace("warehouses/night.sqlite", "warehouses/night-fresh.sqlite").replace("reports/night", "reports/night-fresh"))


# ---------------------------------------------------------------------------------------------
# SSB statbank wide CSV

def wide_csv(path, rows, seed):
    """SSB statbank export: BOM, a title line and an empty line above the header (header_row: 3),
    quoted region and variable, 40 quarter columns; values whole numbers or decimal comma, `..`
    missing and `:` confidential."""
    rng = random.Random(seed)
    regions = rows // INDICATORS
    out = Sink(path)
    out.write("\ufeff\"12345: Utvalde nøkkeltal for kommunane, etter region, statistikkvariabel og kvartal (K) "
              f"{quarter(0)} - {quarter(QUARTERS - 1)}\"\n\n")
    out.write("\"region\";\"statistikkvariabel\";" + ";".join(f"\"{quarter(k)}\"" for k in range(QUARTERS)) + "\n")
    for r in range(regions):
        region = f"\"{3000 + r:04d} Kommune {AREAS[r % len(AREAS)]}\""
        for i in range(INDICATORS):
            level = [50.0, 800.0, 12000.0, 250000.0][i % 4] * (0.5 + rng.random())
            cells = []
            for k in range(QUARTERS):
                x = rng.random()
                if x < 0.01:
                    cells.append("..")
                elif x < 0.012:
                    cells.append(":")
                elif level > 1000:
                    cells.append(str(int(level * (1 + 0.004 * k) + rng.gauss(0, level * 0.03))))
                else:
                    cells.append(comma_number(level * (1 + 0.004 * k) + rng.gauss(0, level * 0.03), 1))
            out.write(f"{region};\"nokkeltal_{i:03d}\";" + ";".join(cells) + "\n")
    return out.close(), regions * INDICATORS * QUARTERS


# ---------------------------------------------------------------------------------------------
# Generic XML (HR absence per unit and month)

XML_RECORD_BYTES = 200   # about, with indentation


def generic_xml(path, target_bytes, seed):
    """An HR system's export: `<Eining kode namn>` elements holding `<Fravaer periode>` records
    with `<Prosent>` (decimal comma) and two more children; 120 months per unit."""
    rng = random.Random(seed)
    months = [f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}" for m in range(120)]
    out = Sink(path)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<!-- Uttrekk frå personalsystemet: sjukefråvær per eining og månad -->\n'
              '<Fravaersrapport xmlns="urn:example:hr" kommunenummer="4699" system="Personal HR 11.4" '
              'generert="2025-10-06T06:15:00">\n')
    records = 0
    unit = 0
    while out.size + out.pending < target_bytes:
        out.write(f'  <Eining kode="E{unit:05d}" namn="Eining {AREAS[unit % len(AREAS)]} {unit:05d}">\n')
        base = 4 + rng.random() * 8
        for month in months:
            possible = 20 * (40 + rng.randrange(200))
            percent = max(0.0, base + rng.gauss(0, 1.5))
            days = possible * percent / 100
            out.write(f'    <Fravaer periode="{month}">\n'
                      f'      <Prosent>{comma_number(percent, 1)}</Prosent>\n'
                      f'      <Fravaersdagsverk>{comma_number(days, 1)}</Fravaersdagsverk>\n'
                      f'      <MoglegeDagsverk>{comma_number(possible, 1)}</MoglegeDagsverk>\n'
                      '    </Fravaer>\n')
            records += 1
        out.write('  </Eining>\n')
        unit += 1
    out.write('</Fravaersrapport>\n')
    return out.close(), records


# ---------------------------------------------------------------------------------------------
# SAF-T Financial ledger

SAFT_EXPENSE_ACCOUNTS = [("5100", "Løn til vikarar"), ("5150", "Innleigde vikarar"), ("6700", "Revisjon"),
                         ("6720", "Konsulentar, IKT"), ("6790", "Andre framande tenester"),
                         ("6800", "Kontorrekvisita"), ("6900", "Telefon"), ("7100", "Bilgodtgjersle"),
                         ("6300", "Leige lokale"), ("6340", "Lys og varme")]
SAFT_DEPARTMENTS = [f"D{d:02d}" for d in range(40)]


def saft_transactions(rng, lines):
    """Yields (month, [(account, debit_øre, credit_øre, department or None)]) until `lines` lines:
    an expense (or a few) against the bank account, balanced."""
    produced = 0
    number = 0
    while produced < lines:
        month = number * 12 // max(1, lines // 2)   # spread over the year in file order
        month = min(month, 11) + 1
        count = 1 if rng.random() < 0.8 else rng.randrange(2, 4)
        body = []
        total = 0
        for _ in range(count):
            account = SAFT_EXPENSE_ACCOUNTS[rng.randrange(len(SAFT_EXPENSE_ACCOUNTS))][0]
            amount = rng.randrange(100, 20_000_000)
            department = None if rng.random() < 0.02 else SAFT_DEPARTMENTS[rng.randrange(len(SAFT_DEPARTMENTS))]
            body.append((account, amount, 0, department))
            total += amount
        if rng.random() < 0.05:   # a credit note now and then
            body = [(a, 0, d, dep) for a, d, _, dep in body]
            body.append(("1920", total, 0, None))
        else:
            body.append(("1920", 0, total, None))
        produced += len(body)
        number += 1
        yield month, body


def ore(amount):
    return f"{amount // 100}.{amount % 100:02d}"


def saft_xml(path, lines, seed):
    """A Norwegian SAF-T Financial 1.30 file with pretty-printed GeneralLedgerEntries whose header
    totals match the lines (a first pass sums them from the same random sequence)."""
    entries = debit = credit = 0
    for _, body in saft_transactions(random.Random(seed), lines):
        entries += 1
        debit += sum(b[1] for b in body)
        credit += sum(b[2] for b in body)
    out = Sink(path)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<AuditFile xmlns="urn:StandardAuditFile-Taxation-Financial:NO" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
              '  <Header>\n    <AuditFileVersion>1.30</AuditFileVersion>\n    <AuditFileCountry>NO</AuditFileCountry>\n'
              '    <AuditFileDateCreated>2025-01-20</AuditFileDateCreated>\n'
              '    <SoftwareCompanyName>Kommunesystem AS</SoftwareCompanyName>\n'
              '    <SoftwareID>Kommuneøkonomi ERP</SoftwareID>\n    <SoftwareVersion>24.2</SoftwareVersion>\n'
              '    <Company>\n      <RegistrationNumber>946000000</RegistrationNumber>\n'
              '      <Name>Havbrekk kommune</Name>\n    </Company>\n'
              '    <DefaultCurrencyCode>NOK</DefaultCurrencyCode>\n'
              '    <SelectionCriteria>\n      <PeriodStart>1</PeriodStart>\n      <PeriodStartYear>2024</PeriodStartYear>\n'
              '      <PeriodEnd>12</PeriodEnd>\n      <PeriodEndYear>2024</PeriodEndYear>\n    </SelectionCriteria>\n'
              '    <TaxAccountingBasis>A</TaxAccountingBasis>\n  </Header>\n'
              '  <MasterFiles>\n    <GeneralLedgerAccounts>\n')
    for account, description in SAFT_EXPENSE_ACCOUNTS + [("1920", "Bankinnskot")]:
        out.write(f'      <Account>\n        <AccountID>{account}</AccountID>\n'
                  f'        <AccountDescription>{description}</AccountDescription>\n'
                  '        <AccountType>GL</AccountType>\n      </Account>\n')
    out.write('    </GeneralLedgerAccounts>\n  </MasterFiles>\n  <GeneralLedgerEntries>\n'
              f'    <NumberOfEntries>{entries}</NumberOfEntries>\n'
              f'    <TotalDebit>{ore(debit)}</TotalDebit>\n    <TotalCredit>{ore(credit)}</TotalCredit>\n'
              '    <Journal>\n      <JournalID>LF</JournalID>\n      <Description>Inngåande fakturaer</Description>\n'
              '      <Type>LF</Type>\n')
    written = 0
    for number, (month, body) in enumerate(saft_transactions(random.Random(seed), lines), start=1):
        date = f"2024-{month:02d}-{number % 28 + 1:02d}"
        out.write(f'      <Transaction>\n        <TransactionID>LF-2024-{number:07d}</TransactionID>\n'
                  f'        <Period>{month}</Period>\n        <PeriodYear>2024</PeriodYear>\n'
                  f'        <TransactionDate>{date}</TransactionDate>\n'
                  f'        <Description>Inngåande faktura {number}</Description>\n'
                  f'        <SystemEntryDate>{date}</SystemEntryDate>\n        <GLPostingDate>{date}</GLPostingDate>\n')
        for record, (account, d, c, department) in enumerate(body, start=1):
            analysis = ""
            if department:
                analysis = ('          <Analysis>\n            <AnalysisType>A</AnalysisType>\n'
                            f'            <AnalysisID>{department}</AnalysisID>\n          </Analysis>\n')
            amount = (f'          <DebitAmount><Amount>{ore(d)}</Amount></DebitAmount>\n' if d else
                      f'          <CreditAmount><Amount>{ore(c)}</Amount></CreditAmount>\n')
            out.write(f'        <Line>\n          <RecordID>{record}</RecordID>\n          <AccountID>{account}</AccountID>\n'
                      + analysis + amount + '        </Line>\n')
            written += 1
        out.write('      </Transaction>\n')
    out.write('    </Journal>\n  </GeneralLedgerEntries>\n</AuditFile>\n')
    return out.close(), written


# ---------------------------------------------------------------------------------------------
# KOSTRA accounting files: skjema 1-2, year 3-6, quarter 7, region 8-13, orgnr 14-22, foretaksnr
# 23-31, kontoklasse 32, funksjon 33-36, art 37-39, amount 40-48 (whole 1 000 NOK)

KOSTRA_COUNTIES = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"]
KOSTRA_FUNCTIONS = [100, 110, 120, 121, 130, 170, 171, 172, 173, 180, 201, 202, 211, 213, 215, 221, 222, 223,
                    231, 232, 233, 234, 241, 242, 243, 244, 251, 252, 253, 254, 256, 261, 265, 273, 275, 276,
                    281, 283, 285, 301, 302, 303, 315, 320, 321, 325, 329, 330, 332, 335, 338, 339, 340, 345,
                    350, 353, 354, 355, 360, 365, 370, 373, 375, 377, 380, 381, 383, 385, 386, 390, 392, 393,
                    800, 840, 850]
KOSTRA_EXPENSES = [10, 20, 30, 40, 50, 75, 80, 89, 90, 99, 100, 105, 110, 114, 115, 120, 130, 140, 150, 160,
                   165, 170, 180, 181, 182, 184, 185, 190, 195, 200, 209, 210, 220, 230, 240, 250, 260, 270,
                   280, 285, 300, 330, 350, 370, 375, 400, 429, 430, 450, 470, 500, 510, 520, 530, 540, 550,
                   570, 589, 590]
KOSTRA_INCOME = [600, 620, 629, 630, 640, 650, 660, 670, 700, 710, 729, 730, 750, 770, 800, 810, 830, 840,
                 850, 870, 874, 875, 877, 880, 890, 895, 900, 905, 909, 910, 920, 929, 940, 950, 970, 980, 990]


def kostra_regions(count):
    """`count` distinct six-digit municipality regions (`KKKK00`), spread over the counties."""
    regions, n = [], 0
    while len(regions) < count:
        county = KOSTRA_COUNTIES[n % len(KOSTRA_COUNTIES)]
        regions.append(f"{county}{1 + n // len(KOSTRA_COUNTIES):02d}00")
        n += 1
    return regions


def kostra(directory, municipalities, records_per_file, seed):
    """A year of quarterly 0A files per municipality: each holds the year to date (K1 a quarter of
    the year, K4 all of it) for the same `records_per_file` accounts: drift (kontoklasse 1) and
    about a tenth investering (0), expenses positive and income negative. 1 % of the lines are 0,
    and 0.1 % repeat an earlier account (Statistics Norway sums them)."""
    rng = random.Random(seed)
    directory = os.path.join(directory, "kostra")
    total_bytes = total_records = 0
    for region in kostra_regions(municipalities):
        accounts, seen = [], set()
        while len(accounts) < records_per_file:
            kontoklasse = "0" if rng.random() < 0.1 else "1"
            income = rng.random() < 0.3
            art = rng.choice(KOSTRA_INCOME if income else KOSTRA_EXPENSES)
            key = (kontoklasse, rng.choice(KOSTRA_FUNCTIONS), art)
            if key in seen and rng.random() >= 0.001:
                continue
            seen.add(key)
            year = 0 if rng.random() < 0.01 else int(rng.lognormvariate(6, 1.6)) + 1
            accounts.append((kontoklasse, key[1], art, -year if income else year))
        for q in range(1, 5):
            out = Sink(os.path.join(directory, f"0A_2024_K{q}_R{region}.dat"), encoding="latin-1")
            prefix = f"0A2024{q}{region}" + " " * 18
            for kontoklasse, function, art, year in accounts:
                share = year * q // 4 if year >= 0 else -(-year * q // 4)
                out.write(f"{prefix}{kontoklasse}{function:03d} {art:03d}{share:9d}\n")
            total_bytes += out.close()
            total_records += len(accounts)
    return total_bytes, total_records


# ---------------------------------------------------------------------------------------------
# Registers

GAIN_TYPES = ["budsjett", "effektivisering", "kvalitet", "tid"]
STATUSES = ["pågår", "planlagt", "fullført", "avbrote"]


def jsonstat(path, regions, contents, quarters, seed, value_first):
    """A JSON-stat 2.0 dataset shaped like SSB's API answer (region × ContentsCode × Tid, roles,
    units, `updated`), values with one decimal and 2 % null with the status symbol "..";
    returns (bytes, cells)."""
    rng = random.Random(seed)
    region_codes = [f"K-{r[:4]}" for r in kostra_regions(regions)]
    content_codes = [f"KOSTRA{c:03d}" for c in range(contents)]
    periods = [quarter(k) for k in range(quarters)]
    cells = len(region_codes) * len(content_codes) * len(periods)

    def category(codes, labels):
        index = ",".join(f'"{c}":{i}' for i, c in enumerate(codes))
        label = ",".join(f'"{c}":{json.dumps(l, ensure_ascii=False)}' for c, l in zip(codes, labels))
        return f'{{"index":{{{index}}},"label":{{{label}}}}}'

    dimension = ('"dimension":{'
                 f'"KOKkommuneregion0000":{{"label":"region","category":{category(region_codes, [f"Kommune {c[2:]}" for c in region_codes])}}},'
                 f'"ContentsCode":{{"label":"statistikkvariabel","category":{category(content_codes, [f"Nøkkeltal {c[6:]}" for c in content_codes])[:-1]},'
                 '"unit":{' + ",".join(f'"{c}":{{"base":"kr","decimals":1}}' for c in content_codes) + '}}},'
                 f'"Tid":{{"label":"kvartal","category":{category(periods, periods)}}}}}')
    out = Sink(path)
    head = ('{"version":"2.0","class":"dataset","label":"Nøkkeltal for kommunane","source":"Statistisk sentralbyrå",'
            '"updated":"2025-06-13T06:00:00Z","id":["KOKkommuneregion0000","ContentsCode","Tid"],'
            f'"size":[{len(region_codes)},{len(content_codes)},{len(periods)}],'
            '"role":{"time":["Tid"],"metric":["ContentsCode"],"geo":["KOKkommuneregion0000"]},')
    out.write(head)
    status = []

    def values():
        out.write('"value":[')
        for i in range(cells):
            if i:
                out.write(",")
            if rng.random() < 0.02:
                out.write("null")
                status.append(i)
            else:
                out.write(f"{rng.lognormvariate(5, 1.2):.1f}")
        out.write("]")

    if value_first:
        values()
        out.write("," + dimension)
    else:
        out.write(dimension + ",")
        values()
    out.write(',"status":{' + ",".join(f'"{i}":".."' for i in status) + "}}")
    return out.close(), cells


INITIATIVE_HEADER = "tiltak;tittel;ansvarleg;område;status;frist;skildring"


def initiative_row(t):
    """Initiative `t` as `tiltak.csv` has it (`INITIATIVE_HEADER`), without the line end."""
    deadline = f"{2025 + t % 4}-12-31" if t % 2 else f"31.12.{2025 + t % 4}"
    return (f"T{t:05d};Tiltak {t}: {['Velferdsteknologi', 'Digital post', 'Innkjøp', 'Nærvær', 'Energi'][t % 5]}"
            f" i {AREAS[t % len(AREAS)]};Kommunalsjef {t % 12};Område {t % 20:02d};{STATUSES[t % 4]};{deadline};"
            f"\"Skildring av tiltak {t}; gevinst målt kvartalsvis.\"")


def registers(directory, initiatives, units, seed):
    """Catalogue, initiatives, plans, reported gains and links, in the example's Norwegian style.
    `units` is the number of org units of the long CSV the links point into."""
    rng = random.Random(seed)
    sizes = {}

    out = Sink(os.path.join(directory, "indikatorar.csv"))
    out.write("indikator;namn;eining;polaritet;aggregering;frekvens;mål\n")
    for i in range(INDICATORS):
        polarity = ["lower_is_better", "higher_is_better", "lower_is_better", "neutral"][i % 4] \
            if i >= LINKED_INDICATORS else ["lower_is_better", "higher_is_better"][i % 2]
        target = comma_number(rng.uniform(5, 25) * [1, 10, 100, 1000][i % 4], 1) if i % 3 == 0 else ""
        out.write(f"{indicator_name(i)};Indikator {i} for {AREAS[i % len(AREAS)].lower()}området;"
                  f"{['prosent', 'timar', 'kr', 'dagar'][i % 4]};{polarity};mean;quarter;{target}\n")
    sizes["indikatorar.csv"] = (out.close(), INDICATORS)

    out = Sink(os.path.join(directory, "tiltak.csv"))
    out.write(INITIATIVE_HEADER + "\n")
    for t in range(1, initiatives + 1):
        out.write(initiative_row(t) + "\n")
    sizes["tiltak.csv"] = (out.close(), initiatives)

    out = Sink(os.path.join(directory, "gevinstplan.csv"))
    out.write("tiltak;gevinsttype;periode;beløp\n")
    plan_rows = 0
    for t in range(1, initiatives + 1):
        for g in GAIN_TYPES:
            if t % 2:
                for k in range(QUARTERS):
                    out.write(f"T{t:05d};{g};{quarter(k)};{comma_number(1000 + (t * 37 + k * 11) % 500 + rng.random(), 2, True)}\n")
                    plan_rows += 1
            else:
                for y in range(QUARTERS // 4):
                    out.write(f"T{t:05d};{g};{FIRST_YEAR + y};{comma_number(4000 + (t * 37 + y * 11) % 2000, 2, True)}\n")
                    plan_rows += 1
    sizes["gevinstplan.csv"] = (out.close(), plan_rows)

    out = Sink(os.path.join(directory, "gevinstar-rapportert.csv"))
    out.write("tiltak;gevinsttype;kvartal;beløp\n")
    reported = 0
    for t in range(1, initiatives + 1):
        for k in range(QUARTERS):
            out.write(f"T{t:05d};budsjett;{quarter(k)};{comma_number(900 + (t * 31 + k * 7) % 300, 2, True)}\n")
            reported += 1
    sizes["gevinstar-rapportert.csv"] = (out.close(), reported)

    # Two links per initiative into 20 000 distinct series (indicator × unit of the linked
    # indicators), plus every 100th initiative claiming its neighbour's first series.
    out = Sink(os.path.join(directory, "gevinstkoplingar.csv"))
    out.write("tiltak;indikator;eining;gevinsttype;baseline;faktor;start\n")
    linked = LINKED_INDICATORS * units

    def series(n):
        n %= linked
        return indicator_name(n // units), org_unit_name(n % units)

    links = 0
    for t in range(1, initiatives + 1):
        first, second = series(2 * (t - 1)), series(2 * (t - 1) + 1)
        out.write(f"T{t:05d};{first[0]};{first[1]};effektivisering;{comma_number(10, 1)};640;\n")
        out.write(f"T{t:05d};{second[0]};{second[1]};tid;{comma_number(12, 1)};1;{quarter(8)}\n")
        links += 2
        if t % 100 == 0 and t < initiatives:
            neighbour = series(2 * t)
            out.write(f"T{t:05d};{neighbour[0]};{neighbour[1]};effektivisering;{comma_number(10, 1)};640;\n")
            links += 1
    sizes["gevinstkoplingar.csv"] = (out.close(), links)
    return sizes


# The budget cycle: a plan over the last three years of the plans and the year after as_of (the
# 40th quarter), so that the balance, the K4 checks of next year and the life cycle all have work.
PLAN_YEARS = range(FIRST_YEAR + QUARTERS // 4 - 3, FIRST_YEAR + QUARTERS // 4 + 1)
PHASES = ["identifisere", "planlegge", "gjennomføre", "overført", "realisere", "avslutta"]


def budget_registers(directory, initiatives, seed):
    """The budget cycle's registers for the initiatives of `registers`: the same register with
    phase, gain owner and dates (`tiltak-fasar.csv`), the savings requirement of a B+Ø plan over
    4 years × 20 areas and the part not put on an area (`budsjettkrav.csv`), the quarterly
    comments of every third initiative over the last year (`kommentarar.csv`, some after as_of,
    some for initiatives the register lacks) and finance's forecasts for every fifth
    (`prognosar.csv`). Some phases lag their plans and some gain owners are missing: findings."""
    rng = random.Random(seed)
    sizes = {}
    last = QUARTERS - 1   # as_of: the last quarter with data

    out = Sink(os.path.join(directory, "tiltak-fasar.csv"))
    out.write(INITIATIVE_HEADER + ";fase;gevinsteigar;nullpunkt;overlevering\n")
    for t in range(1, initiatives + 1):
        phase = PHASES[t * 7 % len(PHASES)]
        owner = "" if t % 9 == 0 else f"Leiar {AREAS[t % len(AREAS)]} {t % 40:02d}"
        year = FIRST_YEAR + t % (QUARTERS // 4)
        baseline = f"{year}-01-31" if t % 2 else f"31.01.{year}"
        handover = f"30.06.{year + 1}" if phase in ("overført", "realisere", "avslutta") else ""
        out.write(f"{initiative_row(t)};{phase};{owner};{baseline};{handover}\n")
    sizes["tiltak-fasar.csv"] = (out.close(), initiatives)

    out = Sink(os.path.join(directory, "budsjettkrav.csv"))
    out.write("plan;år;område;krav;sak\n")
    plan = f"B+Ø {PLAN_YEARS[0]}–{PLAN_YEARS[-1]}"
    targets = 0
    # About what the area's initiatives plan (500 initiatives × ~5 000 a year): some areas balance.
    per_area = initiatives * 5_000 // 20
    for year in PLAN_YEARS:
        for area in [f"Område {a:02d}" for a in range(20)] + [""]:
            amount = per_area * rng.uniform(0.8, 1.2) if area else per_area * 0.5
            out.write(f"{plan};{year};{area};{comma_number(amount, 2, True)};PS {88 + year % 10}/{(year - 1) % 100:02d}\n")
            targets += 1
    sizes["budsjettkrav.csv"] = (out.close(), targets)

    out = Sink(os.path.join(directory, "kommentarar.csv"))
    out.write("tiltak;kvartal;gevinsttype;kommentar;forfattar\n")
    comments = 0
    unknown = max(1, initiatives // 1000)
    for t in list(range(3, initiatives + 1, 3)) + list(range(initiatives + 1, initiatives + 1 + unknown)):
        quarters = range(last - 3, last + 1) if t % 250 else range(last - 3, last + 2)   # one after as_of
        for k in quarters:
            gain_type = "budsjett" if k % 2 else ""
            text = (f"\"Avvik i {quarter(k)}; tiltak {t} er forseinka, ny plan i neste kvartal.\"" if rng.random() < 0.3
                    else f"Kvartalsrapport {quarter(k)} for tiltak {t}")
            out.write(f"T{t:05d};{quarter(k)};{gain_type};{text};Økonomisjef\n")
            comments += 1
    sizes["kommentarar.csv"] = (out.close(), comments)

    out = Sink(os.path.join(directory, "prognosar.csv"))
    out.write("tiltak;gevinsttype;år;beløp;kommentar\n")
    forecasts = 0
    for t in range(5, initiatives + 1, 5):
        for year in PLAN_YEARS[-2:]:
            out.write(f"T{t:05d};budsjett;{year};{comma_number(3_000 + rng.random() * 3_000, 2, True)};"
                      f"Finans: prognose for {year}\n")
            forecasts += 1
    sizes["prognosar.csv"] = (out.close(), forecasts)
    return sizes


# ---------------------------------------------------------------------------------------------
# Pipelines

def register_sources():
    return """
  - id: indikatorar
    kind: indicators
    path: data/indikatorar.csv
    delimiter: ";"
    decimal: comma
    columns: { indicator: indikator, name: namn, unit: eining, polarity: polaritet,
               aggregation: aggregering, frequency: frekvens, target: mål }
"""


def full_registers(lifecycle=False):
    """The initiatives and their gains; `lifecycle`: the register with phases, gain owners and
    dates (`tiltak-fasar.csv`) in place of `tiltak.csv`."""
    file, more = ("tiltak-fasar.csv", ",\n               phase: fase, gain_owner: gevinsteigar, baseline_date: nullpunkt, "
                  "handover_date: overlevering") if lifecycle else ("tiltak.csv", "")
    return f"""
  - id: tiltak
    kind: initiatives
    path: data/{file}
    delimiter: ";"
    columns: {{ initiative: tiltak, title: tittel, owner: ansvarleg, area: område, status: status,
               deadline: frist, description: skildring{more} }}
  - id: gevinstplan
    kind: gain_plans
    path: data/gevinstplan.csv
    delimiter: ";"
    decimal: comma
    columns: {{ initiative: tiltak, gain_type: gevinsttype, period: periode, amount: beløp }}
  - id: rapportert
    kind: gains_reported
    path: data/gevinstar-rapportert.csv
    delimiter: ";"
    decimal: comma
    columns: {{ initiative: tiltak, gain_type: gevinsttype, period: kvartal, amount: beløp }}
  - id: koplingar
    kind: gain_links
    path: data/gevinstkoplingar.csv
    delimiter: ";"
    decimal: comma
    columns: {{ initiative: tiltak, indicator: indikator, org_unit: eining, gain_type: gevinsttype,
               baseline: baseline, factor: faktor, start: start }}
"""


def budget_sources():
    return """
  - id: budsjettkrav
    kind: budget_targets
    path: data/budsjettkrav.csv
    delimiter: ";"
    decimal: comma
    columns: { plan: plan, year: år, area: område, amount: krav, case_ref: sak }
  - id: kommentarar
    kind: gain_comments
    path: data/kommentarar.csv
    delimiter: ";"
    columns: { initiative: tiltak, period: kvartal, gain_type: gevinsttype, comment: kommentar, author: forfattar }
  - id: prognosar
    kind: gain_forecasts
    path: data/prognosar.csv
    delimiter: ";"
    decimal: comma
    columns: { initiative: tiltak, gain_type: gevinsttype, year: år, amount: beløp, comment: kommentar }
"""


def long_source(name):
    return f"""
  - id: maalingar
    kind: measurements
    path: data/{name}.csv
    delimiter: ";"
    decimal: comma
    missing: ["..", ""]
    columns: {{ indicator: Indikator, org_unit: Eining, period: Periode, value: Verdi }}
"""


def pipeline(directory, name, sources, warehouse=None):
    text = (f"# Generated by benchmarks/generate.py; not committed.\nname: {name}\nroot: ..\n"
            f"warehouse: warehouses/{warehouse or name}.sqlite\n"
            f"reports:\n  dir: reports/{name}\n  formats: [html, md, csv, json]\n  language: nn\n"
            f"sources:{sources}")
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, f"{name}.yml"), "w", encoding="utf-8") as f:
        f.write(text)


def write_pipelines(out):
    p = os.path.join(out, "pipelines")
    for size in "sml":
        pipeline(p, f"long-{size}", register_sources() + long_source(f"long-{size}"))
        pipeline(p, f"xml-{size}", f"""
  - id: sjukefravaer
    kind: measurements
    format: xml
    path: data/xml-{size}.xml
    record: Fravaer
    decimal: comma
    fields: {{ org_unit: "ancestor::Eining/@namn", period: "@periode", value: Prosent }}
    constants: {{ indicator: sjukefravaer }}
""")
        pipeline(p, f"saft-{size}", f"""
  - id: rekneskap
    kind: measurements
    format: saft
    path: data/saft-{size}.xml
    accounts: {{ konsulentkjop: ["6700-6799"], vikarbruk: ["5100-5199"], lokale: ["6300-6399"], kontor: ["6800", "6900"] }}
    org_unit: {{ analysis_type: A }}
""")
    pipeline(p, "wide", """
  - id: kostra
    kind: measurements
    path: data/wide.csv
    delimiter: ";"
    decimal: comma
    header_row: 3
    layout: wide
    code_prefix: [org_unit]
    columns: { indicator: statistikkvariabel, org_unit: region }
""")
    # long-l as XML, with the catalogue as in `night`: `run` on the same data in the other format.
    pipeline(p, "xml-long-l", register_sources() + """
  - id: maalingar
    kind: measurements
    format: xml
    path: data/xml-long-l.xml
    record: Maaling
    decimal: comma
    missing: ["..", ""]
    fields: { indicator: "ancestor::Indikator/@kode", org_unit: "ancestor::Eining/@namn", period: "@periode", value: Verdi }
""")
    # KOSTRA: temporary staff and overtime in kindergartens and schools, per municipality.
    pipeline(p, "kostra", """
  - id: kostra
    kind: measurements
    format: kostra
    path: data/kostra/*.dat
    form: ["0A"]
    account_class: [drift]
    org_unit: region
    indicators:
      vikarar_barnehage: { funksjon: ["201"], art: ["020"] }
      overtid_skule: { funksjon: ["202"], art: ["040"] }
      lonn_pleie: { funksjon: ["253-254"], art: ["010-099"] }
      inntekter: { art: ["600-999"] }
""")
    # JSON-stat from Statistics Norway's API: the largest extract, value before and after dimension.
    for name in ("cube-v", "cube-d"):
        pipeline(p, name, f"""
  - id: statbank
    kind: measurements
    format: jsonstat
    path: data/{name}.json
    dimensions: {{ org_unit: KOKkommuneregion0000, indicator: ContentsCode, period: Tid }}
""")
    # The registers go into long-l's warehouse: trends, gains and report run there.
    pipeline(p, "municipality", register_sources() + full_registers(), warehouse="long-l")
    # The same with the budget cycle's registers, in a warehouse of its own (gains with and without).
    pipeline(p, "budget", register_sources() + full_registers(lifecycle=True) + budget_sources() + long_source("long-l"))
    night_pipelines(p)


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--tiny", action="store_true", help="1/1000 of the sizes, for the regression guard")
    parser.add_argument("--only", nargs="*", help="names to generate (default: all), e.g. long-l wide registers")
    parser.add_argument("--check", action="store_true", help="print the SHA-256 of every file written")
    args = parser.parse_args()

    global INDICATORS, LINKED_INDICATORS
    scale = 1 / 1000 if args.tiny else 1
    if args.tiny:
        # Fewer indicators keep the series many enough and the report (a chart per indicator) small.
        INDICATORS, LINKED_INDICATORS = 20, 10
    smallest = INDICATORS * QUARTERS   # one org unit
    # (name, function producing (bytes, records))
    data = os.path.join(args.out, "data")
    units_l = max(1, int(4_000_000 * scale) // smallest)
    jobs = {
        "long-s": lambda: long_csv(os.path.join(data, "long-s.csv"), max(smallest, int(250_000 * scale)), args.seed + 1),
        "long-m": lambda: long_csv(os.path.join(data, "long-m.csv"), max(smallest, int(1_000_000 * scale)), args.seed + 2),
        "long-l": lambda: long_csv(os.path.join(data, "long-l.csv"), max(smallest, int(4_000_000 * scale)), args.seed + 3),
        "xml-long-l": lambda: long_xml(os.path.join(data, "xml-long-l.xml"), max(smallest, int(4_000_000 * scale)), args.seed + 3),
        "night-quarter": lambda: new_quarter_csv(os.path.join(data, "night-quarter.csv"), max(smallest, int(4_000_000 * scale)), args.seed + 15),
        "wide": lambda: wide_csv(os.path.join(data, "wide.csv"), max(INDICATORS, int(100_000 * scale)), args.seed + 4),
        "xml-s": lambda: generic_xml(os.path.join(data, "xml-s.xml"), int(12_500_000 * scale), args.seed + 5),
        "xml-m": lambda: generic_xml(os.path.join(data, "xml-m.xml"), int(50_000_000 * scale), args.seed + 6),
        "xml-l": lambda: generic_xml(os.path.join(data, "xml-l.xml"), int(200_000_000 * scale), args.seed + 7),
        "saft-s": lambda: saft_xml(os.path.join(data, "saft-s.xml"), int(312_500 * scale), args.seed + 8),
        "saft-m": lambda: saft_xml(os.path.join(data, "saft-m.xml"), int(1_250_000 * scale), args.seed + 9),
        "saft-l": lambda: saft_xml(os.path.join(data, "saft-l.xml"), int(5_000_000 * scale), args.seed + 10),
        "registers": lambda: registers(data, 4 if args.tiny else 10_000, units_l, args.seed + 11),
        "budget": lambda: budget_registers(data, 4 if args.tiny else 10_000, args.seed + 15),
        "kostra": lambda: kostra(data, 4 if args.tiny else 357, 625 if args.tiny else 7_000, args.seed + 12),
        "cube-v": lambda: jsonstat(os.path.join(data, "cube-v.json"), 5 if args.tiny else 500, 4 if args.tiny else 40, 40, args.seed + 13, True),
        "cube-d": lambda: jsonstat(os.path.join(data, "cube-d.json"), 5 if args.tiny else 500, 4 if args.tiny else 40, 40, args.seed + 14, False),
    }
    names = args.only or list(jobs)
    for name in names:
        if name not in jobs:
            sys.exit(f"unknown input {name!r}; known: {', '.join(jobs)}")
    write_pipelines(args.out)
    # The manifest: bytes and records of every input, and the seed, for benchmarks/run.
    manifest_path = os.path.join(data, "manifest.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        if manifest.get("seed") != args.seed or manifest.get("tiny") != args.tiny:
            manifest = {}
    manifest.update(seed=args.seed, tiny=args.tiny)
    files = manifest.setdefault("files", {})
    for name in names:
        result = jobs[name]()
        if not isinstance(result, dict):
            result = {name: result}
        for file, (size, records) in result.items():
            files[file] = {"bytes": size, "records": records}
            print(f"{file}\t{size}\t{records}")
        sys.stdout.flush()
        with open(manifest_path, "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1, sort_keys=True)
    if args.check:
        files = sorted(os.path.relpath(os.path.join(folder, name), data)
                       for folder, _, names in os.walk(data) for name in names)
        for file in (f for f in files if f != "manifest.json"):
            with open(os.path.join(data, file), "rb") as fh:
                print(hashlib.sha256(fh.read()).hexdigest(), file)


if __name__ == "__main__":
    main()

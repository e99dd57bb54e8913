#!/usr/bin/env python3
"""Deterministic benchmark inputs for gevinst (seeded; never committed: written to benchmarks/out/).

Workloads, at scale 1 (the sizes of the performance issue):
  long/      long CSV measurements, Norwegian dialect (';', decimal comma, CRLF): 2 500 indicators x
             40 units x 40 quarters = 4 M rows, plus the registers of 10 000 initiatives (yearly plans
             for 10 years x 4 gain types), 20 000 gain links to distinct series and reported gains.
  wide/      an SSB-statbank-style wide CSV: 100 000 rows x 40 quarter columns = 4 M values.
  xml/       a generic HR-style XML export of about 200 MB.
  saft/      a SAF-T Financial ledger with 5 M lines.
Usage: generate.py OUT_DIR [--scale S] [--seed N] [--only long,wide,xml,saft]
"""
import argparse, os, random

def long_csv(out, scale, rng):
    indicators = max(1, int(2500 * scale))
    units = 40
    quarters = 40
    os.makedirs(f"{out}/long", exist_ok=True)
    with open(f"{out}/long/indikatorar.csv", "w", newline="") as f:
        f.write("indikator;namn;polaritet;aggregering;frekvens\r\n")
        for i in range(indicators):
            f.write(f"ind{i:05d};Indikator {i};lower_is_better;mean;quarter\r\n")
    with open(f"{out}/long/maalingar.csv", "w", newline="", encoding="utf-8") as f:
        f.write("Indikator;Eining;Periode;Verdi\r\n")
        lines = []
        for i in range(indicators):
            base = 50 + (i % 400)
            for u in range(units):
                level = base + u
                for q in range(quarters):
                    year, k = 2016 + q // 4, q % 4 + 1
                    value = level - 0.05 * q + rng.random()
                    lines.append(f"ind{i:05d};Eining {u:02d};{year}K{k};{value:.2f}".replace(".", ",") + "\r\n")
                if len(lines) > 100000:
                    f.writelines(lines)
                    lines.clear()
        f.writelines(lines)
    initiatives = max(1, int(10000 * scale))
    types = ["budsjett", "effektivisering", "tid", "kvalitet"]
    with open(f"{out}/long/tiltak.csv", "w", newline="") as f:
        f.write("tiltak;tittel;ansvarleg;område;status\r\n")
        for n in range(initiatives):
            f.write(f"I{n:05d};Tiltak {n};Leiar {n % 97};Område {n % 12:02d};pågår\r\n")
    with open(f"{out}/long/gevinstplan.csv", "w", newline="") as f:
        f.write("tiltak;gevinsttype;periode;beløp\r\n")
        for n in range(initiatives):
            for t in types:
                for year in range(2016, 2026):
                    f.write(f"I{n:05d};{t};{year};{rng.randint(10, 400) * 1000},00\r\n")
    series = indicators * units
    with open(f"{out}/long/gevinstkoplingar.csv", "w", newline="") as f:
        f.write("tiltak;indikator;eining;gevinsttype;baseline;faktor;start\r\n")
        for n in range(initiatives):
            for j, t in enumerate(["effektivisering", "tid"]):
                s = (2 * n + j) % series
                i, u = s // units, s % units
                f.write(f"I{n:05d};ind{i:05d};Eining {u:02d};{t};{50 + (i % 400) + u},00;1000;\r\n")
    with open(f"{out}/long/rapportert.csv", "w", newline="") as f:
        f.write("tiltak;gevinsttype;kvartal;beløp\r\n")
        for n in range(0, initiatives, 3):
            for q in range(8):
                f.write(f"I{n:05d};budsjett;{2024 + q // 4}K{q % 4 + 1};{rng.randint(10, 90) * 1000},00\r\n")

def wide_csv(out, scale, rng):
    rows = max(1, int(100000 * scale))
    os.makedirs(f"{out}/wide", exist_ok=True)
    periods = [f"{2016 + q // 4}K{q % 4 + 1}" for q in range(40)]
    with open(f"{out}/wide/statbank.csv", "w", newline="", encoding="utf-8-sig") as f:
        f.write('"12345: Nøkkeltal for kommunane (K) 2016K1 - 2025K4"\r\n\r\n')
        f.write('"region";"statistikkvariabel";' + ";".join(f'"{p}"' for p in periods) + "\r\n")
        buf = []
        for r in range(rows):
            region, variable = r % 356, r // 356
            values = ";".join(".." if rng.random() < 0.01 else f"{rng.random() * 1000:.1f}".replace(".", ",") for _ in periods)
            buf.append(f'"{4600 + region} Kommune {region}";"var{variable:04d}";{values}\r\n')
            if len(buf) > 20000:
                f.writelines(buf)
                buf.clear()
        f.writelines(buf)

def xml_export(out, scale, rng):
    target = int(200_000_000 * scale)
    os.makedirs(f"{out}/xml", exist_ok=True)
    with open(f"{out}/xml/fravaer.xml", "w", encoding="iso-8859-1") as f:
        f.write('<?xml version="1.0" encoding="ISO-8859-1"?>\n<Fravaersrapport xmlns="urn:example:hr">\n')
        written, unit = 0, 0
        while written < target:
            name = f"Eining {unit:05d} Sør"
            parts = [f'  <Eining kode="E{unit:05d}" namn="{name}">\n']
            for m in range(120):
                year, month = 2016 + m // 12, m % 12 + 1
                pct = f"{rng.random() * 15:.1f}".replace(".", ",")
                parts.append(f'    <Fravaer periode="{year}-{month:02d}"><Prosent>{pct}</Prosent>'
                             f'<Fravaersdagsverk>{rng.random() * 200:.1f}</Fravaersdagsverk></Fravaer>\n')
            parts.append("  </Eining>\n")
            chunk = "".join(parts)
            f.write(chunk)
            written += len(chunk)
            unit += 1
        f.write("</Fravaersrapport>\n")

def saft_ledger(out, scale, rng):
    lines_target = max(2, int(5_000_000 * scale))
    transactions = lines_target // 2
    os.makedirs(f"{out}/saft", exist_ok=True)
    departments = [f"D{d:03d}" for d in range(200)]
    accounts = ["6700", "6720", "6790", "5100", "5150", "6300", "6800"]
    body_path = f"{out}/saft/body.tmp"
    total = 0
    with open(body_path, "w") as body:
        buf = []
        for t in range(transactions):
            month = t * 12 // transactions + 1
            cents = rng.randint(10000, 5000000)
            total += cents
            amount = f"{cents // 100}.{cents % 100:02d}"
            account, dept = accounts[t % len(accounts)], departments[t % len(departments)]
            buf.append(f"<n1:Transaction><n1:TransactionID>T{t}</n1:TransactionID><n1:Period>{month}</n1:Period>"
                       f"<n1:PeriodYear>2024</n1:PeriodYear><n1:TransactionDate>2024-{month:02d}-15</n1:TransactionDate>"
                       f"<n1:Line><n1:RecordID>{2 * t}</n1:RecordID><n1:AccountID>{account}</n1:AccountID>"
                       f"<n1:Analysis><n1:AnalysisType>A</n1:AnalysisType><n1:AnalysisID>{dept}</n1:AnalysisID></n1:Analysis>"
                       f"<n1:DebitAmount><n1:Amount>{amount}</n1:Amount></n1:DebitAmount></n1:Line>"
                       f"<n1:Line><n1:RecordID>{2 * t + 1}</n1:RecordID><n1:AccountID>1920</n1:AccountID>"
                       f"<n1:CreditAmount><n1:Amount>{amount}</n1:Amount></n1:CreditAmount></n1:Line></n1:Transaction>\n")
            if len(buf) > 20000:
                body.writelines(buf)
                buf.clear()
        body.writelines(buf)
    total_text = f"{total // 100}.{total % 100:02d}"
    with open(f"{out}/saft/ledger.xml", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<n1:AuditFile xmlns:n1="urn:StandardAuditFile-Taxation-Financial:NO">\n'
                "<n1:Header><n1:AuditFileVersion>1.30</n1:AuditFileVersion></n1:Header>\n"
                f"<n1:GeneralLedgerEntries><n1:NumberOfEntries>{transactions}</n1:NumberOfEntries>"
                f"<n1:TotalDebit>{total_text}</n1:TotalDebit><n1:TotalCredit>{total_text}</n1:TotalCredit>\n"
                "<n1:Journal><n1:JournalID>LF</n1:JournalID>\n")
        with open(body_path) as body:
            while True:
                block = body.read(1 << 20)
                if not block:
                    break
                f.write(block)
        f.write("</n1:Journal></n1:GeneralLedgerEntries></n1:AuditFile>\n")
    os.remove(body_path)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=4699)
    parser.add_argument("--only", default="long,wide,xml,saft")
    args = parser.parse_args()
    for name in args.only.split(","):
        rng = random.Random(f"{args.seed}-{name}")
        {"long": long_csv, "wide": wide_csv, "xml": xml_export, "saft": saft_ledger}[name](args.out, args.scale, rng)

if __name__ == "__main__":
    main()

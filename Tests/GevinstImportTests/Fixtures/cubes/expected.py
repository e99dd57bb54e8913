#!/usr/bin/env python3
"""Independent figures for the cube tests (CubeConformanceTests.swift): writes expected.json.

Standard library only. JSON-stat is read with `json`; PC-Axis with the small reader below, written
from the PX file format description (Statistics Sweden, "PC-Axis file format", 2013), not from
gevinst's Swift code. For every case it applies the mapping (dimensions, filter, constants, use)
by walking the cube's categories with itertools.product in row-major order, and records the
number of rows, missing cells, rejected cells, the sum of the values and a few single cells.

Run from this folder:  python3 expected.py
"""
import itertools, json, re

MISSING_STATUS = {".", "..", "...", ":"}


# ---------------------------------------------------------------------------------------------
# Periods: gevinst's canonical forms 2024, 2024K1, 2024M01.

def period(text, scale=None):
    t = text.strip()
    if scale == "Q1" and re.fullmatch(r"\d{5}", t):
        y, q = int(t[:4]), int(t[4])
        return f"{y}K{q}" if 1 <= q <= 4 else None
    if scale == "M1" and re.fullmatch(r"\d{6}", t):
        y, m = int(t[:4]), int(t[4:])
        return f"{y}M{m:02d}" if 1 <= m <= 12 else None
    if scale not in (None, "A1", "Q1", "M1"):
        return None
    m = re.fullmatch(r"(\d{4})", t)
    kind = None
    if m:
        kind, p = "A1", t
    m = re.fullmatch(r"(\d{4})[ -]?[KkQq]([1-4])", t)
    if m:
        kind, p = "Q1", f"{m.group(1)}K{m.group(2)}"
    m = re.fullmatch(r"(\d{4})[Mm](\d{1,2})", t) or re.fullmatch(r"(\d{4})-(\d{2})", t)
    if m and 1 <= int(m.group(2)) <= 12:
        kind, p = "M1", f"{m.group(1)}M{int(m.group(2)):02d}"
    if kind is None or int(p[:4]) < 1000:
        return None
    if scale is not None and kind != scale:
        return None
    return p


# ---------------------------------------------------------------------------------------------
# A cube: dims = [{id, code, role, codes, labels, times, scale}], cells = [(value or None or ("invalid", text))].

def read_jsonstat(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    assert d.get("version") == "2.0"
    roles = {}
    for role, ids in d.get("role", {}).items():
        for i in ids:
            roles.setdefault(i, role)
    dims = []
    for i, size in zip(d["id"], d["size"]):
        cat = d["dimension"][i]["category"]
        index = cat.get("index")
        if index is None:
            codes = list(cat["label"].keys())
        elif isinstance(index, list):
            codes = index
        else:
            codes = sorted(index, key=lambda c: index[c])
        assert len(codes) == size
        labels = cat.get("label", {})
        dims.append(dict(id=i, code=None, role=roles.get(i), codes=codes,
                         labels=[labels.get(c, c) for c in codes], times=None, scale=None))
    n = 1
    for x in d["size"]:
        n *= x
    value = d["value"]
    if isinstance(value, list):
        assert len(value) == n
        cells = list(value)
    else:
        cells = [None] * n
        for k, v in value.items():
            cells[int(k)] = v
    status = d.get("status")
    if isinstance(status, str):
        status = [status]
    if isinstance(status, list) and len(status) == 1:
        status = status * n
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status)}
    for k, s in (status or {}).items():
        if s in MISSING_STATUS:
            cells[int(k)] = None
    return dict(dims=dims, cells=cells, updated=d.get("updated"), utf8_instead_of=None)


def px_statements(text):
    """Splits PX text into (keyword, language, subkeys, value) up to DATA, and the data text."""
    out, i, n = [], 0, len(text)
    while i < n:
        j, quoted = i, False
        while j < n:
            c = text[j]
            if c == '"':
                quoted = not quoted
            elif not quoted and (c == ";" or (c == "=" and re.fullmatch(r"\s*DATA", text[i:j]))):
                break
            j += 1
        stmt = text[i:j]
        if re.fullmatch(r"\s*DATA", stmt):
            return out, text[j + 1:]
        m = re.fullmatch(r'\s*([A-Za-z0-9_-]+)(\[[^\]]*\])?(\((.*?)\))?=(.*)', stmt, re.S)
        if m:
            subkeys = re.findall(r'"([^"]*)"', m.group(4) or "")
            out.append((m.group(1).upper(), m.group(2), subkeys, m.group(5)))
        i = j + 1
    raise ValueError("no DATA")


def px_items(value):
    """A value as a list: comma-separated items, adjacent quoted strings joined."""
    items, cur, has = [], "", False
    for tok in re.findall(r'"[^"]*"|,|[^\s,"]+', value):
        if tok == ",":
            items.append(cur)
            cur, has = "", False
        else:
            cur += tok[1:-1] if tok.startswith('"') else tok
            has = True
    if has or items:
        items.append(cur)
    return items


def read_px(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[: raw.find(b"DATA=")]
    latin = raw.decode("latin-1")
    stmts, _ = px_statements(latin)
    codepage = next((px_items(v)[0] for k, lang, s, v in stmts if k == "CODEPAGE" and not lang), None)
    charset = next((px_items(v)[0] for k, lang, s, v in stmts if k == "CHARSET" and not lang), None)
    utf8_instead_of = None
    try:
        text = raw.decode("utf-8")
        if any(b >= 0x80 for b in head) and (codepage or "iso-8859-1").lower() != "utf-8":
            utf8_instead_of = codepage or "iso-8859-1"
    except UnicodeDecodeError:
        name = (codepage or ("windows-1252" if (charset or "").upper() == "ANSI" else "iso-8859-1")).lower()
        text = raw.decode({"iso-8859-1": "latin-1", "iso-8859-15": "iso8859_15", "windows-1252": "cp1252"}[name])
    stmts, data = px_statements(text)
    kw = {}
    for k, lang, subkeys, value in stmts:
        if lang:
            continue
        kw.setdefault((k, tuple(subkeys)), value)
    get = lambda k, *s: px_items(kw[(k, s)]) if (k, s) in kw else None
    names = (get("STUB") or []) + (get("HEADING") or [])
    cont = (get("CONTVARIABLE") or [None])[0]
    dims = []
    for name in names:
        values = get("VALUES", name)
        codes = get("CODES", name) or values
        role, times, scale = None, None, None
        if ("TIMEVAL", (name,)) in kw:
            tv = re.sub(r"\s", "", kw[("TIMEVAL", (name,))])
            m = re.fullmatch(r'TLIST\((\w+)\),(.*)', tv)
            scale, times, role = m.group(1), px_items(m.group(2)), "time"
        elif name == cont:
            role = "metric"
        elif (get("VARIABLE-TYPE", name) or [""])[0].upper() == "G" or ("MAP", (name,)) in kw:
            role = "geo"
        code = (get("VARIABLECODE", name) or [None])[0]
        dims.append(dict(id=name, code=code, role=role, codes=codes, labels=values, times=times, scale=scale))
    nil = (get("DATASYMBOLNIL") or ["-"])[0]
    symbols = {":"} | {"." * k for k in range(1, 7)}
    for k in ["DATASYMBOL%d" % i for i in range(1, 7)] + ["DATASYMBOLSUM"]:
        if get(k):
            symbols.add(get(k)[0])
    symbols.discard(nil)
    cells = []
    for tok in re.findall(r'"[^"]*"|[^\s;"]+', data):
        t = tok[1:-1] if tok.startswith('"') else tok
        if t in symbols:
            cells.append(None)
        elif t == nil:
            cells.append(0.0)
        else:
            try:
                cells.append(float(t))
            except ValueError:
                cells.append(("invalid", t))
    n = 1
    for dim in dims:
        n *= len(dim["codes"])
    assert len(cells) == n, (path, len(cells), n)
    stamps = [px_items(v)[0] for k, lang, s, v in stmts if k == "LAST-UPDATED" and not lang]
    updated = None
    if stamps:
        s = max(stamps)
        updated = f"{s[:4]}-{s[4:6]}-{s[6:8]}" + (f"T{s[8:].strip()}" if s[8:].strip() else "")
    return dict(dims=dims, cells=cells, updated=updated, utf8_instead_of=utf8_instead_of)


# ---------------------------------------------------------------------------------------------
# The mapping.

class MappingError(Exception):
    pass


def apply(cube, keys):
    dims = cube["dims"]
    dmap, filt, const, use = keys.get("dimensions", {}), keys.get("filter", {}), keys.get("constants", {}), keys.get("use", "code")

    def find(name):
        for i, d in enumerate(dims):
            if name in (d["id"], d["code"]):
                return i
        for i, d in enumerate(dims):
            if name.strip() in (d["id"].strip(), (d["code"] or "").strip()):
                return i
        raise MappingError(f"'{name}', which the file does not have")

    def role(r):
        found = [i for i, d in enumerate(dims) if d["role"] == r]
        if len(found) > 1:
            raise MappingError(f"as {r}: name one in dimensions:")
        return found[0] if found else None

    origin = {}
    for field in ["indicator", "org_unit", "period"]:
        if field in dmap:
            origin[field] = ("dim", find(dmap[field]))
        elif field in const:
            origin[field] = ("const", const[field])
        else:
            if field == "indicator":
                i = role("metric")
                if i is None:
                    i = next((k for k, d in enumerate(dims) if "ContentsCode" in (d["id"], d["code"])), None)
            else:
                i = role("geo" if field == "org_unit" else "time")
            if i is not None:
                origin[field] = ("dim", i)
            elif field == "org_unit":
                origin[field] = ("const", "total")
            else:
                raise MappingError(f"no {field}")
    mapped = {o[1] for o in origin.values() if o[0] == "dim"}
    fixed = {}
    for name, code in filt.items():
        i = find(name)
        if code not in dims[i]["codes"]:
            raise MappingError(f"has no category '{code}'")
        fixed[i] = dims[i]["codes"].index(code)
    for i, d in enumerate(dims):
        if i not in mapped and i not in fixed:
            if len(d["codes"]) > 1:
                raise MappingError(f"dimension '{d['id']}' has {len(d['codes'])} categories and is neither mapped nor filtered")
            fixed[i] = 0

    rows, missing, rejected, total = [], 0, 0, 0.0
    for flat, coords in enumerate(itertools.product(*[range(len(d["codes"])) for d in dims])):
        if any(coords[i] != c for i, c in fixed.items()):
            continue
        def text(field):
            kind, x = origin[field]
            if kind == "const":
                return x
            d = dims[x]
            return (d["codes"] if use == "code" else d["labels"])[coords[x]]
        kind, x = origin["period"]
        if kind == "const":
            p = period(x)
        else:
            d = dims[x]
            c = coords[x]
            candidates = ([d["times"][c]] if d["times"] else []) + [d["codes"][c], d["labels"][c]]
            p = next((q for q in (period(t, d["scale"]) for t in candidates) if q), None)
        v = cube["cells"][flat]
        if p is None:
            rejected += 1
        elif v is None:
            missing += 1
        elif isinstance(v, tuple):
            rejected += 1
        else:
            rows.append(dict(indicator=text("indicator"), org_unit=text("org_unit"), period=p, value=float(v)))
            total += float(v)
    return rows, missing, rejected, total


# ---------------------------------------------------------------------------------------------
# The cases.

CASES = [
    # SSB json-stat2 response of table 05300: two multi-category dimensions besides the defaults.
    ("ssb-05300-filtered", "dapla-statbank-client/ssb-05300.json", {"filter": {"Avstand1": "02", "Kulturtilbud": "07"}}),
    ("ssb-05300-all", "dapla-statbank-client/ssb-05300.json", {"dimensions": {"org_unit": "Kulturtilbud"}, "filter": {"Avstand1": "06"}}),
    ("ssb-05300-labels", "dapla-statbank-client/ssb-05300.json",
     {"dimensions": {"org_unit": "Avstand1", "indicator": "Kulturtilbud"}, "filter": {"ContentsCode": "Avstand"}, "use": "label"}),
    ("ssb-05300-unmapped", "dapla-statbank-client/ssb-05300.json", {}),
    ("ssb-05300-unknown-dimension", "dapla-statbank-client/ssb-05300.json", {"filter": {"Avstand": "01", "Kulturtilbud": "07"}}),
    ("ssb-05300-unknown-category", "dapla-statbank-client/ssb-05300.json", {"filter": {"Avstand1": "09", "Kulturtilbud": "07"}}),
    # json-stat.org samples.
    ("oecd-defaults", "jsonstat-validator/oecd.json", {}),
    ("canada-by-age", "jsonstat-validator/canada.json", {"dimensions": {"org_unit": "age"}, "filter": {"sex": "F", "country": "CA"}}),
    ("galicia-two-geo", "jsonstat-validator/galicia.json", {"filter": {"birth": "T", "age": "T", "gender": "T"}}),
    ("galicia-residence", "jsonstat-validator/galicia.json",
     {"dimensions": {"org_unit": "residence"}, "filter": {"birth": "T", "age": "T", "gender": "T"}}),
    ("galicia-unmapped", "jsonstat-validator/galicia.json", {"dimensions": {"org_unit": "residence"}, "filter": {"birth": "T", "age": "T"}}),
    # PC-Axis.
    ("px-11820-defaults", "pcaxis-serializers/MultipleContentSmall.px", {}),
    ("px-11820-codes", "pcaxis-serializers/MultipleContentSmall.px",
     {"dimensions": {"indicator": "ContentsCode", "org_unit": "KOKkommuneregion0000", "period": "Tid"}, "use": "label"}),
    ("px-12909-quarters", "pcaxis-serializers/tab_12909_metaid.px", {"dimensions": {"org_unit": "landbakgrunn"}, "filter": {"Yrke": "0-9"}}),
    ("px-12909-unmapped", "pcaxis-serializers/tab_12909_metaid.px", {"dimensions": {"org_unit": "landbakgrunn"}}),
    ("px-monthly", "pcaxis-serializers/MontlyStatisticsWithOneContent.px", {"dimensions": {"org_unit": "varegruppe"}}),
    ("px-cpi-compact-months", "pcaxis-serializers/PR0101B3.px",
     {"dimensions": {"org_unit": "Product group"}, "constants": {"indicator": "kpi"}}),
    ("px-tab001-two-languages", "pxwebapi/TAB001.px", {"dimensions": {"org_unit": "REGION"}, "filter": {"SEX": "T", "AGE": "TOTAL"}}),
    ("px-tab001-ages", "pxwebapi/TAB001.px", {"dimensions": {"indicator": "age"}, "filter": {"sex": "F"}, "use": "label"}),
    ("px-utf8-under-latin1", "pxwebapi/tab4_fewcells.px", {}),
    ("px-14001-crlf-latin1", "pyaxis/14001.px",
     {"dimensions": {"org_unit": "Comunidad Autónoma de residencia del matrimonio", "indicator": "sexo"},
      "filter": {"edad de los cónyuges": "Todas las edades", "estado civil anterior de los cónyuges": "Total"},
      "constants": {"period": "2018"}}),
    ("px-27067-latin9-symbols", "pyaxis/27067.px",
     {"dimensions": {"org_unit": "Divisiones", "indicator": "Índice y tasas", "period": "Periodo"}}),
    ("px-1001-utf8-quarters-T", "pyaxis/1001.px",
     {"dimensions": {"org_unit": "Sector econ\ufffdmico", "indicator": "Sexo", "period": "Periodo"}}),
    ("px-swiss-four-languages", "pyaxis/px-x-0602000000_107.px",
     {"dimensions": {"org_unit": "Wirtschaftsabteilung", "indicator": "Schwierigkeiten"},
      "filter": {"Ausbildungsniveau": "1", "Gewichtung": "2"}}),
]


def main():
    out = []
    for name, path, keys in CASES:
        cube = read_jsonstat(path) if path.endswith(".json") else read_px(path)
        case = dict(name=name, file=path, keys=keys,
                    cube=dict(dimensions=[[d["id"], len(d["codes"]), d["role"]] for d in cube["dims"]],
                              updated=cube["updated"], utf8InsteadOf=cube["utf8_instead_of"], cells=len(cube["cells"])))
        try:
            rows, missing, rejected, total = apply(cube, keys)
        except MappingError as e:
            case["error"] = str(e)
            out.append(case)
            continue
        picks = sorted({0, len(rows) // 3, len(rows) // 2, len(rows) - 1}) if rows else []
        case.update(rows=len(rows), missing=missing, rejected=rejected, sum=total, samples=[rows[i] for i in picks])
        out.append(case)
    with open("expected.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

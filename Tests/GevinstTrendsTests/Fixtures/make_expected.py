#!/usr/bin/env python3
"""Writes trend_expected.json: series and their SPEC §6 trend figures computed with numpy/scipy.

The Swift tests read only the JSON; run this script again (pip install numpy scipy pymannkendall)
when the series or the definitions change:

    python3 Tests/GevinstTrendsTests/Fixtures/make_expected.py

Each figure comes from a library where one exists (numpy for mean/median/stdev, scipy.stats.linregress
for OLS, scipy.stats.theilslopes for Theil–Sen on t with gaps kept) and from SPEC §6's formula
otherwise (Mann–Kendall, seasonal combination, control chart). Mann–Kendall and the Sen slopes are
cross-checked against pymannkendall before anything is written; see `cross_check` for where its
conventions differ from SPEC §6.
"""

import json
import math
import pathlib

import numpy as np
import pymannkendall as pmk
from scipy import stats

PERIODS_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}
ALPHA = 0.05
LIMIT_FACTOR = 2.66
RUN_LENGTH = 7


def mann_kendall(y):
    """S, Var(S) with tie correction, tau, Z with continuity correction, two-sided p (SPEC §6)."""
    n = len(y)
    s = int(sum(np.sign(y[j] - y[i]) for i in range(n) for j in range(i + 1, n)))
    _, ties = np.unique(y, return_counts=True)
    var_s = (n * (n - 1) * (2 * n + 5) - sum(int(t) * (int(t) - 1) * (2 * int(t) + 5) for t in ties)) / 18
    return s, float(var_s), n * (n - 1) // 2


def z_and_p(s, var_s):
    if var_s == 0:
        return 0.0, 1.0
    z = (s - 1) / math.sqrt(var_s) if s > 0 else (s + 1) / math.sqrt(var_s) if s < 0 else 0.0
    return z, float(2 * stats.norm.sf(abs(z)))


def test_figures(s, var_s, pairs):
    z, p = z_and_p(s, var_s)
    return {"s": s, "var_s": var_s, "tau": s / pairs, "z": z, "p": p}


def seasonal(ordinals, y, t, ppy):
    """Seasonal figures, or None where SPEC §6 leaves them undefined."""
    n = len(y)
    if ppy == 1 or n < 3 or ordinals[-1] - ordinals[0] + 1 < 2 * ppy:
        return None, None
    s_sum, var_sum, pairs_sum, slopes = 0, 0.0, 0, []
    for season in range(ppy):
        members = ordinals % ppy == season
        if members.sum() < 2:
            continue
        s, var_s, pairs = mann_kendall(y[members])
        s_sum, var_sum, pairs_sum = s_sum + s, var_sum + var_s, pairs_sum + pairs
        ys, ts = y[members], t[members]
        slopes += [(ys[j] - ys[i]) / (ts[j] - ts[i]) for i in range(len(ys)) for j in range(i + 1, len(ys))]
    if pairs_sum == 0:
        return None, None
    return float(np.median(slopes)), test_figures(s_sum, var_sum, pairs_sum)


def control_chart(y):
    if len(y) < 2:
        return None
    centre = float(np.mean(y))
    mr = float(np.mean(np.abs(np.diff(y))))
    upper, lower = centre + LIMIT_FACTOR * mr, centre - LIMIT_FACTOR * mr
    side = [1 if v > centre else -1 if v < centre else 0 for v in y]
    run = [False] * len(y)
    start = 0
    for i in range(1, len(y) + 1):
        if i == len(y) or side[i] != side[start]:
            if side[start] != 0 and i - start >= RUN_LENGTH:
                run[start:i] = [True] * (i - start)
            start = i
    return {"centre": centre, "average_moving_range": mr, "upper": upper, "lower": lower,
            "outside": [bool(v > upper or v < lower) for v in y], "run": run}


def figures(frequency, ordinals, values, polarity, target):
    ppy = PERIODS_PER_YEAR[frequency]
    o = np.asarray(ordinals, dtype=np.int64)
    y = np.asarray(values, dtype=float)
    t = o / ppy
    n = len(y)
    e = {key: None for key in [
        "first_ordinal", "last_ordinal", "last_value", "mean", "median", "stdev", "min", "max",
        "change_prev", "change_yoy", "ols_slope", "r_squared", "sen_slope", "mk", "trend",
        "seasonal_sen_slope", "seasonal_mk", "target_gap", "control_chart"]}
    e["n"] = n
    e["assessment"] = "n/a"
    if n == 0:
        return e
    by_ordinal = dict(zip(ordinals, values))
    last = values[-1]
    e.update(first_ordinal=ordinals[0], last_ordinal=ordinals[-1], last_value=last,
             mean=float(np.mean(y)), median=float(np.median(y)), min=float(y.min()), max=float(y.max()),
             control_chart=control_chart(y))
    if n >= 2:
        e["stdev"] = float(np.std(y, ddof=1))
    if ordinals[-1] - 1 in by_ordinal:
        e["change_prev"] = last - by_ordinal[ordinals[-1] - 1]
    if ordinals[-1] - ppy in by_ordinal:
        e["change_yoy"] = last - by_ordinal[ordinals[-1] - ppy]
    if target is not None:
        e["target_gap"] = last - target
    if n < 3:
        return e
    regression = stats.linregress(t, y)
    e["ols_slope"] = float(regression.slope)
    if y.min() != y.max():
        e["r_squared"] = float(regression.rvalue ** 2)
    e["sen_slope"] = float(stats.theilslopes(y, t).slope)
    mk = test_figures(*mann_kendall(y))
    e["mk"] = mk
    trend = "no_trend" if mk["p"] >= ALPHA else "increasing" if mk["z"] > 0 else "decreasing"
    e["trend"] = trend
    if polarity != "neutral":
        good = "increasing" if polarity == "higher_is_better" else "decreasing"
        e["assessment"] = "stable" if trend == "no_trend" else "improving" if trend == good else "worsening"
    e["seasonal_sen_slope"], e["seasonal_mk"] = seasonal(o, y, t, ppy)
    cross_check(ppy, o, y, e)
    return e


def close(a, b, rel=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def cross_check(ppy, o, y, e):
    """Asserts the figures above agree with pymannkendall, in its conventions.

    pymannkendall takes an equally spaced array in which a gap must be a NaN: its Sen slope is per
    array step (ours per year: times periods_per_year), and its seasons are the columns of the array
    cut into rows of `period`, i.e. (position from the first element) mod period — the same grouping
    as calendar season when the array starts at the first ordinal and keeps gaps as NaN. It has no
    definedness rule for the seasonal figures, and its p = 2(1 − Φ(|Z|)) loses all digits below
    about 1e-16, so p is compared through Z only.
    """
    filled = np.full(o[-1] - o[0] + 1, np.nan)
    filled[o - o[0]] = y
    original = pmk.original_test(filled)
    mk = e["mk"]
    assert original.s == mk["s"] and close(original.var_s, mk["var_s"]) and close(original.z, mk["z"])
    assert close(original.Tau, mk["tau"])
    assert close(pmk.sens_slope(filled).slope * ppy, e["sen_slope"])
    if e["seasonal_mk"] is not None:
        test = pmk.seasonal_test(filled, period=ppy)
        smk = e["seasonal_mk"]
        assert test.s == smk["s"] and close(test.var_s, smk["var_s"]) and close(test.z, smk["z"])
        assert close(test.Tau, smk["tau"])
        assert close(pmk.seasonal_sens_slope(filled, period=ppy).slope, e["seasonal_sen_slope"])


def handmade():
    """Edge cases: short, constant, tied, gapped, and the boundary of the seasonal definedness rule."""
    q0, m0 = 4 * 2020, 12 * 2020
    return [
        ("empty", "quarter", [], [], "neutral", None),
        ("one value", "year", [2024], [5.0], "higher_is_better", 4.0),
        ("two values", "quarter", [q0, q0 + 1], [1.5, -2.5], "lower_is_better", None),
        ("two values with a gap", "month", [m0, m0 + 12], [3.0, 4.0], "higher_is_better", 3.5),
        ("constant yearly", "year", list(range(2015, 2025)), [0.1] * 10, "higher_is_better", 0.2),
        ("constant monthly", "month", list(range(m0, m0 + 36)), [7.25] * 36, "lower_is_better", None),
        ("perfect line", "quarter", list(range(q0, q0 + 12)), [10.0 + 2.5 * i for i in range(12)], "higher_is_better", 40.0),
        ("all ties but one", "year", list(range(2010, 2020)), [1.0] * 9 + [2.0], "lower_is_better", None),
        ("three values, gap in the middle", "year", [2020, 2021, 2024], [3.0, 1.0, 2.0], "higher_is_better", None),
        ("large level, small spread", "quarter", list(range(q0, q0 + 20)),
         [1e9 + v for v in [0.5, 0.25, 0.75, 1.0, 0.5, 1.25, 1.5, 1.0, 1.75, 2.0,
                            1.5, 2.25, 2.5, 2.0, 2.75, 3.0, 2.5, 3.25, 3.5, 3.0]], "higher_is_better", 1e9),
        ("negative, decreasing", "month", list(range(m0, m0 + 30)),
         [-0.5 * i - (i % 3) for i in range(30)], "higher_is_better", -5.0),
        ("monthly span 23: no seasonal", "month", list(range(m0, m0 + 23)), [float(i % 5) for i in range(23)], "neutral", None),
        ("monthly span 24: seasonal", "month", [m0, m0 + 5, m0 + 11, m0 + 12, m0 + 23], [1.0, 5.0, 2.0, 3.0, 4.0], "neutral", None),
        ("quarterly span 7: no seasonal", "quarter", list(range(q0, q0 + 7)), [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 4.0], "neutral", None),
        ("quarterly span 8: seasonal", "quarter", list(range(q0, q0 + 8)), [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 4.0, 5.0], "higher_is_better", None),
        ("no season with two values", "month", [m0, m0 + 13, m0 + 26], [1.0, 2.0, 3.0], "higher_is_better", None),
        ("one season pair only", "quarter", [q0, q0 + 1, q0 + 4, q0 + 9], [2.0, 1.0, 4.0, 0.0], "lower_is_better", None),
        ("yoy gap, prev present", "quarter", [q0, q0 + 2, q0 + 3, q0 + 5, q0 + 6], [4.0, 2.0, 1.0, 3.0, 5.0], "neutral", None),
        ("run of seven", "year", list(range(2000, 2016)),
         [5.0, 1.0, 9.0, 1.0, 9.0, 9.0, 8.0, 9.0, 8.0, 9.0, 9.0, 1.0, 1.0, 2.0, 1.0, 1.0], "neutral", None),
    ]


def generated(rng, count):
    """Series with trend, season, noise, rounding (ties), gaps and signs drawn at random."""
    cases = []
    for index in range(count):
        frequency = ["year", "quarter", "month"][index % 3]
        ppy = PERIODS_PER_YEAR[frequency]
        span = int(rng.integers(3, 41 if ppy == 1 else 121))
        start = int(rng.integers(1995, 2021)) * ppy + int(rng.integers(0, ppy))
        ordinals = np.arange(start, start + span)
        keep = rng.random(span) >= float(rng.choice([0.0, 0.0, 0.1, 0.35]))
        keep[-1] = True
        ordinals = ordinals[keep]
        t = (ordinals - start) / ppy
        level = float(rng.choice([0.0, 3.5, -40.0, 250.0, 12000.0]))
        slope = float(rng.choice([0.0, 0.3, -1.5, 8.0]))
        season = float(rng.choice([0.0, 2.0, 15.0])) * np.sin(2 * np.pi * (ordinals % ppy) / ppy)
        noise = float(rng.choice([0.5, 3.0, 20.0])) * rng.standard_normal(len(ordinals))
        decimals = int(rng.choice([0, 1, 2, 3]))
        values = np.round(level + slope * t + season + noise, decimals)
        polarity = str(rng.choice(["higher_is_better", "lower_is_better", "neutral"]))
        target = None if index % 4 == 0 else float(np.round(level + rng.normal(0, 5), 2))
        cases.append((f"generated {index}", frequency, [int(v) for v in ordinals],
                      [float(v) for v in values], polarity, target))
    return cases


def main():
    rng = np.random.default_rng(20250601)
    series = []
    for name, frequency, ordinals, values, polarity, target in handmade() + generated(rng, 48):
        series.append({"name": name, "frequency": frequency, "ordinals": ordinals, "values": values,
                       "polarity": polarity, "target": target,
                       "expected": figures(frequency, ordinals, values, polarity, target)})
    out = pathlib.Path(__file__).with_name("trend_expected.json")
    document = {"generated_by": "make_expected.py (numpy, scipy; cross-checked with pymannkendall)",
                "numpy": np.__version__, "scipy": __import__("scipy").__version__,
                "pymannkendall": pmk.__version__, "series": series}
    out.write_text(json.dumps(document, indent=1) + "\n")
    print(f"{len(series)} series written to {out}")


if __name__ == "__main__":
    main()

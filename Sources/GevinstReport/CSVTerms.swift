import GevinstCore

/// The headers and vocabulary words of the CSV files written `csv_style: excel-no` in nynorsk or
/// bokmål, so that a spreadsheet reader sees `gevinsttype` and `budsjett` rather than `gain_type`
/// and `budget`. Standard CSV, English reports and `report.json` keep the warehouse's words;
/// `docs/reports.md` lists both.
struct CSVTerms {
    private let headers: [String: String]
    private let words: [String: String]
    private let format: HumanFormat

    /// Nil when the files keep the warehouse's words: standard CSV, or an English report.
    init?(_ style: CSVStyle, format: HumanFormat) {
        guard style == .excelNorwegian, let terms = Self.tables[format.text.language] else { return nil }
        (headers, words) = terms
        self.format = format
    }

    /// A column's header in the report's language.
    func header(_ name: String) -> String { headers[name] ?? name }

    /// A vocabulary word of `column` in the report's language (a word the column gives its own
    /// meaning is listed as `column:word`); `rejects.csv`'s `field` names a canonical input field,
    /// as the report's reject table does.
    func word(_ value: String, column: String) -> String {
        column == "field" ? format.field(value) : words["\(column):\(value)"] ?? words[value] ?? value
    }

    /// A finding's kind as the report titles it.
    func kind(_ kind: FindingKind) -> String { format.text[FindingMessages.title(kind)] }

    func severity(_ severity: Severity) -> String { format.severity(severity).lowercased() }

    /// The headers and words of each Norwegian language.
    private static let tables: [ReportLanguage: (headers: [String: String], words: [String: String])] = [
        .nn: (headers: nynorskHeaders, words: nynorskWords),
        .nb: (headers: bokmalHeaders, words: bokmalWords),
    ]

    /// Every header the machine files have (`TableExport`, `FindingMessages.columns`).
    private static let nynorskHeaders = [
        "indicator": "indikator", "org_unit": "eining", "frequency": "frekvens", "n": "tal på verdiar",
        "first_period": "første periode", "last_period": "siste periode", "last_value": "siste verdi",
        "mean": "gjennomsnitt", "median": "median", "stdev": "standardavvik", "min": "minste verdi", "max": "største verdi",
        "change_prev": "endring frå førre periode", "change_yoy": "endring på eitt år", "ols_slope": "stigingstal (OLS)",
        "r_squared": "forklaringsgrad (R²)", "sen_slope": "stigingstal (Sen)", "mk_s": "Mann-Kendall S",
        "mk_tau": "Mann-Kendall tau", "mk_z": "Mann-Kendall z", "mk_p": "Mann-Kendall p", "trend": "trend",
        "assessment": "vurdering", "seasonal_sen_slope": "sesongjustert stigingstal (Sen)",
        "seasonal_mk_z": "sesongjustert Mann-Kendall z", "seasonal_mk_p": "sesongjustert Mann-Kendall p",
        "target": "mål", "target_gap": "avstand til mål",
        "initiative": "tiltak", "gain_type": "gevinsttype", "quarter": "kvartal", "planned": "planlagt",
        "realised": "realisert", "realised_source": "kjelde for realisert", "cum_planned": "planlagt akkumulert",
        "cum_realised": "realisert akkumulert", "deviation": "avvik", "realisation_rate": "realiseringsgrad",
        "status": "status", "year": "år", "planned_ytd": "planlagt hittil i år", "realised_ytd": "realisert hittil i år",
        "rate_ytd": "realiseringsgrad hittil i år", "forecast": "prognose for året", "area": "område",
        "kind": "type", "severity": "alvor", "source": "kjelde", "file": "fil", "related_initiative": "anna tiltak",
        "message": "melding", "line": "linje", "column": "kolonne", "field": "felt", "reason": "grunn", "text": "tekst",
        "forecast_source": "kjelde for prognose", "plan": "plan", "requirement": "innsparingskrav",
        "planned_budget": "planlagt budsjettgevinst", "gap": "manglar", "coverage": "dekningsgrad",
        "forecast_gap": "manglar etter prognose",
    ]

    private static let bokmalHeaders = nynorskHeaders.merging([
        "org_unit": "enhet", "n": "antall verdier", "change_prev": "endring fra forrige periode",
        "change_yoy": "endring på ett år", "ols_slope": "stigningstall (OLS)", "sen_slope": "stigningstall (Sen)",
        "seasonal_sen_slope": "sesongjustert stigningstall (Sen)", "realised_source": "kilde for realisert",
        "source": "kilde", "related_initiative": "annet tiltak", "forecast_source": "kilde for prognose",
        "gap": "mangler", "forecast_gap": "mangler etter prognose",
    ]) { $1 }

    /// The words of `GainType`, `GainStatus`, the realised source, `ForecastSource`, the budget
    /// balance's status, `PeriodKind`, `TrendDirection` and `TrendAssessment`.
    private static let nynorskWords = [
        "budget": "budsjett", "efficiency": "effektivisering", "time": "tid", "quality": "kvalitet",
        "green": "grøn", "yellow": "gul", "red": "raud", "status:none": "ingen plan", "status:future": "ikkje starta",
        "none": "ingen",
        "reported": "rapportert", "derived": "utrekna", "finance": "økonomi", "computed": "utrekna",
        "balanced": "i balanse", "not_balanced": "ikkje i balanse",
        "month": "månad", "quarter": "kvartal", "year": "år",
        "increasing": "aukande", "decreasing": "minkande", "no_trend": "ingen trend",
        "improving": "betring", "worsening": "forverring", "stable": "stabil", "n/a": "ikkje vurdert",
    ]

    private static let bokmalWords = nynorskWords.merging([
        "green": "grønn", "red": "rød", "status:future": "ikke startet", "derived": "beregnet", "computed": "beregnet", "not_balanced": "ikke i balanse", "month": "måned",
        "increasing": "økende", "decreasing": "synkende", "improving": "bedring", "n/a": "ikke vurdert",
    ]) { $1 }
}

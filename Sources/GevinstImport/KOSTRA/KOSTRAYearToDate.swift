import GevinstCore

/// Quarterly KOSTRA files hold the year to date; the stored value of a quarter is its own part:
/// Q1 = YTD(1), Qn = YTD(n) − YTD(n−1) for the same identity and key, a key absent from a quarter
/// counting 0. A file of the year's accounts gives year values as they are.
enum KOSTRAYearToDate {
    /// The values `yearToDate` (the sums of the file of `identity`) gives for its period.
    /// `previous` is what the same identity's previous quarter summed to, or nil when that quarter
    /// was never imported; it is ignored for the year's accounts and the first quarter.
    static func periodValues(identity: KOSTRAIdentity, yearToDate: [KOSTRAKey: Int64],
                             previous: [KOSTRAKey: Int64]?) -> KOSTRAPeriodValues {
        guard let before = identity.previousQuarter else {
            return .values(period: identity.period, yearToDate)
        }
        guard let previous else {
            return .gap(KOSTRAYearToDateGap(identity: identity, missing: before.period))
        }
        var values = yearToDate
        // Both sums lie within ±KOSTRAMapping.largestSum, so the difference fits.
        for (key, earlier) in previous { values[key, default: 0] -= earlier }
        return .values(period: identity.period, values)
    }
}

/// What a file contributes for its period.
enum KOSTRAPeriodValues: Sendable, Equatable {
    /// Per indicator and org unit, the value of `period` (NOK). A key held by the previous quarter
    /// but not by this one gets minus its earlier sum; one whose sum did not change gets 0.
    case values(period: Period, [KOSTRAKey: Int64])
    /// The quarter before was never imported: the quarter gets no value.
    case gap(KOSTRAYearToDateGap)
}

/// A quarterly file whose previous quarter is missing, for the `kostra_ytd_gap` finding.
struct KOSTRAYearToDateGap: Sendable, Equatable {
    let identity: KOSTRAIdentity
    /// The quarter whose file is missing.
    let missing: Period

    /// The quarter left without values.
    var quarter: Period { identity.period }

    /// The `kostra_ytd_gap` finding: the quarter left without values, and in `period` the
    /// quarter whose file is missing.
    func finding(source: String, file: String) -> Finding {
        var details = ["form": identity.form.code, "region": identity.region, "period": missing.description]
        if !identity.orgnr.isEmpty { details["orgnr"] = identity.orgnr }
        return Finding(.kostraYearToDateGap, source: source, file: file, quarter: Quarter(quarter), details: details)
    }
}

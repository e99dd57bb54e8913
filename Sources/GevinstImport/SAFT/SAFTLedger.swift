import GevinstCore

/// What a SAF-T Financial file yields for a source: the measurements (one per indicator, org
/// unit and month with matching lines), the findings of its checks, and the counts and sums the
/// checks compared.
///
/// ## Topics
/// - ``SAFTMeasurement``
/// - ``SAFTHeaderTotals``
/// - ``SAFTAccountTotal``
struct SAFTLedger: Sendable, Equatable {
    /// Sorted by indicator (in the order of `SAFTOptions.indicators`), org unit and month.
    let measurements: [SAFTMeasurement]
    /// Header totals that differ from the lines, unbalanced transactions, Periods outside 1–12 and
    /// lines without the configured analysis; `file` is the display path, `source` is left to the
    /// caller.
    let findings: [Finding]
    /// `GeneralLedgerEntries`' own NumberOfEntries, TotalDebit and TotalCredit.
    let header: SAFTHeaderTotals
    /// Transactions in `GeneralLedgerEntries/Journal`.
    let transactions: Int
    /// Lines of those transactions.
    let lines: Int
    /// Sum of every line's DebitAmount/Amount.
    let totalDebit: Amount
    /// Sum of every line's CreditAmount/Amount.
    let totalCredit: Amount
    /// Transactions per month (the month each transaction was counted in).
    let transactionsPerMonth: [Period: Int]
    /// Debit and credit sums per AccountID, over all lines.
    let accounts: [String: SAFTAccountTotal]
    /// The document's encoding as declared or detected.
    let encoding: String
}

/// The signed sum of one indicator's matching lines in one org unit and month.
struct SAFTMeasurement: Sendable, Hashable {
    let indicator: String
    /// The line's AnalysisID of the configured type, `unassigned` without one, or `total` when no
    /// analysis type is configured.
    let orgUnit: String
    let month: Period
    /// Debit minus credit, or credit minus debit for a credit-positive indicator.
    let amount: Amount
    /// Lines that went into the amount.
    let lines: Int
}

/// The totals a SAF-T file states about its own general ledger entries; nil where absent.
struct SAFTHeaderTotals: Sendable, Hashable {
    let numberOfEntries: Int?
    let totalDebit: Amount?
    let totalCredit: Amount?

    init(numberOfEntries: Int?, totalDebit: Amount?, totalCredit: Amount?) {
        self.numberOfEntries = numberOfEntries
        self.totalDebit = totalDebit
        self.totalCredit = totalCredit
    }
}

/// Debit and credit sums of one account.
struct SAFTAccountTotal: Sendable, Hashable {
    var debit: Amount
    var credit: Amount

    init(debit: Amount, credit: Amount) {
        self.debit = debit
        self.credit = credit
    }
}

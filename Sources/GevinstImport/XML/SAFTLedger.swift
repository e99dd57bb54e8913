public import GevinstCore

/// What a SAF-T Financial file yields for a source: the measurements (one per indicator, org
/// unit and month with matching lines), the findings of its checks, and the counts and sums the
/// checks compared.
///
/// ## Topics
/// - ``SAFTMeasurement``
/// - ``SAFTHeaderTotals``
/// - ``SAFTAccountTotal``
public struct SAFTLedger: Sendable, Equatable {
    /// Sorted by indicator (in the order of `SAFTOptions.indicators`), org unit and month.
    public let measurements: [SAFTMeasurement]
    /// Header totals that differ from the lines, unbalanced transactions, Periods outside 1–12 and
    /// lines without the configured analysis; `file` is the display path, `source` is left to the
    /// caller.
    public let findings: [Finding]
    /// `GeneralLedgerEntries`' own NumberOfEntries, TotalDebit and TotalCredit.
    public let header: SAFTHeaderTotals
    /// Transactions in `GeneralLedgerEntries/Journal`.
    public let transactions: Int
    /// Lines of those transactions.
    public let lines: Int
    /// Sum of every line's DebitAmount/Amount.
    public let totalDebit: Amount
    /// Sum of every line's CreditAmount/Amount.
    public let totalCredit: Amount
    /// Transactions per month (the month each transaction was counted in).
    public let transactionsPerMonth: [Period: Int]
    /// Debit and credit sums per AccountID, over all lines.
    public let accounts: [String: SAFTAccountTotal]
    /// The document's encoding as declared or detected.
    public let encoding: String
}

/// The signed sum of one indicator's matching lines in one org unit and month.
public struct SAFTMeasurement: Sendable, Hashable {
    public let indicator: String
    /// The line's AnalysisID of the configured type, `unassigned` without one, or `total` when no
    /// analysis type is configured.
    public let orgUnit: String
    public let month: Period
    /// Debit minus credit, or credit minus debit for a credit-positive indicator.
    public let amount: Amount
    /// Lines that went into the amount.
    public let lines: Int
}

/// The totals a SAF-T file states about its own general ledger entries; nil where absent.
public struct SAFTHeaderTotals: Sendable, Hashable {
    public let numberOfEntries: Int?
    public let totalDebit: Amount?
    public let totalCredit: Amount?

    public init(numberOfEntries: Int?, totalDebit: Amount?, totalCredit: Amount?) {
        self.numberOfEntries = numberOfEntries
        self.totalDebit = totalDebit
        self.totalCredit = totalCredit
    }
}

/// Debit and credit sums of one account.
public struct SAFTAccountTotal: Sendable, Hashable {
    public var debit: Amount
    public var credit: Amount

    public init(debit: Amount, credit: Amount) {
        self.debit = debit
        self.credit = credit
    }
}

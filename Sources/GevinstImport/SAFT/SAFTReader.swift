import GevinstCore

/// Reads a SAF-T Financial file (`format: saft`, SPEC §5) into monthly sums per indicator and org
/// unit, checking it as it goes.
///
/// Only `GeneralLedgerEntries` is read: its header totals, and each `Journal/Transaction` with its
/// `Line`s. Elements match by local name, so any namespace prefix (or none) works. Amounts are
/// `xs:decimal` (a decimal point) and are summed exactly in øre.
///
/// Checks become findings, not failures: header totals and entry count against the lines,
/// each transaction's balance, Periods outside 1–12, lines without the configured analysis.
/// The file fails (`XMLReadError.invalidSAFT`) only when it cannot be summed: a root element other
/// than `AuditFile`, an amount or count that is not a number, a transaction whose month cannot be
/// told, sums beyond what 64-bit øre hold, or a field longer than 64 KiB.
struct SAFTReader: Sendable {
    let path: String
    /// How errors and findings name the file (relative to the pipeline's root).
    let relativePath: String
    let options: SAFTOptions

    /// At most this many transactions are named one by one in findings of one kind; the rest are
    /// counted in one summary finding.
    static let listedFindings = 20

    init(path: String, relativePath: String? = nil, options: SAFTOptions) {
        self.path = path
        self.relativePath = relativePath ?? path
        self.options = options
    }

    func read() throws(XMLReadError) -> SAFTLedger {
        let handler = SAFTHandler(options: options, file: relativePath)
        let stream = XMLStream(path: path, relativePath: relativePath, handler: handler)
        try stream.runTyped()
        return handler.ledger(encoding: stream.encoding ?? "UTF-8")
    }
}

/// Hands libxml2's events to a `SAFTLedgerBuilder`. The builder is a struct kept behind a pointer,
/// so the per-event path makes none of the dynamic exclusivity checks Swift makes on class
/// properties.
final class SAFTHandler: XMLEventHandler {
    private let builder: UnsafeMutablePointer<SAFTLedgerBuilder>

    init(options: SAFTOptions, file: String) {
        builder = .allocate(capacity: 1)
        builder.initialize(to: SAFTLedgerBuilder(options: options, file: file))
    }

    deinit {
        builder.deinitialize(count: 1)
        builder.deallocate()
    }

    func prepare(_ names: XMLNameTable) { builder.pointee.prepare(names) }
    func startElement(_ element: XMLElementStart) throws { try builder.pointee.startElement(element) }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws { try builder.pointee.text(bytes) }
    func endElement(_ name: XMLName) throws { try builder.pointee.endElement() }
    func ledger(encoding: String) -> SAFTLedger { builder.pointee.ledger(encoding: encoding) }
}

/// The SAF-T state machine: one context per open element, text kept only for the leaf fields read.
struct SAFTLedgerBuilder {
    private enum Context: UInt8 {
        case document, auditFile, ignored, ledger, journal, transaction, line, analysis, debit, credit
        case numberOfEntries, totalDebit, totalCredit
        case transactionID, period, periodYear, transactionDate
        case recordID, accountID, analysisType, analysisID, debitAmount, creditAmount

        var collectsText: Bool { rawValue >= Context.numberOfEntries.rawValue }

        /// The element a text-collecting context reads.
        var element: String {
            switch self {
            case .numberOfEntries: "NumberOfEntries"
            case .totalDebit: "TotalDebit"
            case .totalCredit: "TotalCredit"
            case .transactionID: "TransactionID"
            case .period: "Period"
            case .periodYear: "PeriodYear"
            case .transactionDate: "TransactionDate"
            case .recordID: "RecordID"
            case .accountID: "AccountID"
            case .analysisType: "AnalysisType"
            case .analysisID: "AnalysisID"
            case .debitAmount: "DebitAmount/Amount"
            case .creditAmount: "CreditAmount/Amount"
            default: "\(self)"
            }
        }
    }

    private struct Names {
        let auditFile, generalLedgerEntries, numberOfEntries, totalDebit, totalCredit, journal: XMLName
        let transaction, transactionID, period, periodYear, transactionDate: XMLName
        let line, recordID, accountID, analysis, analysisType, analysisID, debitAmount, creditAmount, amount: XMLName

        init(_ table: XMLNameTable) {
            auditFile = table.intern("AuditFile")
            generalLedgerEntries = table.intern("GeneralLedgerEntries")
            numberOfEntries = table.intern("NumberOfEntries")
            totalDebit = table.intern("TotalDebit")
            totalCredit = table.intern("TotalCredit")
            journal = table.intern("Journal")
            transaction = table.intern("Transaction")
            transactionID = table.intern("TransactionID")
            period = table.intern("Period")
            periodYear = table.intern("PeriodYear")
            transactionDate = table.intern("TransactionDate")
            line = table.intern("Line")
            recordID = table.intern("RecordID")
            accountID = table.intern("AccountID")
            analysis = table.intern("Analysis")
            analysisType = table.intern("AnalysisType")
            analysisID = table.intern("AnalysisID")
            debitAmount = table.intern("DebitAmount")
            creditAmount = table.intern("CreditAmount")
            amount = table.intern("Amount")
        }
    }

    private struct Transaction {
        var position = XMLPosition(line: 0, column: 0)
        var id = ""
        var period = ""
        var periodYear = ""
        var date = ""
        var debit = Amount.zero
        var credit = Amount.zero
        /// This transaction's sums per (indicator, org unit), added to a month at its end.
        var pending: [(indicator: Int, orgUnit: String, amount: Amount, lines: Int)] = []
    }

    private struct Line {
        var position = XMLPosition(line: 0, column: 0)
        var recordID = ""
        var account = ""
        var debit = Amount.zero
        var credit = Amount.zero
        var orgUnit: String?
    }

    private struct MeasurementKey: Hashable {
        let indicator: Int
        let orgUnit: String
        let month: Period
    }

    /// SAF-T's fields are short; a longer one is not SAF-T, and memory must not follow it.
    static let maximumFieldBytes = 1 << 16
    /// Distinct accounts whose matching indicators are remembered.
    private static let cachedAccounts = 10_000

    private let options: SAFTOptions
    private let file: String
    private var names: Names?
    private var stack: [Context] = []
    private var text: [UInt8] = []
    /// Where the numeric field being read starts, for error messages.
    private var fieldPosition = XMLPosition(line: 0, column: 0)

    private var transaction = Transaction()
    private var line = Line()
    private var analysisType = ""
    private var analysisID = ""
    private var matchingIndicators: [String: [Int]] = [:]

    private var numberOfEntries: Int?
    private var headerDebit: Amount?
    private var headerCredit: Amount?
    private var transactions = 0
    private var lines = 0
    private var totalDebit = Amount.zero
    private var totalCredit = Amount.zero
    private var transactionsPerMonth: [Period: Int] = [:]
    private var accounts: [String: SAFTAccountTotal] = [:]
    private var sums: [MeasurementKey: (amount: Amount, lines: Int)] = [:]
    private var linesWithoutAnalysis: [Int]
    private var unbalanced = 0
    private var unbalancedFindings: [Finding] = []
    private var periodsOutOfRange = 0
    private var periodFindings: [Finding] = []

    init(options: SAFTOptions, file: String) {
        self.options = options
        self.file = file
        linesWithoutAnalysis = Array(repeating: 0, count: options.indicators.count)
    }

    mutating func prepare(_ table: XMLNameTable) { names = Names(table) }

    // MARK: - Events

    mutating func startElement(_ element: XMLElementStart) throws {
        let n = names!
        let name = element.name
        let context: Context
        switch stack.last ?? .document {
        case .document:
            guard name == n.auditFile else {
                let position = element.position
                throw XMLReadError.invalidSAFT(file: file, line: position.line, column: position.column,
                                               reason: "the root element is <\(String(cString: name))>, not <AuditFile>")
            }
            context = .auditFile
        case .auditFile:
            context = name == n.generalLedgerEntries ? .ledger : .ignored
        case .ledger:
            if name == n.numberOfEntries { context = .numberOfEntries }
            else if name == n.totalDebit { context = .totalDebit }
            else if name == n.totalCredit { context = .totalCredit }
            else if name == n.journal { context = .journal }
            else { context = .ignored }
        case .journal:
            if name == n.transaction {
                transaction.position = element.position
                context = .transaction
            } else {
                context = .ignored
            }
        case .transaction:
            if name == n.line {
                line = Line(position: element.position)
                context = .line
            }
            else if name == n.transactionID { context = .transactionID }
            else if name == n.period { context = .period }
            else if name == n.periodYear { context = .periodYear }
            else if name == n.transactionDate { context = .transactionDate }
            else { context = .ignored }
        case .line:
            if name == n.accountID { context = .accountID }
            else if name == n.analysis {
                analysisType = ""
                analysisID = ""
                context = .analysis
            }
            else if name == n.debitAmount { context = .debit }
            else if name == n.creditAmount { context = .credit }
            else if name == n.recordID { context = .recordID }
            else { context = .ignored }
        case .analysis:
            if name == n.analysisType { context = .analysisType }
            else if name == n.analysisID { context = .analysisID }
            else { context = .ignored }
        case .debit:
            context = name == n.amount ? .debitAmount : .ignored
        case .credit:
            context = name == n.amount ? .creditAmount : .ignored
        default:
            context = .ignored
        }
        if context.collectsText {
            text.removeAll(keepingCapacity: true)
            switch context {
            case .numberOfEntries, .totalDebit, .totalCredit, .debitAmount, .creditAmount: fieldPosition = element.position
            default: break
            }
        }
        stack.append(context)
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let context = stack.last, context.collectsText else { return }
        guard text.count + bytes.count <= Self.maximumFieldBytes else {
            let position = stack.contains(.line) ? line.position : stack.contains(.transaction) ? transaction.position : fieldPosition
            throw XMLReadError.invalidSAFT(file: file, line: position.line, column: position.column,
                                           reason: "a \(context.element) value is longer than 64 KiB")
        }
        text.append(contentsOf: bytes)
    }

    mutating func endElement() throws {
        let context = stack.removeLast()
        switch context {
        case .numberOfEntries: numberOfEntries = try wholeNumber("NumberOfEntries")
        case .totalDebit: headerDebit = try amount("TotalDebit", largest: .greatestFiniteMagnitude)
        case .totalCredit: headerCredit = try amount("TotalCredit", largest: .greatestFiniteMagnitude)
        case .transactionID: transaction.id = trimmedText()
        case .period: transaction.period = trimmedText()
        case .periodYear: transaction.periodYear = trimmedText()
        case .transactionDate: transaction.date = trimmedText()
        case .recordID: line.recordID = trimmedText()
        case .accountID: line.account = trimmedText()
        case .analysisType: analysisType = trimmedText()
        case .analysisID: analysisID = trimmedText()
        case .analysis:
            if line.orgUnit == nil, let wanted = options.analysisType, analysisType == wanted, !analysisID.isEmpty {
                line.orgUnit = analysisID
            }
        case .debitAmount: line.debit = try add(line.debit, try amount("DebitAmount/Amount", largest: .greatestFiniteMagnitude))
        case .creditAmount: line.credit = try add(line.credit, try amount("CreditAmount/Amount", largest: .greatestFiniteMagnitude))
        case .line: try finishLine()
        case .transaction: try finishTransaction()
        default: break
        }
    }

    // MARK: - Lines and transactions

    private mutating func finishLine() throws {
        lines += 1
        totalDebit = try add(totalDebit, line.debit)
        totalCredit = try add(totalCredit, line.credit)
        transaction.debit = try add(transaction.debit, line.debit)
        transaction.credit = try add(transaction.credit, line.credit)
        var account = accounts[line.account] ?? SAFTAccountTotal(debit: .zero, credit: .zero)
        account.debit = try add(account.debit, line.debit)
        account.credit = try add(account.credit, line.credit)
        accounts[line.account] = account

        var matches: [Int]
        if let cached = matchingIndicators[line.account] {
            matches = cached
        } else {
            let account = line.account
            matches = options.indicators.indices.filter { options.indicators[$0].matches(account) }
            if matchingIndicators.count < Self.cachedAccounts { matchingIndicators[account] = matches }
        }
        for indicator in matches {
            let amount = options.indicators[indicator].creditPositive
                ? try subtract(line.credit, line.debit) : try subtract(line.debit, line.credit)
            let orgUnit: String
            if options.analysisType == nil {
                orgUnit = OrgUnit.total
            } else if let unit = line.orgUnit {
                orgUnit = unit
            } else {
                orgUnit = OrgUnit.unassigned
                linesWithoutAnalysis[indicator] += 1
            }
            if let index = transaction.pending.firstIndex(where: { $0.indicator == indicator && $0.orgUnit == orgUnit }) {
                transaction.pending[index].amount = try add(transaction.pending[index].amount, amount)
                transaction.pending[index].lines += 1
            } else {
                transaction.pending.append((indicator, orgUnit, amount, 1))
            }
        }
    }

    private mutating func finishTransaction() throws {
        transactions += 1
        let month = try transactionMonth()
        transactionsPerMonth[month, default: 0] += 1
        if transaction.debit != transaction.credit {
            unbalanced += 1
            if unbalanced <= SAFTReader.listedFindings {
                unbalancedFindings.append(Finding(.saftUnbalancedTransaction, file: file, details: [
                    "transaction": transaction.id, "debit": transaction.debit.description,
                    "credit": transaction.credit.description,
                    "difference": (try subtract(transaction.debit, transaction.credit)).description,
                    "line": String(transaction.position.line), "column": String(transaction.position.column),
                ]))
            }
        }
        for entry in transaction.pending {
            let key = MeasurementKey(indicator: entry.indicator, orgUnit: entry.orgUnit, month: month)
            let sum = sums[key] ?? (.zero, 0)
            sums[key] = (try add(sum.amount, entry.amount), sum.lines + entry.lines)
        }
        transaction.pending.removeAll(keepingCapacity: true)
        transaction.id = ""
        transaction.period = ""
        transaction.periodYear = ""
        transaction.date = ""
        transaction.debit = .zero
        transaction.credit = .zero
    }

    /// PeriodYear + Period when Period is 1–12, else the month of TransactionDate (with a finding).
    private mutating func transactionMonth() throws -> Period {
        if let period = Int(transaction.period), (1...12).contains(period),
           let year = Int(transaction.periodYear), (1000...9999).contains(year) {
            return .month(year, period)
        }
        var date = transaction.date
        if date.utf8.count > 10, let marker = date.utf8.dropFirst(10).first,
           [UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "T")].contains(marker) {
            date = String(date.prefix(10))   // xs:date with a time zone
        }
        guard let month = Period(date), month.kind == .month else {
            throw XMLReadError.invalidSAFT(
                file: file, line: transaction.position.line, column: transaction.position.column,
                reason: "transaction '\(transaction.id)' has Period '\(transaction.period.excerpt)' and PeriodYear '\(transaction.periodYear.excerpt)', "
                    + "which give no month 1–12, and TransactionDate '\(transaction.date.excerpt)' is not a date")
        }
        periodsOutOfRange += 1
        if periodsOutOfRange <= SAFTReader.listedFindings {
            periodFindings.append(Finding(.saftPeriodOutOfRange, file: file, details: [
                "transaction": transaction.id, "period": transaction.period, "period_year": transaction.periodYear,
                "transaction_date": transaction.date, "month": month.description,
                "line": String(transaction.position.line), "column": String(transaction.position.column),
            ]))
        }
        return month
    }

    // MARK: - Values

    private func trimmedText() -> String {
        text.withUnsafeBufferPointer { String(decoding: trimmedSpaces($0), as: UTF8.self) }
    }

    private func invalid(_ reason: String) -> XMLReadError {
        .invalidSAFT(file: file, line: fieldPosition.line, column: fieldPosition.column, reason: reason)
    }

    /// `largest`: amounts are summed exactly in øre and checked as the measurements they make
    /// (`FileImport.importMeasurements`), and control totals are only compared, so neither is held to 10^15.
    private func amount(_ field: String, largest: Double = NumberParser.largest) throws -> Amount {
        let parsed = text.withUnsafeBufferPointer { NumberParser.parse(utf8: trimmedSpaces($0), mark: .point, largest: largest) }
        switch parsed {
        case .success(let number):
            guard let money = Amount(number) else { throw invalid("\(field) '\(trimmedText().excerpt)' has too many digits") }
            return money
        case .failure(let error):
            throw invalid("\(field): \(error)\(line.recordID.isEmpty ? "" : " (Line RecordID \(line.recordID))")")
        }
    }

    private func wholeNumber(_ field: String) throws -> Int {
        guard let value = Int(trimmedText()), value >= 0 else { throw invalid("\(field) '\(trimmedText().excerpt)' is not a whole number") }
        return value
    }

    private func add(_ a: Amount, _ b: Amount) throws -> Amount {
        let (sum, overflow) = a.hundredths.addingReportingOverflow(b.hundredths)
        guard !overflow else { throw overflowError() }
        return Amount(hundredths: sum)
    }

    private func subtract(_ a: Amount, _ b: Amount) throws -> Amount {
        let (difference, overflow) = a.hundredths.subtractingReportingOverflow(b.hundredths)
        guard !overflow else { throw overflowError() }
        return Amount(hundredths: difference)
    }

    private func overflowError() -> XMLReadError {
        .invalidSAFT(file: file, line: line.position.line, column: line.position.column,
                     reason: "the amounts add up beyond ±92 233 720 368 547 758.07 and cannot be summed exactly")
    }

    // MARK: - Result

    func ledger(encoding: String) -> SAFTLedger {
        var findings: [Finding] = []
        func mismatch(_ total: String, declared: String, computed: String) {
            findings.append(Finding(.saftTotalsMismatch, file: file, details: ["total": total, "declared": declared, "computed": computed]))
        }
        if let numberOfEntries, numberOfEntries != transactions {
            mismatch("NumberOfEntries", declared: String(numberOfEntries), computed: String(transactions))
        }
        if let headerDebit, headerDebit != totalDebit {
            mismatch("TotalDebit", declared: headerDebit.description, computed: totalDebit.description)
        }
        if let headerCredit, headerCredit != totalCredit {
            mismatch("TotalCredit", declared: headerCredit.description, computed: totalCredit.description)
        }
        findings += unbalancedFindings
        if unbalanced > SAFTReader.listedFindings {
            findings.append(Finding(.saftUnbalancedTransaction, file: file,
                                    details: ["count": String(unbalanced), "listed": String(SAFTReader.listedFindings)]))
        }
        findings += periodFindings
        if periodsOutOfRange > SAFTReader.listedFindings {
            findings.append(Finding(.saftPeriodOutOfRange, file: file,
                                    details: ["count": String(periodsOutOfRange), "listed": String(SAFTReader.listedFindings)]))
        }
        for (index, count) in linesWithoutAnalysis.enumerated() where count > 0 {
            findings.append(Finding(.saftLineWithoutAnalysis, file: file, indicator: options.indicators[index].indicator,
                                    orgUnit: OrgUnit.unassigned, details: ["analysis_type": options.analysisType ?? "", "count": String(count)]))
        }
        let measurements = sums
            .sorted { ($0.key.indicator, $0.key.orgUnit, $0.key.month.ordinal) < ($1.key.indicator, $1.key.orgUnit, $1.key.month.ordinal) }
            .map { SAFTMeasurement(indicator: options.indicators[$0.key.indicator].indicator, orgUnit: $0.key.orgUnit,
                                   month: $0.key.month, amount: $0.value.amount, lines: $0.value.lines) }
        return SAFTLedger(measurements: measurements, findings: findings,
                          header: SAFTHeaderTotals(numberOfEntries: numberOfEntries, totalDebit: headerDebit, totalCredit: headerCredit),
                          transactions: transactions, lines: lines, totalDebit: totalDebit, totalCredit: totalCredit,
                          transactionsPerMonth: transactionsPerMonth, accounts: accounts, encoding: encoding)
    }
}

import GevinstCore

/// SAF-T Financial ledgers (`format: saft`): the general ledger's lines summed into monthly
/// measurements per indicator and org unit. `inspect` shows these files as XML.
struct SAFTFormat: InputFormat {
    var format: SourceFormat { .saft }
    var pipelineKeys: [String] { ["accounts", "sign", "org_unit"] }

    func check(_ source: Source) throws(SourceProblem) {
        guard source.kind == .measurements else {
            throw SourceProblem(key: nil, "source '\(source.id)': format saft yields measurements; set kind: measurements")
        }
    }

    func load(_ file: SniffedFile, into fileImport: inout FileImport) throws -> FileDialect {
        let ledger = try LedgerImport.read(path: file.path, display: file.display, source: file.source)
        try fileImport.importMeasurements(ledger.rows, ledgerIndicators: ledger.indicators, findings: ledger.findings)
        return FileDialect(encoding: nil, delimiter: nil, decimalMark: .point)
    }
}

/// Reads a SAF-T Financial ledger into monthly measurements per indicator and org unit.
enum LedgerImport {
    static func read(path: String, display: String, source: Source) throws(ImportError)
        -> (rows: [MeasurementRow], indicators: [String], findings: [Finding]) {
        let ledger: SAFTLedger
        do {
            ledger = try SAFTReader(path: path, relativePath: display, options: source.saft!).read()
        } catch {
            throw XMLRows.importError(error)
        }
        let rows = ledger.measurements.map {
            MeasurementRow(indicator: $0.indicator, orgUnit: $0.orgUnit, period: $0.month, value: $0.amount.value)
        }
        let findings = ledger.findings.map { finding in
            var finding = finding
            finding.source = finding.source ?? source.id
            finding.file = finding.file ?? display
            return finding
        }
        return (rows, source.saft!.indicators.map(\.indicator), findings)
    }
}

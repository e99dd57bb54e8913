import Foundation
import GevinstCore
import GevinstImport
import Testing

/// Throughput on generated files of about `GEVINST_XML_THROUGHPUT_MB` MB (off unless that variable
/// is set; run in a release build: `GEVINST_XML_THROUGHPUT_MB=100 swift test -c release --filter XMLThroughput`).
@Suite("XML throughput", .serialized, .enabled(if: ProcessInfo.processInfo.environment["GEVINST_XML_THROUGHPUT_MB"] != nil))
struct XMLThroughputTests {
    static let megabytes = Int(ProcessInfo.processInfo.environment["GEVINST_XML_THROUGHPUT_MB"] ?? "") ?? 100
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-xml-throughput")

    /// Writes `unit(i)` for i = 0, 1, … between `head` and `tail` until the file holds about
    /// `megabytes` MB, in 1 MB pieces.
    static func generate(_ name: String, head: String, tail: String, unit: (Int) -> String) throws -> (path: String, bytes: Int) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        let target = megabytes * 1_000_000
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size > target {
            return (url.path, size)
        }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        var piece = head
        var index = 0
        while written + piece.utf8.count < target {
            piece += unit(index)
            index += 1
            if piece.utf8.count > 1_000_000 {
                try handle.write(contentsOf: Data(piece.utf8))
                written += piece.utf8.count
                piece = ""
            }
        }
        piece += tail
        try handle.write(contentsOf: Data(piece.utf8))
        return (url.path, written + piece.utf8.count)
    }

    /// Absence records of an HR export, 200 to an enclosing unit.
    static func recordsFile() throws -> (path: String, bytes: Int) {
        try generate("records.xml", head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Fravaersrapport xmlns=\"urn:example:hr\">\n",
                     tail: "</Eining>\n</Fravaersrapport>\n") { index in
            let unit = index / 200
            let start = index % 200 == 0 ? (index == 0 ? "" : "</Eining>\n") + "<Eining kode=\"E\(unit)\">\n" : ""
            return start + "  <Fravaer eining=\"A\(index % 97)\" kjelde=\"HR\"><Periode>20\(10 + index % 15)K\(1 + index % 4)</Periode>"
                + "<Prosent>\(index % 13),\(index % 100)</Prosent><Merknad>Registrert av system</Merknad></Fravaer>\n"
        }
    }

    /// Wall-clock time and this thread's CPU time: on a shared machine the CPU time shows what the
    /// code costs, the wall time what a run waited.
    struct Timer {
        let wall = ContinuousClock.now
        let cpu = Timer.threadCPUSeconds()

        static func threadCPUSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }

        func report(_ label: String, bytes: Int, extra: String) {
            let wallSeconds = (ContinuousClock.now - wall) / .seconds(1)
            let cpuSeconds = Timer.threadCPUSeconds() - cpu
            let mebibytes = Double(bytes) / 1_048_576
            print("THROUGHPUT \(label): \(Int(mebibytes)) MiB; wall \(String(format: "%.2f", wallSeconds)) s = "
                  + "\(String(format: "%.1f", mebibytes / wallSeconds)) MiB/s; CPU \(String(format: "%.2f", cpuSeconds)) s = "
                  + "\(String(format: "%.1f", mebibytes / cpuSeconds)) MiB/s; \(extra)")
        }
    }

    @Test("Generic records, trimmed by the reader, with the import's per-row work (missing tokens, number, period)")
    func genericRecords() throws {
        let file = try Self.recordsFile()
        let mapping = try XMLRecordMapping(record: "Fravaer", paths: ["@eining", "Periode", "Prosent", "ancestor::Eining/@kode"].map { try XMLFieldPath($0) })
        let missing = MissingTokens.defaults
        var records = 0
        var checksum = 0.0
        let timer = Timer()
        try XMLRecordReader(path: file.path, mapping: mapping, trimming: true).forEachRecord { record in
            records += 1
            let values = record.values.map { value in value.flatMap { missing.contains($0) ? nil : $0 } }
            guard let text = values[2], case .success(let number) = NumberParser.parse(text, mark: .comma),
                  let period = values[1].flatMap(Period.init), values[0] != nil else { return }
            checksum += number.double + Double(period.ordinal % 7)
        }
        timer.report("generic records with the import's work", bytes: file.bytes, extra: "\(records) records, checksum \(checksum)")
        #expect(records > 0)
    }

    @Test("Generic records, reader alone")
    func genericRecordsReaderOnly() throws {
        let file = try Self.recordsFile()
        let mapping = try XMLRecordMapping(record: "Fravaer", paths: ["@eining", "Periode", "Prosent", "ancestor::Eining/@kode"].map { try XMLFieldPath($0) })
        var records = 0
        let timer = Timer()
        try XMLRecordReader(path: file.path, mapping: mapping).forEachRecord { _ in records += 1 }
        timer.report("generic records, reader alone", bytes: file.bytes, extra: "\(records) records")
    }

    @Test("SAF-T Financial ledger")
    func saft() throws {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <n1:AuditFile xmlns:n1="urn:StandardAuditFile-Taxation-Financial:NO">
            <n1:Header><n1:AuditFileVersion>1.0</n1:AuditFileVersion></n1:Header>
            <n1:GeneralLedgerEntries><n1:NumberOfEntries>0</n1:NumberOfEntries><n1:Journal><n1:JournalID>GL</n1:JournalID>

            """
        let file = try Self.generate("ledger.xml", head: head, tail: "</n1:Journal></n1:GeneralLedgerEntries></n1:AuditFile>\n") { index in
            let month = 1 + index % 12
            let date = "2024-\(month < 10 ? "0" : "")\(month)-15"
            func line(_ record: Int, _ account: Int, _ side: String, _ amount: String) -> String {
                """
                \t\t\t<n1:Line>
                \t\t\t\t<n1:RecordID>\(record)</n1:RecordID>
                \t\t\t\t<n1:AccountID>\(account)</n1:AccountID>
                \t\t\t\t<n1:Analysis><n1:AnalysisType>A</n1:AnalysisType><n1:AnalysisID>\(100 + index % 9)</n1:AnalysisID></n1:Analysis>
                \t\t\t\t<n1:Analysis><n1:AnalysisType>P</n1:AnalysisType><n1:AnalysisID>\(2000 + index % 31)</n1:AnalysisID></n1:Analysis>
                \t\t\t\t<n1:ValueDate>\(date)</n1:ValueDate>
                \t\t\t\t<n1:SourceDocumentID>\(index)</n1:SourceDocumentID>
                \t\t\t\t<n1:Description>Faktura \(index) frå leverandør</n1:Description>
                \t\t\t\t<n1:\(side)Amount><n1:Amount>\(amount)</n1:Amount></n1:\(side)Amount>
                \t\t\t\t<n1:TaxInformation><n1:TaxType>MVA</n1:TaxType><n1:TaxCode>1</n1:TaxCode><n1:TaxPercentage>25</n1:TaxPercentage></n1:TaxInformation>
                \t\t\t</n1:Line>

                """
            }
            let amount = "\(1000 + index % 5000).\(10 + index % 90)"
            return """
                \t\t<n1:Transaction>
                \t\t\t<n1:TransactionID>\(index)</n1:TransactionID>
                \t\t\t<n1:Period>\(month)</n1:Period>
                \t\t\t<n1:PeriodYear>2024</n1:PeriodYear>
                \t\t\t<n1:TransactionDate>\(date)</n1:TransactionDate>
                \t\t\t<n1:Description>Bilag \(index)</n1:Description>

                """ + line(1, 6000 + index % 1000, "Debit", amount) + line(2, 2400, "Credit", amount) + "\t\t</n1:Transaction>\n"
        }
        let options = SAFTOptions(indicators: [
            AccountSelection(indicator: "konsulent", accounts: [AccountPattern("6700-6799")!], creditPositive: false),
            AccountSelection(indicator: "drift", accounts: [AccountPattern("6000-6999")!], creditPositive: false),
            AccountSelection(indicator: "gjeld", accounts: [AccountPattern("2400")!], creditPositive: true),
        ], analysisType: "A")
        let timer = Timer()
        let ledger = try SAFTReader(path: file.path, options: options).read()
        timer.report("SAF-T", bytes: file.bytes,
                     extra: "\(ledger.transactions) transactions, \(ledger.lines) lines, \(ledger.measurements.count) measurements")
        #expect(ledger.totalDebit == ledger.totalCredit)
    }
}

import Foundation
import GevinstCore

/// KOSTRA accounting files (`format: kostra`): each file's lines summed per indicator and org unit,
/// quarterly files differenced against the quarter before (`KOSTRAYearToDate`), a newer file of
/// the same identity superseding the older one wherever it lies (`KOSTRAStore`).
struct KOSTRAFormat: InputFormat {
    var format: SourceFormat { .kostra }
    var pipelineKeys: [String] { ["form", "account_class", "indicators", "scale", "org_unit"] }

    func check(_ source: Source) throws(SourceProblem) {
        guard source.kind == .measurements else {
            throw SourceProblem(key: nil, "source '\(source.id)': format kostra yields measurements; set kind: measurements")
        }
        for form in source.kostra?.forms?.sorted() ?? [] where KOSTRAForm.named(form.utf8) == nil {
            throw SourceProblem(key: "form", "'\(form)' is no KOSTRA accounting form; forms: \(KOSTRAForm.all.map(\.code).joined(separator: ", "))")
        }
    }

    func load(_ file: SniffedFile, into fileImport: inout FileImport) throws -> FileDialect {
        let options = file.source.kostra!
        // A reject that cannot be stored (on_error: fail, a full disk) stops the file once reading ends.
        var failure: (any Error)?
        let sums: KOSTRAFileSums
        do {
            sums = try KOSTRAMapping(options: options).sums(path: file.path, displayPath: file.relativePath) { reject in
                guard failure == nil else { return }
                do {
                    try fileImport.rejectLine(RowProblem(reject.reason.kind, field: reject.reason.field, reason: reject.reason.description),
                                              line: reject.line, text: reject.text)
                } catch {
                    failure = error
                }
            }
        } catch {
            throw Self.importError(error)
        }
        if let failure { throw failure }
        try KOSTRAStore(db: fileImport.db, source: file.source.id, fileID: fileImport.fileID).store(sums, file: file.relativePath, into: &fileImport)
        return FileDialect(encoding: "iso-8859-1", delimiter: nil, decimalMark: .point)
    }

    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)? {
        guard request.path.lowercased().hasSuffix(".dat") || Self.looksLikeKOSTRA(head) else { return nil }
        do {
            return try KOSTRAInspection.inspect(path: request.path)
        } catch {
            throw Self.importError(error)
        }
    }

    /// True when the first line is a 48-character record of a known form: `inspect` shows such a
    /// file as KOSTRA, any other as the next format in the table would.
    static func looksLikeKOSTRA(_ head: [UInt8]) -> Bool {
        let end = head.firstIndex(of: 0x0A) ?? head.endIndex
        var line = head[..<end]
        if line.last == 0x0D { line = line.dropLast() }
        return line.count == KOSTRAReader.recordLength && KOSTRAForm.named(line.prefix(2)) != nil
            && line.prefix(7).dropFirst(2).allSatisfy { (0x30...0x39).contains($0) || $0 == 0x20 }
    }

    static func importError(_ error: KOSTRAError) -> ImportError {
        ImportError(source: nil, file: error.file, line: error.line, column: error.column, cause: error.cause, category: error.category)
    }
}

extension KOSTRAInspection: FileInspection {
    func text() -> String { lines.joined(separator: "\n") + "\n" }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONForm(self)), as: UTF8.self) + "\n"
    }

    /// The inspection for a program: codes as text, sums in whole 1 000 NOK.
    private struct JSONForm: Encodable {
        struct AccountClass: Encodable {
            let kontoklasse: String, kind: String?, records: Int, sum: Int64
        }
        struct Combination: Encodable {
            let kontoklasse: String, funksjon: String, art: String, records: Int, sum: Int64
        }
        struct Reject: Encodable {
            let line: Int, kind: String, reason: String
        }
        let form: String, year: Int, quarter: Int?, region: String, orgUnit: String, orgnr: String
        let lines: Int, records: Int, rejected: Int
        let accountClasses: [AccountClass]
        let largest: [Combination]
        let rejects: [Reject]

        init(_ inspection: KOSTRAInspection) {
            let identity = inspection.summary.identity
            func code(_ byte: UInt8) -> String { String(Character(Unicode.Scalar(byte))) }
            form = identity.form.code
            year = identity.year
            quarter = identity.quarter
            region = identity.region
            orgUnit = identity.regionUnit
            orgnr = identity.orgnr
            lines = inspection.summary.lines
            records = inspection.summary.records
            rejected = inspection.summary.rejected
            accountClasses = inspection.accountClasses.map { total in
                AccountClass(kontoklasse: code(total.code), kind: identity.form.accountClasses.first { $0.code == total.code }?.kind.rawValue,
                             records: total.records, sum: total.sum)
            }
            largest = inspection.largest.map {
                Combination(kontoklasse: code($0.accountClass), funksjon: $0.function, art: $0.art, records: $0.records, sum: $0.sum)
            }
            rejects = inspection.rejects.map { Reject(line: $0.line, kind: $0.reason.kind.rawValue, reason: $0.reason.description) }
        }
    }
}

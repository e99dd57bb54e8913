import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

@Suite("CSV reader")
struct CSVReaderTests {
    // MARK: Dialect

    @Test("quotes, escapes and the leniencies: stray quotes are literal, text after a closing quote is appended")
    func quoting() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("q.csv", "\"a,b\",\"say \"\"hi\"\"\",x\"y\"\n\"a\"b c,\"\",\" \"\n")
        #expect(try readFields(path).get() == [["a,b", "say \"hi\"", "x\"y\""], ["ab c", "", " "]])
    }

    @Test("fields are returned as read, spaces included")
    func noTrimming() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("s.csv", " a ; b\u{A0};\t\n")
        #expect(try readFields(path, csvOptions(delimiter: ";")).get() == [[" a ", " b\u{A0}", "\t"]])
    }

    @Test("a record's line is the physical line it starts on: CRLF, lone CR, multi-line quotes, empty lines")
    func lineNumbers() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("l.csv", "h1,h2\r\n\"a\r\nb\r\nc\",d\r\n\r\n\r\ne,\"f\rg\"\rh,i\n\ni,\"j\n\"\r\nk,l")
        let records = try readCSV(path).get()
        #expect(records.map(\.line) == [1, 2, 7, 9, 11, 13])
        #expect(records.map(\.fields) == [["h1", "h2"], ["a\r\nb\r\nc", "d"], ["e", "f\rg"], ["h", "i"], ["i", "j\n"], ["k", "l"]])
    }

    @Test("empty lines at the start and end, and an empty file, give no records")
    func emptyLines() throws {
        let directory = try CSVTemporaryDirectory()
        #expect(try readFields(directory.file("e.csv", "")).get() == [])
        #expect(try readFields(directory.file("n.csv", "\r\n\n\r")).get() == [])
        #expect(try readFields(directory.file("b.csv", [0xEF, 0xBB, 0xBF])).get() == [])
        let records = try readCSV(directory.file("m.csv", "\n\na,b\n\n")).get()
        #expect(records == [CSVRecord(line: 3, fields: ["a", "b"])])
    }

    // MARK: header_row

    @Test("header_row skips the title lines above the header and keeps counting them")
    func headerRow() throws {
        let directory = try CSVTemporaryDirectory()
        let text = "12345: Befolkning, etter \"region\"\r\n\r\n\"region\";\"2023\";\"2024\"\r\n\"0301 Oslo\";709037;717710\r\n"
        let path = try directory.file("ssb.csv", text)
        let reader = try CSVReader(path: path, options: csvOptions(headerRow: 3))
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(try reader.next().map(CSVRecord.init) == CSVRecord(line: 3, fields: ["region", "2023", "2024"]))
        #expect(try reader.next().map(CSVRecord.init) == CSVRecord(line: 4, fields: ["0301 Oslo", "709037", "717710"]))
        #expect(try reader.next() == nil)
    }

    @Test("header_row counts CR, LF and CRLF as one line break each")
    func headerRowLineBreaks() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("t.csv", "t1\rt2\r\nt3\nh\n")
        #expect(try readCSV(path, csvOptions(headerRow: 4)).get() == [CSVRecord(line: 4, fields: ["h"])])
        #expect(try readCSV(path, csvOptions(headerRow: 3)).get().map(\.line) == [3, 4])
        #expect(try readCSV(path, csvOptions(headerRow: 9)).get() == [])
    }

    // MARK: Delimiter detection

    @Test("delimiter auto picks each candidate", arguments: [",", ";", "\t", "|"])
    func detectsEachDelimiter(delimiter: String) throws {
        let directory = try CSVTemporaryDirectory()
        let rows = [["indikator", "eining", "periode", "verdi"], ["sjukefravaer", "0301", "2024K1", "6,1"],
                    ["sjukefravaer", "\"0302; Nord|, Sør\"", "2024K2", "5.9"]]
        let path = try directory.file("d.csv", rows.map { $0.joined(separator: delimiter) }.joined(separator: "\n") + "\n")
        let reader = try CSVReader(path: path)
        #expect(reader.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!))
        #expect(try readFields(path).get()[2][1] == "0302; Nord|, Sør")
    }

    @Test("a single-column file falls back to a comma")
    func singleColumn() throws {
        let directory = try CSVTemporaryDirectory()
        let reader = try CSVReader(path: directory.file("one.csv", "verdi\n12\n13\n"))
        #expect(reader.delimiter == UInt8(ascii: ","))
    }

    // MARK: Encodings

    @Test("Windows-1252 æøå: auto detects it from invalid UTF-8; declared works too")
    func windows1252() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("w.csv", Array("namn;by\n".utf8) + [0xE6, 0xF8, 0xE5, 0x3B, 0xC6, 0xD8, 0xC5, 0x0A])
        for encoding in [CSVEncoding.auto, .windows1252] {
            let reader = try CSVReader(path: path, options: csvOptions(encoding: encoding))
            #expect(reader.encoding == .windows1252)
            #expect(reader.delimiter == UInt8(ascii: ";"))
        }
        #expect(try readFields(path).get() == [["namn", "by"], ["æøå", "ÆØÅ"]])
    }

    @Test("Windows-1252 0x80–0xFF follow the WHATWG table; ISO-8859-1 is the identity")
    func singleByteTables() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("all.csv", Array(0x80...0xFF))
        let c1 = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
        let latin1 = String(String.UnicodeScalarView((0xA0...0xFF).map { Unicode.Scalar(UInt8($0)) }))
        #expect(try readFields(path, csvOptions(encoding: .windows1252)).get() == [[c1 + latin1]])
        let identity = String(String.UnicodeScalarView((0x80...0xFF).map { Unicode.Scalar(UInt8($0)) }))
        #expect(try readFields(path, csvOptions(encoding: .iso88591)).get() == [[identity]])
    }

    /// `text` as UTF-16 code units in the given byte order.
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test("UTF-16: byte order from the BOM, little-endian without one, surrogate pairs", arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        let directory = try CSVTemporaryDirectory()
        let text = "kommune;merknad\n4601 Bergen;\"Bjørgvin 🌧\"\n"
        let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        let path = try directory.file("u.csv", bom + Self.utf16(text, bigEndian: bigEndian))
        let expected = [["kommune", "merknad"], ["4601 Bergen", "Bjørgvin 🌧"]]
        for encoding in CSVEncoding.allCases {
            #expect(try readFields(path, csvOptions(encoding: encoding)).get() == expected)
        }
        if !bigEndian {
            let noBOM = try directory.file("n.csv", Self.utf16(text, bigEndian: false))
            #expect(try readFields(noBOM, csvOptions(encoding: .utf16)).get() == expected)
        }
    }

    @Test("UTF-16: a lone surrogate or an odd last byte names its line and offset")
    func utf16Errors() throws {
        let directory = try CSVTemporaryDirectory()
        let lone = try directory.file("s.csv", [0xFF, 0xFE] + Self.utf16("a\nb", bigEndian: false) + [0x00, 0xDC] + Self.utf16("\n", bigEndian: false))
        #expect(readFields(lone) == .failure(.undecodableBytes(path: lone, line: 2, byteOffset: 8, encoding: .utf16)))
        let odd = try directory.file("o.csv", [0xFF, 0xFE] + Self.utf16("a\n\nb", bigEndian: false) + [0x41])
        #expect(readFields(odd) == .failure(.undecodableBytes(path: odd, line: 3, byteOffset: 10, encoding: .utf16)))
        let cut = try directory.file("c.csv", [0xFE, 0xFF] + Self.utf16("a,🌧", bigEndian: true).dropLast(2))
        #expect(readFields(cut) == .failure(.undecodableBytes(path: cut, line: 1, byteOffset: 6, encoding: .utf16)))
    }

    @Test("invalid UTF-8 in a file read as UTF-8 names its line and byte offset, after the records before it")
    func invalidUTF8() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("bad.csv", Array("a,b\n\"c\nd\",".utf8) + [0xC3, 0x28] + Array(",e\n".utf8))
        let reader = try CSVReader(path: path, options: csvOptions(encoding: .utf8))
        #expect(try reader.next() != nil)
        #expect(throws: CSVError.undecodableBytes(path: path, line: 3, byteOffset: 10, encoding: .utf8)) { try reader.next() }
        let truncated = try directory.file("cut.csv", Array("a,b\nø".utf8).dropLast())
        #expect(readFields(truncated, csvOptions(encoding: .utf8))
            == .failure(.undecodableBytes(path: truncated, line: 2, byteOffset: 4, encoding: .utf8)))
    }

    @Test("a byte-order mark wins over the declared encoding")
    func byteOrderMarkWins() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("b.csv", [0xEF, 0xBB, 0xBF] + Array("år,ø\n".utf8))
        for encoding in CSVEncoding.allCases {
            #expect(try readFields(path, csvOptions(encoding: encoding)).get() == [["år", "ø"]])
        }
    }

    // MARK: Errors and limits

    @Test("an unterminated quote names the line where the quote opened, after the records before it; errors stick")
    func unterminatedQuote() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("u.csv", "a,b\r\nc,\"d\r\ne,f\r\n")
        let reader = try CSVReader(path: path)
        #expect(try reader.next() != nil)
        #expect(throws: CSVError.unterminatedQuote(path: path, line: 2)) { try reader.next() }
        #expect(throws: CSVError.unterminatedQuote(path: path, line: 2)) { try reader.next() }
        #expect(CSVError.unterminatedQuote(path: path, line: 2).description == "\(path):2: a quoted field opened on this line is never closed")
    }

    @Test("a record over the byte limit fails with the line it starts on; one at the limit passes")
    func recordLimit() throws {
        let directory = try CSVTemporaryDirectory()
        let atLimit = String(repeating: "x", count: 1000)
        let quoted = "\"" + String(repeating: "y\n", count: 600) + "\""
        let path = try directory.file("r.csv", "h\n\(atLimit)\n\(quoted)\nz\n")
        for chunkSize in [7, 256 * 1024] {
            let reader = try CSVReader(path: path, options: csvOptions(maxRecordBytes: 1000, chunkSize: chunkSize))
            #expect(try reader.next() != nil)
            #expect(try reader.next()?[0].count == 1000)
            #expect(throws: CSVError.recordTooLong(path: path, line: 3, limit: 1000)) { try reader.next() }
            #expect(throws: CSVError.recordTooLong(path: path, line: 3, limit: 1000)) { try reader.next() }
        }
        let last = try directory.file("last.csv", "h\n\(atLimit)x")
        #expect(readFields(last, csvOptions(maxRecordBytes: 1000)) == .failure(.recordTooLong(path: last, line: 2, limit: 1000)))
        let title = try directory.file("title.csv", "\(atLimit)x\nh\n")
        #expect(readFields(title, csvOptions(headerRow: 2, maxRecordBytes: 1000)) == .failure(.recordTooLong(path: title, line: 1, limit: 1000)))
    }

    @Test("a 2 GiB line without a line break fails fast with bounded memory")
    func hugeLine() throws {
        let directory = try CSVTemporaryDirectory()
        let path = directory.url.appendingPathComponent("huge.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("a,b\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let reader = try CSVReader(path: path, options: csvOptions(encoding: .utf8))
        #expect(try reader.next() != nil)
        let started = Date()
        #expect(throws: CSVError.recordTooLong(path: path, line: 2, limit: 16 * 1024 * 1024)) { try reader.next() }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(reader.capacity < 17 * 1024 * 1024)
    }

    @Test("more fields than the column limit fail with the record's line; the limit itself passes")
    func columnLimit() throws {
        let directory = try CSVTemporaryDirectory()
        let wide = String(repeating: ",", count: 99_999)
        let path = try directory.file("c.csv", "a\n\(wide)\n\(wide),\n")
        let reader = try CSVReader(path: path, options: csvOptions(delimiter: ","))
        #expect(try reader.next() != nil)
        #expect(try reader.next()?.count == 100_000)
        #expect(throws: CSVError.tooManyColumns(path: path, line: 3, limit: 100_000)) { try reader.next() }
        #expect(readFields(path, csvOptions(delimiter: ",", maxColumns: 3)) == .failure(.tooManyColumns(path: path, line: 2, limit: 3)))
    }

    @Test("a directory, a missing file and an unreadable file are refused")
    func fileErrors() throws {
        let directory = try CSVTemporaryDirectory()
        #expect(readFields(directory.url.path) == .failure(.isDirectory(path: directory.url.path)))
        let missing = directory.url.appendingPathComponent("missing.csv").path
        #expect(readFields(missing) == .failure(.notFound(path: missing)))
        #expect(CSVError.notFound(path: missing).description == "\(missing): no such file")
        if getuid() != 0 {
            let locked = try directory.file("locked.csv", "a\n")
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
            #expect(readFields(locked) == .failure(.io(path: locked, code: EACCES)))
        }
    }

    // MARK: Sample

    @Test("sample: the records that start within the first 64 KiB, with encoding and delimiter")
    func sample() throws {
        let directory = try CSVTemporaryDirectory()
        let row = "0301 Oslo;2024K1;12,5\n"
        let text = "Tittel\nregion;periode;verdi\n" + String(repeating: row, count: 10_000)
        let path = try directory.file("s.csv", text)
        let sample = try CSVReader.sample(path: path, options: csvOptions(headerRow: 2))
        let firstRow = "Tittel\nregion;periode;verdi\n".utf8.count
        #expect(sample.encoding == .utf8)
        #expect(sample.delimiter == UInt8(ascii: ";"))
        #expect(sample.records.first == CSVRecord(line: 2, fields: ["region", "periode", "verdi"]))
        let rowsStartingInSample = Array(stride(from: firstRow, to: 64 * 1024, by: row.utf8.count)).count
        #expect(sample.records.count == 1 + rowsStartingInSample)
        #expect(sample.records.last?.fields == ["0301 Oslo", "2024K1", "12,5"])
    }
}

@Suite("CSV reader: wide records (regression found by fuzzing)")
struct CSVWideRecordTests {
    @Test("a record wider than the first bounds buffer keeps every field")
    func manyFields() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-csv-wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("wide.csv").path
        let header = (0..<300).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<300).map { $0 % 7 == 0 ? "\"q,\($0)\"" : "v\($0)" }.joined(separator: ",")
        try (header + "\n" + row + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path, options: .init(encoding: .utf8, delimiter: UInt8(ascii: ",")))
        let first = try #require(try reader.next())
        #expect(first.count == 300)
        #expect(first.string(299) == "c299")
        let second = try #require(try reader.next())
        #expect((0..<300).map { second.string($0) } == (0..<300).map { $0 % 7 == 0 ? "q,\($0)" : "v\($0)" })
    }
}

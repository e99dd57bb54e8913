import GevinstCore
import Testing
@testable import GevinstImport

@Suite("CSV delimiter detection")
struct CSVDelimiterDetectionTests {
    static func detect(_ text: String, isComplete: Bool = true) -> Character {
        var text = text
        let byte = text.withUTF8 { CSVDelimiterDetection.detect(in: $0, isComplete: isComplete) }
        return Character(Unicode.Scalar(byte))
    }

    @Test("semicolon files with decimal commas pick the semicolon")
    func decimalCommas() {
        #expect(Self.detect("region;2023;2024\n0301;12,5;13,1\n4601;7,25;8,0\n") == ";")
        #expect(Self.detect("\"region\";\"statistikkvariabel\";\"2024K1\"\n\"0301 Oslo\";\"Sjukefråvær, prosent\";6,1\n") == ";")
    }

    @Test("delimiters inside quotes do not count, also across line breaks in quotes")
    func quotedDelimiters() {
        #expect(Self.detect("a,b\n\"x;y;z\",\"1;\n2;3\"\n\"p;q\",r\n") == ",")
        #expect(Self.detect("\"a,b,c\"|d\n\"e,\"\"f,g\"|h\n") == "|")
    }

    @Test("a title line above the header does not hide a consistent delimiter")
    func titleLine() {
        #expect(Self.detect("Befolkning etter region\nregion\tår\tverdi\n0301\t2024\t717710\n4601\t2024\t291940\n") == "\t")
    }

    @Test("ties go to the larger count, then to , ; tab | in that order")
    func ties() {
        #expect(Self.detect("a;b;c,d\ne;f;g,h\n") == ";")
        #expect(Self.detect("a;b,c\n") == ",")
        #expect(Self.detect("a|b\tc\n") == "\t")
    }

    @Test("no candidate at all, or nothing but empty lines, gives a comma")
    func fallback() {
        #expect(Self.detect("verdi\n1\n2\n") == ",")
        #expect(Self.detect("\n\r\n") == ",")
        #expect(Self.detect("") == ",")
    }

    @Test("the cut-off last record counts only when it is the only one")
    func partialRecord() {
        #expect(Self.detect("a;b\nc,d,e,f,g", isComplete: false) == ";")
        #expect(Self.detect("a;b\nc,d,e,f,g\nh,i,j,k,l") == ",")
        #expect(Self.detect("a|b|c|d", isComplete: false) == "|")
    }

    @Test("at most 20 records are looked at")
    func recordLimit() {
        let text = String(repeating: "a;b\n", count: 20) + String(repeating: "c,d\n", count: 30)
        #expect(Self.detect(text) == ";")
    }
}

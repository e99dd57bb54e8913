import Foundation
import Testing
import GevinstCore
import GevinstRunner

@Suite("Pipeline files")
struct PipelineLoaderTests {
    func parse(_ yaml: String, at path: String = "/srv/gevinst/pipelines/test.yml") throws(RunnerError) -> Pipeline {
        try PipelineLoader.parse(yaml: yaml, file: "pipelines/test.yml", absolutePath: path)
    }

    func failure(_ yaml: String) -> RunnerError? {
        do { _ = try parse(yaml) } catch { return error }
        return nil
    }

    /// Anchors `a0` (ten strings) to `a<last>`, each a list of ten aliases of the one before.
    func laughs(through last: Int) -> String {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...last { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        return yaml
    }

    let minimal = """
        name: fjordvik
        sources:
          - id: m
            kind: measurements
            path: data/m.csv
        """

    @Test("defaults: warehouse and reports under the pipeline's directory, as_of auto, all formats, nynorsk")
    func defaults() throws {
        let pipeline = try parse(minimal)
        #expect(pipeline.name == "fjordvik")
        #expect(pipeline.title == "fjordvik")
        #expect(try parse("title: Fjordvik kommune\n" + minimal).title == "Fjordvik kommune")
        #expect(pipeline.root == "/srv/gevinst/pipelines")
        #expect(pipeline.warehouse == "/srv/gevinst/pipelines/data/fjordvik.sqlite")
        #expect(pipeline.reports.dir == "/srv/gevinst/pipelines/reports/fjordvik")
        #expect(pipeline.reports.formats == [.html, .md, .csv, .json])
        #expect(pipeline.reports.language == .nn)
        #expect(pipeline.reports.thresholds == Thresholds(green: 0.9, yellow: 0.7))
        #expect(pipeline.asOf == .auto)
        let source = try #require(pipeline.sources.first)
        #expect(source.path == "/srv/gevinst/pipelines/data/m.csv")
        #expect(source.mode == .upsert)
        #expect(source.onError == .skip)
        #expect(source.required)
        #expect(source.format == .csv)
    }

    @Test("a file name that gives no usable name ('...yml' → '..') is refused, not used as a path", arguments: [
        "pipelines/...yml", "pipelines/.yml", "pipelines/..", "pipelines/.hidden.yml",
    ])
    func unusableDerivedName(file: String) throws {
        let yaml = minimal.replacingOccurrences(of: "name: fjordvik\n", with: "")
        var caught: RunnerError?
        do { _ = try PipelineLoader.parse(yaml: yaml, file: file, absolutePath: "/srv/gevinst/\(file)") } catch { caught = error }
        let error = try #require(caught)
        #expect(error.category == .usage)
        #expect(error.cause.contains("add 'name:'"), "\(error)")
        #expect(try PipelineLoader.parse(yaml: yaml, file: "pipelines/a.b.yml", absolutePath: "/srv/gevinst/pipelines/a.b.yml").name == "a.b")
    }

    @Test("root: is relative to the pipeline file, and every path resolves against it")
    func root() throws {
        let pipeline = try parse("""
            name: fjordvik
            root: ..
            warehouse: data/w.sqlite
            as_of: 2025k2
            reports: { dir: out, language: en, formats: [csv], thresholds: { green: 0.95, yellow: 0.5 }, csv_style: excel-no }
            sources:
              - { id: plans, kind: gain_plans, path: "data/plan-*.csv", decimal: comma, delimiter: ";", on_error: fail }
            """)
        #expect(pipeline.root == "/srv/gevinst")
        #expect(pipeline.warehouse == "/srv/gevinst/data/w.sqlite")
        #expect(pipeline.reports.dir == "/srv/gevinst/out")
        #expect(pipeline.asOf == .quarter(Quarter(2025, 2)))
        #expect(pipeline.reports.csvStyle == .excelNorwegian)
        #expect(pipeline.sources[0].path == "/srv/gevinst/data/plan-*.csv")
        #expect(pipeline.sources[0].mode == .replace)
        #expect(pipeline.sources[0].onError == .fail)
        #expect(pipeline.sources[0].csv.delimiter == UInt8(ascii: ";"))
    }

    @Test("an unknown key is an error naming the key, its line and a suggestion")
    func unknownKey() throws {
        let error = try #require(failure("""
            name: fjordvik
            sources:
              - id: m
                kind: measurements
                path: m.csv
                colums: { indicator: Indikator }
            """))
        #expect(error.line == 6)
        #expect(error.cause.contains("unknown key 'colums'"))
        #expect(error.cause.contains("did you mean 'columns'"))
        #expect(error.category == .usage)
    }

    @Test("impossible values name what is allowed", arguments: [
        ("name: x\nas_of: 2025M03\nsources: [{ id: a, kind: measurements, path: a.csv }]", "'as_of' must be 'auto' or a quarter"),
        ("name: x\nsources: [{ id: a, kind: tiltak, path: a.csv }]", "'kind' cannot be 'tiltak'"),
        ("name: x\nsources: [{ id: a, kind: measurements, path: a.csv, record: R }]", "'record' does not apply"),
        ("name: x\nsources: [{ id: a, kind: measurements, path: a.csv }, { id: a, kind: indicators, path: b.csv }]", "two sources have the id 'a'"),
        ("name: x\nsources: [{ id: a, kind: measurements, path: a.csv, columns: { verdi: V } }]", "not a field of measurements"),
        ("name: x\nsources: [{ id: a, kind: org_units, path: a.csv, columns: { kode: eining } }]", "not a field of org_units"),
        ("name: x\nsources: [{ id: a, kind: measurements, format: xml, path: a.xml, fields: { value: V } }]", "needs 'record:'"),
        ("name: x\nsources: [{ id: a, kind: measurements, format: saft, path: a.xml }]", "needs 'accounts:'"),
        ("name: x\nsources: [{ id: a, kind: measurements, format: saft, path: a.xml, accounts: { k: [\"6799-6700\"] } }]", "inclusive range"),
        ("name: x\nreports: { thresholds: { green: 0.5, yellow: 0.7 } }\nsources: [{ id: a, kind: measurements, path: a.csv }]", "yellow ≤ green"),
        ("name: x\nreports: { thresholds: { green: 90, yellow: 70 } }\nsources: [{ id: a, kind: measurements, path: a.csv }]", "write 0.9 for 90 %"),
        ("name: x\nsources: [{ id: a, kind: measurement, path: a.csv }]", "'kind' cannot be 'measurement' — did you mean 'measurements'? Use one of:"),
        ("name: x\nsources: [{ id: a, kind: measurements, path: a.csv, colour: red }]", "unknown key 'colour' in source 'a'. Allowed keys:"),
        ("name: x\nsources: []", "'sources' is empty"),
        ("name: x", "no 'sources:'"),
        ("name: x\nsources: [{ id: a, kind: measurements, path: a.csv, delimiter: \"#\" }]", "'delimiter' must be"),
        ("name: x\nsources:\n  - id: a\n    kind: [1, 2]\n", "'kind' must be a single value"),
        ("name: x\nsources: [{ id: a, kind: initiatives, path: a.csv, layout: wide }]", "layout: wide is for"),
    ])
    func impossible(yaml: String, message: String) throws {
        let error = try #require(failure(yaml))
        #expect(error.cause.contains(message), "\(error.description)")
        #expect(error.line != nil)
    }

    @Test("a key twice in one mapping names the second line, not the mapping's start")
    func duplicateKey() throws {
        let yaml = "name: x\nsources:\n  - id: a\n    kind: measurements\n    path: a.csv\n  - id: b\n    kind: measurements\n    kind: indicators\n    path: b.csv\n"
        let error = try #require(failure(yaml))
        #expect(error.line == 8)
        #expect(error.cause == "the key 'kind' appears twice in one mapping (lines 7 and 8)")
    }

    @Test("invalid YAML names the line")
    func invalidYAML() throws {
        let error = try #require(failure("name: x\nsources:\n  - id: [a\n"))
        #expect(error.cause.hasPrefix("not valid YAML"))
        #expect(error.line != nil)
    }

    @Test("SAF-T accounts with ranges, IDs and per-indicator sign")
    func saft() throws {
        let pipeline = try parse("""
            name: x
            sources:
              - id: ledger
                kind: measurements
                format: saft
                path: saft/*.xml
                sign: credit
                accounts: { konsulentkjop: ["6700-6799"], vikarbruk: { accounts: ["1070", "1080"], sign: debit } }
                org_unit: { analysis_type: A }
            """)
        let options = try #require(pipeline.sources[0].saft)
        #expect(options.analysisType == "A")
        #expect(options.indicators.map(\.indicator) == ["konsulentkjop", "vikarbruk"])
        #expect(options.indicators[0].creditPositive)
        #expect(!options.indicators[1].creditPositive)
        #expect(options.indicators[0].matches("6750"))
        #expect(options.indicators[1].matches("1080"))
    }

    @Test("import order: by kind, then file order")
    func order() throws {
        let pipeline = try parse("""
            name: x
            sources:
              - { id: m2, kind: measurements, path: a }
              - { id: links, kind: gain_links, path: a }
              - { id: m1, kind: measurements, path: a }
              - { id: cat, kind: indicators, path: a }
              - { id: ini, kind: initiatives, path: a }
            """)
        #expect(pipeline.sourcesInImportOrder.map(\.id) == ["cat", "ini", "links", "m2", "m1"])
    }

    @Test("YAML aliases that would expand exponentially are refused without expanding them")
    func billionLaughs() throws {
        let error = try #require(failure(laughs(through: 30) + "name: x\nsources: *a30\n"))
        // Refused before composing: the aliases would expand past YAMLAliasBudget.limit nodes.
        #expect(error.cause.contains("alias bomb"))
        #expect(error.line == 6)   // a5 alone expands to 10^6 strings
    }

    @Test("aliases of a flow pair written without a space (`*a:*b`) all count")
    func adjacentFlowPair() throws {
        // 8 × 111 111 nodes: over the limit only if the values after `:` count as well as the keys.
        let error = try #require(failure(laughs(through: 4) + "pairs: [*a4:*a4, *a4:*a4, *a4:*a4, *a4:*a4]\nname: x\n"))
        #expect(error.cause.contains("alias bomb"))
        #expect(error.line == 6)
    }

    @Test("a `*` in quotes, plain text or a comment is no alias; aliases of small nodes load")
    func asterisksThatAreNoAliases() throws {
        let pipeline = try parse("""
            name: &name fjordvik   # *comment
            sources:
              - { id: *name, kind: measurements, path: "data/*m.csv" }
              - { id: m2, kind: measurements, path: data/m*2.csv }
            """)
        #expect(pipeline.sources.map(\.id) == ["fjordvik", "m2"])
        #expect(pipeline.sources.map { ($0.path as NSString).lastPathComponent } == ["*m.csv", "m*2.csv"])
    }

    @Test("a syntax error after an alias is reported at the document's own line and column")
    func syntaxErrorAfterAlias() throws {
        let error = try #require(failure("x: &a 1\nname: [*a, *a]]\n"))
        #expect(error.cause.contains("not valid YAML"))
        #expect(error.line == 2 && error.column == 15)
    }

    @Test("a duplicated alias key is named as the file writes it")
    func duplicatedAliasKey() throws {
        let error = try #require(failure("x: &a k\nname: n\nm: {*a: 1, *a: 2}\n"))
        #expect(error.cause.contains("the key '*a' appears twice"), "\(error.cause)")
        #expect(error.line == 3)
    }

    @Test("a missing pipeline file is input missing (66), a directory is usage")
    func missingFile() {
        do {
            _ = try PipelineLoader.load(path: "/nonexistent/pipeline.yml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.category == .inputMissing)
        }
    }
}

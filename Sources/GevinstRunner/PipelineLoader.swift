import Foundation
public import GevinstCore
import GevinstImport
import GevinstPublish
import Yams

/// Reads pipeline files (SPEC §3) strictly: an unknown key, a wrong type or an impossible value
/// is an error naming the key and its line; paths resolve against the file or `root:`.
public enum PipelineLoader {
    /// Pipeline files are small; a larger file is refused before YAML parsing.
    static let maximumSize = 1 << 20

    public static func load(path: String) throws(RunnerError) -> Pipeline {
        let absolute = absolutePath(path, relativeTo: FileManager.default.currentDirectoryPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw RunnerError(file: path, "the pipeline file does not exist", category: .inputMissing)
        }
        guard !isDirectory.boolValue else { throw RunnerError(file: path, "this is a directory, not a pipeline file", category: .inputMissing) }
        // Refuse a named pipe or device before opening it: opening a FIFO would wait for a writer.
        var info = stat()
        guard stat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw RunnerError(file: path, "this is not a regular file (a named pipe or a device?), not a pipeline file", category: .inputMissing)
        }
        guard let handle = FileHandle(forReadingAtPath: absolute) else {
            let code = errno
            if code == EMFILE || code == ENFILE {
                throw RunnerError(file: path, "the pipeline file cannot be opened: \(String(cString: strerror(code)))", category: .io)
            }
            throw RunnerError(file: path, "the pipeline file cannot be read (permission denied?)", category: .inputMissing)
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maximumSize + 1) ?? Data() } catch {
            throw RunnerError(file: path, "the pipeline file cannot be read: \(error.localizedDescription)", category: .io)
        }
        guard data.count <= maximumSize else { throw RunnerError(file: path, "the pipeline file is larger than 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw RunnerError(file: path, "the pipeline file is not UTF-8 text") }
        return try parse(yaml: text, file: path, absolutePath: absolute)
    }

    /// Parses pipeline YAML. `absolutePath` is where the file lives, for resolving relative paths.
    public static func parse(yaml text: String, file: String, absolutePath: String) throws(RunnerError) -> Pipeline {
        let root: Node
        do {
            if let line = try YAMLAliasBudget.lineOverLimit(text) {
                throw RunnerError(file: file, line: line, "YAML aliases here expand the file to more than \(YAMLAliasBudget.limit) nodes (an alias bomb?)")
            }
            guard let node = try Yams.compose(yaml: text) else { throw RunnerError(file: file, "the pipeline file is empty") }
            root = node
        } catch let error as RunnerError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file, text: text)
        } catch {
            throw RunnerError(file: file, "not valid YAML: \(error)")
        }
        return try PipelineReader(file: file, directory: (absolutePath as NSString).deletingLastPathComponent).read(root)
    }

    static func yamlError(_ error: YamlError, file: String, text: String) -> RunnerError {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams names the mapping's start; the lines that hold the key tell the reader more.
            // Lines from the mapping's start on that hold the key, at the indentation of its first one.
            let key = duplicates.sorted().first ?? ""
            let holding = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
                index, line -> (line: Int, indent: Int)? in
                guard index + 1 >= context.mark.line else { return nil }
                var content = line.drop { $0 == " " }
                if content.hasPrefix("- ") { content = content.dropFirst(2).drop { $0 == " " } }
                guard content.hasPrefix(key), content.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else { return nil }
                return (index + 1, line.count - content.count)
            }
            let lines = holding.filter { $0.indent == holding.first?.indent }.map { $0.line }
            let line = lines.dropFirst().first ?? context.mark.line
            return RunnerError(file: file, line: line, column: nil, "the key '\(key)' appears twice in one mapping"
                                 + (lines.count > 1 ? " (lines \(lines[0]) and \(line))" : ""))
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RunnerError(file: file, line: mark.line, column: mark.column, "not valid YAML: \(problem)")
        default:
            return RunnerError(file: file, "not valid YAML: \(error)")
        }
    }

    static func absolutePath(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}

/// Walks the YAML tree along the schema of a pipeline file.
private struct PipelineReader {
    let file: String
    let directory: String

    func error(_ node: Node?, _ cause: String) -> RunnerError {
        RunnerError(file: file, line: node?.mark?.line, column: node?.mark?.column, cause)
    }

    /// The entries of a mapping, refusing keys not in `allowed` (with a suggestion).
    func mapping(_ node: Node, _ context: String, allowed: [String]) throws(RunnerError) -> [String: (key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(context) must be a mapping of keys to values") }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "\(context): a key must be a plain word") }
            let name = scalar.string
            guard allowed.contains(name) else {
                var message = "unknown key '\(name)' in \(context)"
                message += closest(name, among: allowed).map { " — did you mean '\($0)'?" } ?? "."
                message += " Allowed keys: \(allowed.joined(separator: ", "))."
                throw error(key, message)
            }
            guard result[name] == nil else { throw error(key, "the key '\(name)' appears twice in \(context)") }
            result[name] = (key, value)
        }
        return result
    }

    func string(_ node: Node, _ key: String) throws(RunnerError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "'\(key)' must be a single value, not a list or mapping") }
        return scalar.string
    }

    func nonEmptyString(_ node: Node, _ key: String) throws(RunnerError) -> String {
        let value = try string(node, key).trimmingSpaces
        guard !value.isEmpty else { throw error(node, "'\(key)' must not be empty") }
        return value
    }

    func bool(_ node: Node, _ key: String) throws(RunnerError) -> Bool {
        switch try string(node, key).lowercased() {
        case "true", "yes", "on", "ja": return true
        case "false", "no", "off", "nei": return false
        default: throw error(node, "'\(key)' must be true or false")
        }
    }

    func number(_ node: Node, _ key: String) throws(RunnerError) -> Double {
        let text = try string(node, key)
        guard case .success(let parsed) = NumberParser.parse(text.trimmingSpaces, mark: .point) else {
            throw error(node, "'\(key)' must be a number such as 0.9, not '\(text)'")
        }
        return parsed.double
    }

    func strings(_ node: Node, _ key: String) throws(RunnerError) -> [String] {
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence { result.append(try string(item, key)) }
            return result
        default: throw error(node, "'\(key)' must be a value or a list of values")
        }
    }

    func named<T: NamedValue>(_ node: Node, _ key: String, as type: T.Type) throws(RunnerError) -> T {
        let text = try string(node, key)
        guard let value = T(name: text.trimmingSpaces) else {
            let guess = closest(text.trimmingSpaces.lowercased(), among: T.allCases.map(\.name))
            throw error(node, "'\(key)' cannot be '\(text)'" + (guess.map { " — did you mean '\($0)'? Use" } ?? "; use")
                        + " one of: \(T.acceptedNames)")
        }
        return value
    }

    func path(_ node: Node, _ key: String, base: String) throws(RunnerError) -> String {
        PipelineLoader.absolutePath(try nonEmptyString(node, key), relativeTo: base)
    }

    func read(_ node: Node) throws(RunnerError) -> Pipeline {
        let top = try mapping(node, "the pipeline", allowed: ["name", "title", "root", "warehouse", "as_of", "reports", "sources", "publish"])
        let name: String
        if let entry = top["name"] {
            name = try nonEmptyString(entry.value, "name")
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw error(entry.value, "'name' may hold letters, digits, '-' and '_' only (it names the warehouse and report folder)")
            }
        } else {
            name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            // The name becomes a path component (data/NAME.sqlite, reports/NAME): `..`, a hidden or empty name would escape or hide it.
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains(where: \.isNewline) else {
                throw error(node, "the file name gives the pipeline the name '\(name)', which cannot name its warehouse and report folder; "
                            + "add 'name:' with letters, digits, '-' and '_'")
            }
        }
        let title = try top["title"].map { entry throws(RunnerError) in try nonEmptyString(entry.value, "title") }
        let root = try top["root"].map { entry throws(RunnerError) in try path(entry.value, "root", base: directory) } ?? directory
        let warehouse = try top["warehouse"].map { entry throws(RunnerError) in try path(entry.value, "warehouse", base: root) }
            ?? PipelineLoader.absolutePath("data/\(name).sqlite", relativeTo: root)
        var asOf = AsOfSetting.auto
        if let entry = top["as_of"] {
            let text = try nonEmptyString(entry.value, "as_of")
            if text.lowercased() != "auto" {
                guard let quarter = Quarter(text) else {
                    throw error(entry.value, "'as_of' must be 'auto' or a quarter such as 2025K2, not '\(text)'")
                }
                asOf = .quarter(quarter)
            }
        }
        let reports = try readReports(top["reports"]?.value, name: name, root: root)
        guard let sourcesEntry = top["sources"] else { throw error(node, "the pipeline has no 'sources:' list; add at least one source") }
        guard case .sequence(let sequence) = sourcesEntry.value else { throw error(sourcesEntry.value, "'sources' must be a list") }
        var sources: [Source] = []
        var seen: Set<String> = []
        for item in sequence {
            let source = try readSource(item, root: root)
            guard seen.insert(source.id).inserted else { throw error(item, "two sources have the id '\(source.id)'; ids must be unique") }
            sources.append(source)
        }
        guard !sources.isEmpty else { throw error(sourcesEntry.value, "'sources' is empty; add at least one source") }
        let publish = try top["publish"].map { entry throws(RunnerError) in try readPublish(entry.value) }
        return Pipeline(name: name, file: PipelineLoader.absolutePath(file, relativeTo: FileManager.default.currentDirectoryPath),
                        root: root, warehouse: warehouse, asOf: asOf, reports: reports, sources: sources, title: title, publish: publish)
    }

    /// `publish:`: a PostgreSQL url without a password, the schema, and the municipality's code.
    func readPublish(_ node: Node) throws(RunnerError) -> PublishSettings {
        let keys = try mapping(node, "publish", allowed: ["url", "schema", "municipality"])
        guard let urlEntry = keys["url"] else { throw error(node, "'publish' needs 'url', e.g. postgresql://gevinst@db.example.no/gevinst") }
        let url = try nonEmptyString(urlEntry.value, "url")
        do { _ = try PostgresURL(parsing: url) } catch { throw self.error(urlEntry.value, error.cause) }
        guard let municipalityEntry = keys["municipality"] else {
            throw error(node, "'publish' needs 'municipality', the kommunenummer such as 4699 that names this pipeline's rows")
        }
        let municipality = try nonEmptyString(municipalityEntry.value, "municipality")
        guard municipality.count <= 64, municipality.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw error(municipalityEntry.value, "'municipality' may hold letters, digits, '-' and '_' only (at most 64), e.g. 4699")
        }
        var settings = PublishSettings(url: url, municipality: municipality)
        if let entry = keys["schema"] {
            let schema = try nonEmptyString(entry.value, "schema")
            guard schema.count <= 63, let first = schema.unicodeScalars.first, first == "_" || ("a"..."z").contains(first),
                  schema.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
                throw error(entry.value, "'schema' must be a plain lower-case name such as gevinst (a-z, 0-9 and _, not starting with a digit)")
            }
            settings.schema = schema
        }
        return settings
    }

    func readReports(_ node: Node?, name: String, root: String) throws(RunnerError) -> ReportSettings {
        var settings = ReportSettings(dir: PipelineLoader.absolutePath("reports/\(name)", relativeTo: root))
        guard let node else { return settings }
        let keys = try mapping(node, "reports", allowed: ["dir", "formats", "language", "thresholds", "csv_style"])
        if let entry = keys["dir"] { settings.dir = try path(entry.value, "dir", base: root) }
        if let entry = keys["formats"] {
            guard case .sequence(let sequence) = entry.value else { throw error(entry.value, "'formats' must be a list such as [html, md, csv, json]") }
            var formats: [ReportFormat] = []
            for item in sequence { formats.append(try named(item, "formats", as: ReportFormat.self)) }
            settings.formats = formats
        }
        if let entry = keys["language"] { settings.language = try named(entry.value, "language", as: ReportLanguage.self) }
        if let entry = keys["csv_style"] { settings.csvStyle = try named(entry.value, "csv_style", as: CSVStyle.self) }
        if let entry = keys["thresholds"] {
            let values = try mapping(entry.value, "thresholds", allowed: ["green", "yellow"])
            if let green = values["green"] { settings.thresholds.green = try number(green.value, "green") }
            if let yellow = values["yellow"] { settings.thresholds.yellow = try number(yellow.value, "yellow") }
            guard settings.thresholds.green <= 2 else {
                throw error(entry.value, "thresholds are shares of the plan: write 0.9 for 90 % (now green \(settings.thresholds.green))")
            }
            guard settings.thresholds.yellow <= settings.thresholds.green, settings.thresholds.yellow >= 0 else {
                throw error(entry.value, "thresholds must satisfy 0 ≤ yellow ≤ green (now green \(settings.thresholds.green), yellow \(settings.thresholds.yellow))")
            }
        }
        return settings
    }

    func readSource(_ node: Node, root: String) throws(RunnerError) -> Source {
        guard case .mapping = node else { throw error(node, "each source must be a mapping with id, kind, format and path") }
        // Read the format first, so that keys of another format get a precise message.
        let all = InputFormats.commonKeys + InputFormats.formatKeys
        var described = "a source"
        if case .mapping(let entries) = node, case .scalar(let id)? = entries["id"] { described = "source '\(id.string)'" }
        let keys = try mapping(node, described, allowed: all)
        guard let idEntry = keys["id"] else { throw error(node, "a source has no 'id'") }
        let id = try nonEmptyString(idEntry.value, "id")
        let context = "source '\(id)'"
        func required(_ key: String) throws(RunnerError) -> Node {
            guard let entry = keys[key] else { throw error(node, "\(context) has no '\(key)'") }
            return entry.value
        }
        let kind = try named(try required("kind"), "kind", as: InputKind.self)
        let format = try keys["format"].map { entry throws(RunnerError) in try named(entry.value, "format", as: SourceFormat.self) } ?? .csv
        let ownKeys = InputFormats.pipelineKeys(of: format)
        for (name, entry) in keys where !InputFormats.commonKeys.contains(name) && !ownKeys.contains(name) {
            throw error(entry.key, "'\(name)' does not apply to \(context) with format \(format.name); keys for \(format.name): \(ownKeys.joined(separator: ", "))")
        }
        var source = Source(id: id, kind: kind, format: format, path: try path(try required("path"), "path", base: root))
        if let entry = keys["required"] { source.required = try bool(entry.value, "required") }
        if let entry = keys["follow_symlinks"] { source.followSymlinks = try bool(entry.value, "follow_symlinks") }
        if let entry = keys["mode"] { source.mode = try named(entry.value, "mode", as: ImportMode.self) }
        if let entry = keys["allow_empty"] { source.allowEmpty = try bool(entry.value, "allow_empty") }
        if let entry = keys["on_error"] { source.onError = try named(entry.value, "on_error", as: ErrorPolicy.self) }
        if let entry = keys["decimal"] { source.decimal = try decimalSetting(entry.value) }
        if let entry = keys["missing"] { source.missing = MissingTokens(try strings(entry.value, "missing").map(\.trimmingSpaces)) }
        if let entry = keys["constants"] { source.constants = try fieldMap(entry.value, "constants", kind: kind, context: context) }
        if let entry = keys["columns"] { source.fields = try fieldMap(entry.value, "columns", kind: kind, context: context) }
        if let entry = keys["fields"] { source.fields = try fieldMap(entry.value, "fields", kind: kind, context: context) }
        if let entry = keys["delimiter"] { source.csv.delimiter = try delimiter(entry.value) }
        if let entry = keys["encoding"] { source.csv.encoding = try named(entry.value, "encoding", as: SourceEncoding.self) }
        if let entry = keys["header_row"] {
            let row = try number(entry.value, "header_row")
            guard row >= 1, row == row.rounded(), row < 10_000 else { throw error(entry.value, "'header_row' must be a line number from 1") }
            source.csv.headerRow = Int(row)
        }
        if let entry = keys["layout"] {
            source.csv.layout = try named(entry.value, "layout", as: CSVLayout.self)
            if source.csv.layout == .wide, ![.measurements, .gainPlans, .gainsReported].contains(kind) {
                throw error(entry.value, "layout: wide is for measurements, gain_plans and gains_reported, not \(kind.name)")
            }
        }
        if let entry = keys["code_prefix"] {
            let fields = try strings(entry.value, "code_prefix")
            for field in fields where !kind.fields.contains(field) {
                throw error(entry.value, "code_prefix names '\(field)', which is not a field of \(kind.name); fields: \(kind.fields.joined(separator: ", "))")
            }
            source.csv.codePrefix = Set(fields)
        }
        if format == .xml, let entry = keys["record"] { source.record = try nonEmptyString(entry.value, "record") }
        if format == .saft { source.saft = try saftOptions(keys, node: node, context: context) }
        if format == .kostra { source.kostra = try kostraOptions(keys, node: node, context: context) }
        if format == .jsonstat || format == .px { source.cube = try cubeOptions(keys, kind: kind, context: context) }
        do {
            try InputFormats.check(source)
        } catch {
            throw self.error(error.key.flatMap { keys[$0]?.value } ?? node, error.message)
        }
        return source
    }

    func decimalSetting(_ node: Node) throws(RunnerError) -> DecimalSetting {
        let text = try string(node, "decimal").lowercased()
        switch text {
        case "auto": return .auto
        case "comma", ",", "komma": return .comma
        case "point", ".", "punktum", "dot": return .point
        default: throw error(node, "'decimal' must be auto, comma or point, not '\(text)'")
        }
    }

    func delimiter(_ node: Node) throws(RunnerError) -> UInt8? {
        let text = try string(node, "delimiter")
        switch text.lowercased() {
        case "auto": return nil
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "\t", "tab", "\\t": return UInt8(ascii: "\t")
        case "|": return UInt8(ascii: "|")
        default: throw error(node, "'delimiter' must be auto, \",\", \";\", tab or \"|\", not '\(text)'")
        }
    }

    func fieldMap(_ node: Node, _ key: String, kind: InputKind, context: String) throws(RunnerError) -> [String: String] {
        guard case .mapping(let entries) = node else { throw error(node, "'\(key)' must map canonical fields to names, e.g. { indicator: Indikator }") }
        var result: [String: String] = [:]
        for (fieldNode, valueNode) in entries {
            let field = try string(fieldNode, key)
            guard kind.fields.contains(field) else {
                var message = "'\(key)' in \(context) names '\(field)', which is not a field of \(kind.name)"
                if let guess = closest(field, among: kind.fields) { message += " — did you mean '\(guess)'?" }
                message += " Fields of \(kind.name): \(kind.fields.joined(separator: ", "))."
                throw error(fieldNode, message)
            }
            result[field] = try string(valueNode, field)
        }
        return result
    }

    func saftOptions(_ keys: [String: (key: Node, value: Node)], node: Node, context: String) throws(RunnerError) -> SAFTOptions {
        guard let accounts = keys["accounts"] else { throw error(node, "\(context) reads SAF-T and needs 'accounts:', e.g. { konsulentkjop: [\"6700-6799\"] }") }
        var creditPositive = false
        if let entry = keys["sign"] { creditPositive = try sign(entry.value) }
        guard case .mapping(let entries) = accounts.value else { throw error(accounts.value, "'accounts' must map indicators to account lists") }
        var selections: [AccountSelection] = []
        for (indicatorNode, value) in entries {
            let indicator = try nonEmptyString(indicatorNode, "accounts")
            var patterns: [String]
            var ownSign = creditPositive
            if case .mapping = value {
                let inner = try mapping(value, "accounts of '\(indicator)'", allowed: ["accounts", "sign"])
                guard let list = inner["accounts"] else { throw error(value, "'\(indicator)' needs 'accounts: [...]'") }
                patterns = try strings(list.value, "accounts")
                if let signEntry = inner["sign"] { ownSign = try sign(signEntry.value) }
            } else {
                patterns = try strings(value, "accounts")
            }
            var parsed: [AccountPattern] = []
            for text in patterns {
                guard let pattern = AccountPattern(text) else {
                    throw error(value, "'\(text)' is not an account ID or an inclusive range such as \"6700-6799\"")
                }
                parsed.append(pattern)
            }
            guard !parsed.isEmpty else { throw error(value, "'\(indicator)' lists no accounts") }
            selections.append(AccountSelection(indicator: indicator, accounts: parsed, creditPositive: ownSign))
        }
        var analysisType: String?
        if let entry = keys["org_unit"] {
            let inner = try mapping(entry.value, "org_unit", allowed: ["analysis_type"])
            guard let type = inner["analysis_type"] else { throw error(entry.value, "'org_unit' needs 'analysis_type'") }
            analysisType = try nonEmptyString(type.value, "analysis_type")
        }
        return SAFTOptions(indicators: selections, analysisType: analysisType)
    }

    /// The `format: kostra` keys. Codes are read as the YAML text they are written in, so that an
    /// unquoted `020` stays art 020 (YAML 1.1 would read it as octal 16).
    func kostraOptions(_ keys: [String: (key: Node, value: Node)], node: Node, context: String) throws(RunnerError) -> KOSTRAOptions {
        guard let entry = keys["indicators"] else {
            throw error(node, "\(context) reads KOSTRA and needs 'indicators:', e.g. { vikarbruk-barnehage: { art: [\"020\"], funksjon: [\"201\"] } }")
        }
        guard case .mapping(let entries) = entry.value else { throw error(entry.value, "'indicators' must map indicators to selectors") }
        var selections: [KOSTRAIndicatorSelection] = []
        for (indicatorNode, value) in entries {
            let indicator = try nonEmptyString(indicatorNode, "indicators")
            let fields = ["art", "funksjon", "kapittel", "sektor"]
            let inner = try mapping(value, "indicator '\(indicator)'", allowed: fields)
            guard !inner.isEmpty else { throw error(value, "'\(indicator)' names no selector; use \(fields.joined(separator: ", "))") }
            func codes(_ field: String) throws(RunnerError) -> [AccountPattern]? {
                guard let list = inner[field] else { return nil }
                var patterns: [AccountPattern] = []
                for text in try strings(list.value, field) {
                    guard let pattern = AccountPattern(text) else {
                        throw error(list.value, "'\(text)' in \(field) of '\(indicator)' is not a code or an inclusive range such as \"010-599\"")
                    }
                    patterns.append(pattern)
                }
                guard !patterns.isEmpty else { throw error(list.value, "\(field) of '\(indicator)' lists no codes") }
                return patterns
            }
            selections.append(KOSTRAIndicatorSelection(indicator: indicator, art: try codes("art"), funksjon: try codes("funksjon"),
                                                       kapittel: try codes("kapittel"), sektor: try codes("sektor")))
        }
        guard !selections.isEmpty else { throw error(entry.value, "'indicators' of \(context) lists no indicator") }
        var options = KOSTRAOptions(indicators: selections)
        if let entry = keys["form"] {
            options.forms = Set(try strings(entry.value, "form").map { $0.trimmingSpaces.uppercased() })
        }
        if let entry = keys["account_class"] {
            var classes: [KOSTRAAccountClassSelection] = []
            for text in try strings(entry.value, "account_class") {
                guard let selection = KOSTRAAccountClassSelection(text.trimmingSpaces) else {
                    throw error(entry.value, "'\(text)' is no kontoklasse: write drift, investering, balanse or a one-character code such as 1")
                }
                classes.append(selection)
            }
            options.accountClasses = classes
        }
        if let entry = keys["scale"] {
            let text = try string(entry.value, "scale").trimmingSpaces
            guard let scale = Int64(text), scale >= 1 else { throw error(entry.value, "'scale' must be a whole number from 1 (NOK per unit of the file's amounts), not '\(text)'") }
            options.scale = scale
        }
        if let entry = keys["org_unit"] {
            let text = try string(entry.value, "org_unit").trimmingSpaces.lowercased()
            guard let orgUnit = KOSTRAOrgUnit(rawValue: text) else {
                throw error(entry.value, "'org_unit' of a KOSTRA source must be total, region or funksjon, not '\(text)'")
            }
            options.orgUnit = orgUnit
        }
        return options
    }

    func cubeOptions(_ keys: [String: (key: Node, value: Node)], kind: InputKind, context: String) throws(RunnerError) -> CubeOptions {
        var options = CubeOptions()
        if let entry = keys["dimensions"] { options.dimensions = try fieldMap(entry.value, "dimensions", kind: kind, context: context) }
        if let entry = keys["filter"] {
            guard case .mapping(let entries) = entry.value else {
                throw error(entry.value, "'filter' must map dimensions to the code of one category, e.g. { KOKart0000: AGD2 }")
            }
            for (dimension, code) in entries { options.filter[try nonEmptyString(dimension, "filter")] = try nonEmptyString(code, "filter") }
        }
        if let entry = keys["use"] { options.use = try named(entry.value, "use", as: CubeUse.self) }
        return options
    }

    func sign(_ node: Node) throws(RunnerError) -> Bool {
        switch try string(node, "sign").lowercased() {
        case "debit": return false
        case "credit", "kredit": return true
        default: throw error(node, "'sign' must be debit or credit")
        }
    }

    /// The allowed word nearest to a misspelt one, when it is close enough to be a typo.
    func closest(_ word: String, among candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var current = [i + 1]
                for (j, cb) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = candidates.map { ($0, distance(Array(word.lowercased()), Array($0))) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }
}

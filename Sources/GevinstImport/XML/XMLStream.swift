import CLibXML2
import GevinstCore
#if canImport(Glibc)
import Glibc
#endif

/// An element or attribute local name, interned in the parser's dictionary: within one parse,
/// equal names are the same pointer, so names compare by identity without building Strings.
typealias XMLName = UnsafePointer<UInt8>

/// Interns names in the parser's dictionary before parsing starts.
struct XMLNameTable {
    fileprivate let dictionary: OpaquePointer

    func intern(_ name: String) -> XMLName {
        guard let interned = xmlDictLookup(dictionary, name, Int32(name.utf8.count)) else {
            preconditionFailure("libxml2 could not intern the name '\(name)' (out of memory)")
        }
        return interned
    }
}

/// The line and column (both 1-based, columns in characters) of a start tag's `<`.
struct XMLPosition: Equatable {
    var line: Int
    var column: Int
}

/// What `XMLStream` hands to its handler. A handler that throws stops the parse; `XMLStream.Finish`
/// ends it early without an error.
protocol XMLEventHandler: AnyObject {
    /// Called once before parsing, to intern the names the handler compares against.
    func prepare(_ names: XMLNameTable)
    func startElement(_ element: XMLElementStart) throws
    func endElement(_ name: XMLName) throws
    /// Character data and CDATA directly inside the current element, in pieces, as UTF-8.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// A start tag as libxml2 reported it; valid only during `startElement`.
struct XMLElementStart {
    let name: XMLName
    /// The namespace URI, nil for none.
    let namespace: UnsafePointer<UInt8>?
    let attributeCount: Int
    /// libxml2's attribute array: localname, prefix, URI, value start, value end per attribute.
    private let attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    private unowned(unsafe) let stream: XMLStream

    fileprivate init(name: XMLName, namespace: UnsafePointer<UInt8>?, attributeCount: Int,
                     attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, stream: XMLStream) {
        self.name = name
        self.namespace = namespace
        self.attributeCount = attributeCount
        self.attributes = attributes
        self.stream = stream
    }

    func attributeName(at index: Int) -> XMLName { attributes![5 * index]! }

    func attributeValue(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = attributes![5 * index + 3]!
        let end = attributes![5 * index + 4]!
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// The value of the first attribute with this local name, in any namespace.
    func attribute(_ name: XMLName) -> UnsafeBufferPointer<UInt8>? {
        for index in 0..<attributeCount where attributeName(at: index) == name {
            return attributeValue(at: index)
        }
        return nil
    }

    /// Where this start tag's `<` stands in the file.
    var position: XMLPosition { stream.startTagPosition() }

    /// Bytes of the file the parser has consumed so far (in the file's own encoding).
    var bytesConsumed: Int { stream.bytesConsumed }
}

/// Calls `body` with the stream a libxml2 callback's user data points to. The stream outlives the
/// parse, so no reference count is taken for each event.
private func withStream<Result>(_ pointer: UnsafeMutableRawPointer?, _ body: (XMLStream) -> Result) -> Result {
    Unmanaged<XMLStream>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
}

/// The hardened streaming parser under every XML reader: libxml2's SAX2 interface on a parser
/// context that reads the file through a callback, so memory stays flat whatever the file size
/// and no document tree is ever built.
///
/// Security: no network (`XML_PARSE_NONET`), no entity substitution, no DTD loading. Entity
/// declarations are never stored, so no entity can be expanded: a document type declaration
/// that names an external DTD or declares an entity, and any reference to a non-predefined
/// entity, stop the parse with `XMLReadError.refused` at the moment libxml2 reports it.
/// libxml2's messages go to this stream, never to stderr.
///
/// libxml2's xmlTextReader is not used: it parses ahead in 512-byte chunks, so the parser
/// position it reports at an element lies up to a chunk beyond the element's start tag. Here the
/// position is taken while libxml2 is still at the start tag.
final class XMLStream {
    /// Thrown by a handler to end the parse early and successfully.
    struct Finish: Error {}

    let path: String
    let relativePath: String
    private let handler: any XMLEventHandler
    private var descriptor: Int32 = -1
    private var failure: (any Error)?
    /// The file's bytes, every one scanned by `XMLPrefilter` (attribute counts and lengths) before
    /// libxml2 gets it; set while `run` parses.
    private var input: PrefilteredInput?
    /// What every event reads or writes, kept behind a pointer so that the per-event path makes
    /// none of the dynamic exclusivity checks Swift makes on class properties.
    private let live: UnsafeMutablePointer<Live>

    private struct Live {
        var context: xmlParserCtxtPtr?
        var stopped = false
        /// The position just after the last construct libxml2 reported; a start tag that follows
        /// begins here.
        var anchor = XMLPosition(line: 1, column: 1)
        /// The document's encoding, known once the root element has started.
        var encoding: String?
    }

    /// The document's encoding as declared or detected, known once the root element has started.
    var encoding: String? { live.pointee.encoding }

    private var context: xmlParserCtxtPtr? { live.pointee.context }

    private static let libraryReady: Bool = {
        xmlInitParser()
        return true
    }()

    /// No network; no entity substitution (`NOENT`), DTD loading or validation, no `HUGE` limits.
    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue)

    init(path: String, relativePath: String, handler: any XMLEventHandler) {
        self.path = path
        self.relativePath = relativePath
        self.handler = handler
        live = .allocate(capacity: 1)
        live.initialize(to: Live())
    }

    deinit {
        live.deinitialize(count: 1)
        live.deallocate()
    }

    /// Parses the whole file, or until the handler throws. Throws `XMLReadError` for a file that
    /// cannot be read, is not well-formed or is refused, and rethrows the handler's own errors.
    func run() throws {
        precondition(Self.libraryReady)
        try openFile()
        defer { close(descriptor) }
        let input = PrefilteredInput(descriptor: descriptor)
        self.input = input
        defer {
            input.stop()
            self.input = nil
        }
        let this = Unmanaged.passUnretained(self).toOpaque()
        var sax = Self.makeSAXHandler()
        guard let ctxt = xmlCreateIOParserCtxt(&sax, this, Self.readInput, nil, this, XML_CHAR_ENCODING_NONE) else {
            throw XMLReadError.unreadable(file: relativePath, reason: "libxml2 could not create a parser (out of memory)")
        }
        live.pointee.context = ctxt
        defer {
            if let document = ctxt.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(ctxt)
            live.pointee.context = nil
        }
        xmlCtxtUseOptions(ctxt, Self.options)
        handler.prepare(XMLNameTable(dictionary: ctxt.pointee.dict))
        let previousHandlers = gevinst_xml_capture_errors(Self.receiveError, this)
        defer { gevinst_xml_restore_errors(previousHandlers) }
        xmlParseDocument(ctxt)
        if let failure {
            if failure is Finish { return }
            throw failure
        }
        if ctxt.pointee.wellFormed == 0 {
            let input = ctxt.pointee.input
            throw XMLReadError.malformed(file: relativePath, line: Int(input?.pointee.line ?? 0),
                                         column: Int(input?.pointee.col ?? 0), message: "the document is not well-formed")
        }
    }

    /// `run()` for a handler whose only errors are `XMLReadError`s.
    func runTyped() throws(XMLReadError) {
        do {
            try run()
        } catch let error as XMLReadError {
            throw error
        } catch {
            preconditionFailure("the handler reading \(relativePath) threw \(error), not an XMLReadError")
        }
    }

    /// Bytes of the file consumed so far, in the file's encoding.
    var bytesConsumed: Int {
        guard let context else { return 0 }
        return Int(xmlByteConsumed(context))
    }

    // MARK: - File

    private func openFile() throws(XMLReadError) {
        // Without blocking, so that a named pipe put in the file's place is refused, not waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .notFound(file: relativePath) }
            throw .unreadable(file: relativePath, reason: String(cString: strerror(code)))
        }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            close(fd)
            if info.st_mode & S_IFMT == S_IFDIR { throw .isDirectory(file: relativePath) }
            throw .notRegular(file: relativePath)
        }
        descriptor = fd
    }

    private func read(into buffer: UnsafeMutablePointer<CChar>?, count: Int) -> Int32 {
        guard !live.pointee.stopped, let buffer, let input else { return 0 }
        switch input.read(into: buffer, count: count) {
        case .bytes(let got):
            return Int32(got)
        case .refused(let refusal):
            stop(XMLReadError.refused(file: relativePath, line: refusal.line, column: refusal.column, reason: refusal.reason))
            return -1
        case .unreadable(let reason):
            stop(XMLReadError.unreadable(file: relativePath, reason: reason))
            return -1
        }
    }

    // MARK: - Stopping

    /// Records the first failure and stops: no further SAX events, and the input reads as ended,
    /// so libxml2 finishes with what it has buffered. (xmlStopParser is not called from inside
    /// callbacks because it frees the input under the caller's feet.)
    private func stop(_ error: any Error) {
        if failure == nil { failure = error }
        live.pointee.stopped = true
        context?.pointee.disableSAX = 1
    }

    private func refuse(_ reason: String) {
        let here = currentPosition
        stop(XMLReadError.refused(file: relativePath, line: here.line, column: here.column, reason: reason))
    }

    private var currentPosition: XMLPosition {
        guard let input = context?.pointee.input else { return live.pointee.anchor }
        return XMLPosition(line: Int(input.pointee.line), column: Int(input.pointee.col))
    }

    fileprivate func receive(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, failure == nil else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        message = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ").trimmingSpaces
        var position = XMLPosition(line: Int(error.line), column: Int(error.int2))
        if position.line <= 0 { position = currentPosition }
        if message == "internal error: Huge input lookup" {
            // libxml2 2.9 keeps every byte since the last point where it trims its buffer; long
            // attribute values one after another can hold 10 MB without such a point.
            stop(XMLReadError.refused(file: relativePath, line: position.line, column: position.column,
                                      reason: "libxml2 would have to keep more than 10 MB of the file at once here (long attribute values one after another), its limit (\"Huge input lookup\")"))
            return
        }
        stop(XMLReadError.malformed(file: relativePath, line: position.line, column: position.column, message: message))
    }

    // MARK: - Positions

    /// The position of the current start tag's `<`. libxml2 calls the start-element handler with
    /// its cursor on the tag's closing `>` (or `/>`), and attribute values cannot contain `<`,
    /// so the tag's `<` is the nearest one before the cursor, still in libxml2's buffer. Lines
    /// are counted as libxml2 counts them, by line feeds (a CR of a CRLF is the line's last
    /// character; a lone CR does not end a line).
    func startTagPosition() -> XMLPosition {
        guard let input = context?.pointee.input, let base = input.pointee.base, let cursor = input.pointee.cur else {
            return live.pointee.anchor
        }
        var line = Int(input.pointee.line)
        var newlines = 0
        var charactersBefore = 0   // characters from `<` up to the cursor, on the cursor's line
        var scan = cursor
        var found = false
        while scan > base {
            scan -= 1
            let byte = scan.pointee
            if byte == UInt8(ascii: "<") {
                if newlines == 0 { charactersBefore += 1 }
                found = true
                break
            }
            if byte == 0x0A {
                newlines += 1
            } else if newlines == 0, byte & 0xC0 != 0x80 {
                charactersBefore += 1
            }
        }
        guard found else { return live.pointee.anchor }
        if newlines == 0 { return XMLPosition(line: line, column: Int(input.pointee.col) - charactersBefore) }
        // The tag spans lines: count the characters before `<` on its own line. At the end of the
        // input libxml2 may not have counted the breaks inside an unclosed tag yet (`<a\r\r`).
        line = max(1, line - newlines)
        var column = 1
        var back = scan
        while back > base {
            back -= 1
            if back.pointee == 0x0A { return XMLPosition(line: line, column: column) }
            if back.pointee & 0xC0 != 0x80 { column += 1 }
        }
        if input.pointee.consumed == 0 { return XMLPosition(line: line, column: column) }
        // The line's start has left libxml2's buffer; the previous construct ended at this `<`.
        return XMLPosition(line: line, column: live.pointee.anchor.column)
    }

    private func moveAnchor(after startTag: Bool = false) {
        guard let input = context?.pointee.input else { return }
        live.pointee.anchor = XMLPosition(line: Int(input.pointee.line), column: Int(input.pointee.col) + (startTag ? 1 : 0))
    }

    private func documentEncoding() -> String {
        if let declared = context?.pointee.input?.pointee.encoding ?? context?.pointee.encoding {
            return String(cString: declared).uppercased()
        }
        if let name = context?.pointee.input?.pointee.buf?.pointee.encoder?.pointee.name {
            return String(cString: name).uppercased()
        }
        return "UTF-8"
    }

    // MARK: - Events

    fileprivate func elementStarted(_ element: XMLElementStart) {
        if live.pointee.encoding == nil { live.pointee.encoding = documentEncoding() }
        do { try handler.startElement(element) } catch { stop(error) }
        moveAnchor(after: true)
    }

    fileprivate func elementEnded(_ name: XMLName) {
        do { try handler.endElement(name) } catch { stop(error) }
        moveAnchor()
    }

    fileprivate func textRead(_ bytes: UnsafeBufferPointer<UInt8>) {
        do { try handler.text(bytes) } catch { stop(error) }
        moveAnchor()
    }

    fileprivate func constructSkipped() { moveAnchor() }

    fileprivate func documentTypeDeclared(externalID: UnsafePointer<UInt8>?, systemID: UnsafePointer<UInt8>?) {
        guard externalID != nil || systemID != nil else { return }
        let name = Self.shortened(systemID ?? externalID)
        refuse("the document type declaration names an external DTD ('\(name)'); DTDs are never loaded, so the entities it may declare cannot be checked")
    }

    fileprivate func entityDeclared(_ name: UnsafePointer<UInt8>?, parameter: Bool) {
        let text = Self.shortened(name)
        refuse("the document declares the \(parameter ? "parameter " : "")entity '\(text)'; documents that declare entities are refused (entity expansion and external entities are attack vectors)")
    }

    /// Attributes the internal subset declares: a default value is added to every start tag of its
    /// element, where libxml2 checks it against the tag's own attributes in quadratic time.
    private var declaredAttributes = 0

    fileprivate func attributeDeclared() {
        declaredAttributes += 1
        if declaredAttributes > XMLPrefilter.maximumAttributes {
            refuse("the document type declaration declares more than \(XMLPrefilter.maximumAttributes) attributes (<!ATTLIST …>), the limit of one tag")
        }
    }

    fileprivate func entityReferenced(_ name: UnsafePointer<UInt8>?, parameter: Bool) {
        let text = Self.shortened(name)
        refuse("the document refers to the entity \(parameter ? "%" : "&")\(text); entities other than &lt; &gt; &amp; &apos; &quot; are refused")
    }

    /// A name from the document for a message, cut to 60 characters.
    private static func shortened(_ name: UnsafePointer<UInt8>?) -> String {
        let text = name.map { String(cString: $0) } ?? ""
        return text.count > 60 ? text.prefix(60) + "…" : text
    }

    // MARK: - libxml2 callbacks

    private static let readInput: xmlInputReadCallback = { context, buffer, length in
        withStream(context) { $0.read(into: buffer, count: Int(length)) }
    }

    private static let receiveError: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        withStream(context) { $0.receive(error.pointee) }
    }

    private static func makeSAXHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localname, _, uri, _, _, attributeCount, _, attributes in
            withStream(context) { stream in
                guard !stream.live.pointee.stopped, let localname else { return }
                stream.elementStarted(XMLElementStart(name: localname, namespace: uri, attributeCount: Int(attributeCount),
                                                      attributes: attributes, stream: stream))
            }
        }
        sax.endElementNs = { context, localname, _, _ in
            withStream(context) { stream in
                guard !stream.live.pointee.stopped, let localname else { return }
                stream.elementEnded(localname)
            }
        }
        let characters: charactersSAXFunc = { context, bytes, length in
            withStream(context) { stream in
                guard !stream.live.pointee.stopped, let bytes else { return }
                stream.textRead(UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.comment = { context, _ in withStream(context) { $0.constructSkipped() } }
        sax.processingInstruction = { context, _, _ in withStream(context) { $0.constructSkipped() } }
        sax.internalSubset = { context, _, externalID, systemID in
            withStream(context) { $0.documentTypeDeclared(externalID: externalID, systemID: systemID) }
        }
        sax.entityDecl = { context, name, type, _, _, _ in
            let parameter = type == Int32(XML_INTERNAL_PARAMETER_ENTITY.rawValue) || type == Int32(XML_EXTERNAL_PARAMETER_ENTITY.rawValue)
            withStream(context) { $0.entityDeclared(name, parameter: parameter) }
        }
        sax.attributeDecl = { context, _, _, _, _, _, tree in
            xmlFreeEnumeration(tree)   // the callback owns the enumeration
            withStream(context) { $0.attributeDeclared() }
        }
        sax.unparsedEntityDecl = { context, name, _, _, _ in
            withStream(context) { $0.entityDeclared(name, parameter: false) }
        }
        sax.getEntity = { context, name in
            withStream(context) { $0.entityReferenced(name, parameter: false) }
            return nil
        }
        sax.getParameterEntity = { context, name in
            withStream(context) { $0.entityReferenced(name, parameter: true) }
            return nil
        }
        sax.serror = receiveError
        return sax
    }
}

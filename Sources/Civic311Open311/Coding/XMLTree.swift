import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read into elements with FoundationXML's parser (the toolchain's libxml2), for
/// the readers to walk.
final class XMLElementNode {
    /// The local name, without a namespace prefix.
    let name: String
    var children: [XMLElementNode] = []
    /// Character data directly inside the element.
    var text = ""

    init(name: String) { self.name = name }

    /// Reads `bytes` as XML: a byte-order mark and anything before the first `<` (one server's
    /// reply starts with its HTTP status line) are skipped.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> XMLElementNode {
        var start = 0
        while start < bytes.count, bytes[start] != UInt8(ascii: "<") { start += 1 }
        guard start < bytes.count else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "no XML element in the document")
        }
        let document = UnsafeBufferPointer(rebasing: bytes[start...])
        // libxml2 passes an element name it could not read in the document's encoding on to
        // FoundationXML as it is, and FoundationXML traps on one that is not UTF-8 (the
        // open311-xml fuzz target found it). So a document must be UTF-8 (the specification's
        // encoding), or declare an encoding in which every byte is a character, which libxml2
        // converts to UTF-8 whatever the bytes.
        if String(validating: document, as: UTF8.self) == nil,
            !(Self.declaredEncoding(document).map { Self.everyByteIsACharacter.contains($0.lowercased()) } ?? false)
        {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "the document is not UTF-8 text, and declares no encoding that can read it (ISO-8859-1 or -15)"
            )
        }
        let data = Data(document)
        let builder = TreeBuilder()
        // A stream is fed to libxml2 in pieces; the whole document in one piece trips its
        // ten-megabyte lookup limit ("huge input lookup"), so large lists would not read.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // A streamed parse can report success and still set an error (a document that stops
        // early), so both are checked, and every element must have closed.
        let succeeded = parser.parse()
        if let failure = builder.failure {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: failure)
        }
        guard succeeded, parser.parserError == nil, builder.isComplete, let root = builder.root else {
            let reason =
                parser.parserError.map { "XML error \(($0 as NSError).code)" } ?? "the document is not complete"
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "\(reason) (line \(parser.lineNumber), column \(parser.columnNumber))"
            )
        }
        return root
    }

    /// The `encoding` of the XML declaration that `document` starts with, if it has one.
    static func declaredEncoding(_ document: UnsafeBufferPointer<UInt8>) -> String? {
        let prefix = document.prefix(256)
        guard prefix.starts(with: "<?xml".utf8),
            let end = prefix.firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = String(decoding: prefix[..<end], as: UTF8.self)
        guard let name = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[name.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Encodings in which every byte is a character, by their lowercased names.
    private static let everyByteIsACharacter: Set<String> = [
        "iso-8859-1", "iso_8859-1", "latin1", "l1", "iso-8859-15", "iso_8859-15", "latin-9",
    ]

    /// Elements nested deeper are refused: no GeoReport document comes close, and a tree that
    /// deep would exhaust the stack when it is read or released.
    static let maximumDepth = 200

    /// Builds elements from the parser's callbacks.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        var failure: String?
        private var stack: [XMLElementNode] = []
        private var closedRoot = false

        /// Whether the root element was opened and closed.
        var isComplete: Bool { root != nil && closedRoot && stack.isEmpty }

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard stack.count < XMLElementNode.maximumDepth else {
                failure = "elements nested more than \(XMLElementNode.maximumDepth) levels deep"
                parser.abortParsing()
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let node = XMLElementNode(name: local)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            _ = stack.popLast()
            if stack.isEmpty { closedRoot = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

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
        let data = Data(UnsafeBufferPointer(rebasing: bytes[start...]))
        let builder = TreeBuilder()
        // A stream is fed to libxml2 in pieces; the whole document in one piece trips its
        // ten-megabyte lookup limit ("huge input lookup"), so large lists would not read.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "XML \(reason) (line \(parser.lineNumber), column \(parser.columnNumber))"
            )
        }
        return root
    }

    /// Builds elements from the parser's callbacks.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        private var stack: [XMLElementNode] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
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
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

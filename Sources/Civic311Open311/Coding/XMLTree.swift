/// An XML document read into elements by ``XMLDocumentReader``, for the readers to walk.
final class XMLElementNode {
    /// The local name, without a namespace prefix.
    let name: String
    var children: [XMLElementNode] = []
    /// Character data directly inside the element.
    var text = ""

    init(name: String) { self.name = name }

    /// Reads `bytes` as XML (see ``XMLDocumentText`` for the encodings it reads and what it
    /// skips before the first element).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(GeoReportDecodingError) -> XMLElementNode {
        try XMLDocumentText.withText(of: bytes) { text throws(GeoReportDecodingError) in
            var reader = XMLDocumentReader(text)
            do throws(XMLDocumentReader.SyntaxError) {
                return try reader.read()
            } catch {
                let before = text[..<min(error.offset, text.count)]
                let line = before.count { $0 == UInt8(ascii: "\n") } + 1
                let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
                throw GeoReportDecodingError(
                    .malformedDocument,
                    path: "",
                    reason: "\(error.reason) (line \(line), column \(column))"
                )
            }
        }
    }

    /// Elements nested deeper are refused: no GeoReport document comes close, and a tree that
    /// deep would exhaust the stack when it is read or released.
    static let maximumDepth = 200
}

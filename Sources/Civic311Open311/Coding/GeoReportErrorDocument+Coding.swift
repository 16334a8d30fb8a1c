import Foundation

extension GeoReportErrorDocument {
    /// Reads an error reply, whatever its shape: the specification's documents in either
    /// format, a lone `<error>` holding text (after an HTTP status line, as one server sends it),
    /// Mark-a-Spot's `{"error": {"code", "message"}}`, a bare `{"message": …}` (Libre311, Boston),
    /// or an HTML or text page, whose text becomes the description. An empty body has no entries.
    ///
    /// - Parameters:
    ///   - bytes: the reply's body.
    ///   - format: the format to try first; the other is tried next, then plain text.
    public init(decoding bytes: some ContiguousBytes, format: GeoReportFormat) {
        let entries: [Entry] = bytes.withUnsafeBytes { raw in
            let buffer = raw.assumingMemoryBound(to: UInt8.self)
            let formats: [GeoReportFormat] = format == .json ? [.json, .xml] : [.xml, .json]
            for format in formats {
                if let entries = Self.entries(buffer, format: format) { return entries }
            }
            return Self.plainTextEntries(buffer)
        }
        self.init(entries: entries)
    }

    /// Writes the document exactly as the specification shapes it: `code` as a JSON number when
    /// it is one, written as it reads. A code such as `004` stays text, since the number would
    /// read back as `4`.
    public func encoded(format: GeoReportFormat) -> [UInt8] {
        switch format {
        case .json:
            var sink = JSONSink(reservingCapacity: 128)
            sink.beginDocumentList(.errors)
            for entry in entries {
                sink.beginItem(.error)
                if entry.code.utf8.count < 10, entry.code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    let number = Int(entry.code), String(number) == entry.code
                {
                    sink.rawNumber(.code, entry.code)
                } else {
                    sink.text(.code, entry.code)
                }
                sink.text(.description, entry.description)
                sink.endDocumentItem(.error)
            }
            sink.endDocumentList(.errors)
            return sink.bytes
        case .xml:
            var sink = XMLSink(reservingCapacity: 128)
            sink.beginDocumentList(.errors)
            for entry in entries {
                sink.beginItem(.error)
                sink.text(.code, entry.code)
                sink.text(.description, entry.description)
                sink.endDocumentItem(.error)
            }
            sink.endDocumentList(.errors)
            return sink.bytes
        }
    }

    private static func entries(_ buffer: UnsafeBufferPointer<UInt8>, format: GeoReportFormat) -> [Entry]? {
        switch format {
        case .json:
            var source = JSONSource(buffer)
            guard let value = try? source.readValue() else { return nil }
            return entries(in: value)
        case .xml:
            guard let root = try? XMLElementNode.parse(buffer) else { return nil }
            switch root.name {
            case "errors": return root.children.map(entry(in:))
            case "error": return [entry(in: root)]
            default: return nil
            }
        }
    }

    private static func entry(in element: XMLElementNode) -> Entry {
        guard !element.children.isEmpty else { return Entry(code: "", description: element.text.trimmedWhitespace) }
        let value = XMLSource.value(of: element)
        return entry(in: value) ?? Entry(code: "", description: element.text.trimmedWhitespace)
    }

    /// The entries a JSON value holds, or `nil` when it is not an error document at all.
    private static func entries(in value: GeoReportValue) -> [Entry]? {
        switch value {
        case .array(let items):
            return items.compactMap { item in
                if case .string(let text) = item { return Entry(code: "", description: text) }
                return entry(in: item)
            }
        case .object:
            if let errors = value["errors"] ?? value["_embedded"]?["errors"] { return entries(in: errors) }
            if let error = value["error"] {
                if case .string(let text) = error { return [Entry(code: code(in: value), description: text)] }
                return entry(in: error).map { [$0] }
            }
            return entry(in: value).map { [$0] }
        case .string(let text):
            return [Entry(code: "", description: text)]
        default:
            return nil
        }
    }

    private static func entry(in value: GeoReportValue) -> Entry? {
        guard case .object = value else { return nil }
        let description = value["description"]?.text ?? value["message"]?.text
        let code = code(in: value)
        guard description != nil || !code.isEmpty else { return nil }
        return Entry(code: code, description: description ?? "")
    }

    private static func code(in value: GeoReportValue) -> String {
        (value["code"]?.text ?? value["status"]?.text ?? "").trimmedWhitespace
    }

    /// The text of a body that is neither format: markup removed, white space collapsed, cut at
    /// 500 characters.
    private static func plainTextEntries(_ buffer: UnsafeBufferPointer<UInt8>) -> [Entry] {
        var text: [UInt8] = []
        var inTag = false
        var lastWasSpace = true
        for byte in buffer {
            switch byte {
            case UInt8(ascii: "<"):
                inTag = true
                // An element boundary separates words, as a browser would show them.
                if !lastWasSpace { text.append(0x20) }
                lastWasSpace = true
            case UInt8(ascii: ">") where inTag: inTag = false
            case _ where inTag: continue
            case 0x20, 0x09, 0x0A, 0x0D:
                if !lastWasSpace { text.append(0x20) }
                lastWasSpace = true
            default:
                text.append(byte)
                lastWasSpace = false
            }
        }
        let description = String(decoding: text, as: UTF8.self).trimmedWhitespace
        guard !description.isEmpty else { return [] }
        return [Entry(code: "", description: String(description.prefix(500)))]
    }
}

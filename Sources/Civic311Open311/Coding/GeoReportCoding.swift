import Foundation

/// A type read from a document position.
protocol GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self
}

/// A type written as one item or object.
protocol GeoReportWritable {
    func write<Sink: GeoReportSink>(to sink: inout Sink)
}

/// A type documents list: `<container><item>…</item></container>`, a JSON array.
protocol GeoReportListItem: GeoReportReadable, GeoReportWritable {
    /// The root element when writing.
    static var container: GeoReportKey { get }
    /// Root elements and wrapper keys accepted when reading.
    static var containers: Set<GeoReportKey> { get }
    static var item: GeoReportKey { get }
    /// A typical encoded size, to reserve output capacity.
    static var typicalBytes: Int { get }
}

/// The entry points every public `decode`/`encode` function goes through.
enum GeoReportCoding {
    static func decodeList<Item: GeoReportListItem>(
        _ type: Item.Type,
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> [Item] {
        try withBytes(bytes) { buffer in
            var items: [Item] = []
            switch format {
            case .json:
                var source = JSONSource(buffer)
                try source.readDocumentList(containers: Item.containers, item: Item.item) { source in
                    items.append(try Item.read(from: &source))
                }
            case .xml:
                var source = XMLSource(try XMLElementNode.parse(buffer))
                try source.readDocumentList(item: Item.item) { source in
                    items.append(try Item.read(from: &source))
                }
            }
            return items
        }
    }

    static func decodeDocument<Document: GeoReportReadable>(
        _ type: Document.Type,
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> Document {
        try withBytes(bytes) { buffer in
            switch format {
            case .json:
                var source = JSONSource(buffer)
                var document: Document?
                try source.readDocument { document = try Document.read(from: &$0) }
                guard let document else {
                    throw GeoReportDecodingError(.malformedDocument, path: "", reason: "empty document")
                }
                return document
            case .xml:
                var source = XMLSource(try XMLElementNode.parse(buffer))
                return try Document.read(from: &source)
            }
        }
    }

    static func encodeList<Item: GeoReportListItem>(_ items: [Item], format: GeoReportFormat) -> [UInt8] {
        switch format {
        case .json: encodeList(items, into: JSONSink.self)
        case .xml: encodeList(items, into: XMLSink.self)
        }
    }

    private static func encodeList<Item: GeoReportListItem, Sink: GeoReportSink>(
        _ items: [Item],
        into: Sink.Type
    ) -> [UInt8] {
        var sink = Sink(reservingCapacity: 64 + items.count * Item.typicalBytes)
        sink.beginDocumentList(Item.container)
        for item in items {
            sink.beginItem(Item.item)
            item.write(to: &sink)
            sink.endDocumentItem(Item.item)
        }
        sink.endDocumentList(Item.container)
        return sink.bytes
    }

    static func encodeDocument(
        root: GeoReportKey,
        format: GeoReportFormat,
        _ write: (inout JSONSink) -> Void,
        _ writeXML: (inout XMLSink) -> Void
    ) -> [UInt8] {
        switch format {
        case .json:
            var sink = JSONSink(reservingCapacity: 1024)
            sink.beginDocumentObject(root)
            write(&sink)
            sink.endDocumentObject(root)
            return sink.bytes
        case .xml:
            var sink = XMLSink(reservingCapacity: 1024)
            sink.beginDocumentObject(root)
            writeXML(&sink)
            sink.endDocumentObject(root)
            return sink.bytes
        }
    }

    /// Runs `body` over the bytes, turning any other error into a decoding error.
    private static func withBytes<Result>(
        _ bytes: some ContiguousBytes,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws(GeoReportDecodingError) -> Result {
        do {
            return try bytes.withUnsafeBytes { raw in
                try body(raw.assumingMemoryBound(to: UInt8.self))
            }
        } catch let error as GeoReportDecodingError {
            throw error
        } catch {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "\(error)")
        }
    }

    /// The error for a field every document of its kind carries.
    static func missing(_ key: GeoReportKey) -> GeoReportDecodingError {
        GeoReportDecodingError(.missingField, path: key.spelling, reason: "is missing")
    }
}

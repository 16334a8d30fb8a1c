import Foundation

/// Where a document is written, JSON or XML.
///
/// Each type's writer is written once against this protocol, in the specification's field order.
/// The JSON form follows from the XML one as the specification defines it: the root element is
/// dropped, a container of repeated elements becomes an array, an empty element becomes `null`.
protocol GeoReportSink {
    init(reservingCapacity: Int)
    var bytes: [UInt8] { get }

    /// Starts a document that lists items: `<container>` or `[`.
    mutating func beginDocumentList(_ container: GeoReportKey)
    mutating func endDocumentList(_ container: GeoReportKey)
    /// Starts a document holding one object: `<root>` or `{`.
    mutating func beginDocumentObject(_ root: GeoReportKey)
    mutating func endDocumentObject(_ root: GeoReportKey)
    /// Starts an item of a list: `<item>` or `{`.
    mutating func beginItem(_ item: GeoReportKey)
    mutating func endItem(_ item: GeoReportKey)
    /// Ends an item of the document's own list (XML puts each on its own line).
    mutating func endDocumentItem(_ item: GeoReportKey)
    /// Starts a field holding a list: `<name>` or `"name":[`.
    mutating func beginListField(_ name: GeoReportKey)
    mutating func endListField(_ name: GeoReportKey)
    /// Starts a field holding an object: `<name>` or `"name":{`.
    mutating func beginObjectField(_ name: GeoReportKey)
    mutating func endObjectField(_ name: GeoReportKey)
    /// A text field; `nil` writes an empty element or `null`.
    mutating func text(_ name: GeoReportKey, _ value: String?)
    /// A text item of a list: `<format>text/xml</format>` or `"text/xml"`.
    mutating func textItem(_ item: GeoReportKey, _ value: String)
    /// A number field; `nil` (or a value that is not finite) writes an empty element or `null`.
    mutating func number(_ name: GeoReportKey, _ value: Double?)
    mutating func integer(_ name: GeoReportKey, _ value: Int)
    mutating func bool(_ name: GeoReportKey, _ value: Bool)
    /// A date field in strict W3C form; `nil` writes an empty element or `null`.
    mutating func date(_ name: GeoReportKey, _ value: Date?)
}

/// Every key's spelling as bytes, made once and indexed by the key's raw value.
enum GeoReportKeyBytes {
    static let jsonFieldPrefixes: [[UInt8]] = GeoReportKey.allCases.map { Array("\"\($0.spelling)\":".utf8) }
    static let xmlOpenTags: [[UInt8]] = GeoReportKey.allCases.map { Array("<\($0.spelling)>".utf8) }
    static let xmlCloseTags: [[UInt8]] = GeoReportKey.allCases.map { Array("</\($0.spelling)>".utf8) }
    static let xmlEmptyTags: [[UInt8]] = GeoReportKey.allCases.map { Array("<\($0.spelling)/>".utf8) }
}

/// Doubles as GeoReport writes them: the shortest text that reads back as the same value.
enum GeoReportNumberText {
    static func append(_ value: Double, to output: inout [UInt8]) {
        if value.rounded() == value, abs(value) < 1e15 {
            // Whole numbers without ".0", the way servers write coordinates and counts.
            output.append(contentsOf: String(Int64(value)).utf8)
        } else {
            output.append(contentsOf: value.description.utf8)
        }
    }
}

import Civic311Open311
import Foundation

extension FuzzTarget {
    /// GeoReport documents in JSON, as a client reads them from a city's server: every decoder of
    /// the module on the same bytes (see ``Open311Documents``).
    static let open311JSON = FuzzTarget(name: "open311-json") { data in
        Open311Documents.check([UInt8](data), format: .json)
    }

    /// GeoReport documents in XML, as ``open311JSON`` does for JSON.
    static let open311XML = FuzzTarget(name: "open311-xml") { data in
        Open311Documents.check([UInt8](data), format: .xml)
    }
}

/// The properties every GeoReport decoder keeps, whatever the bytes: the same verdict twice; a
/// refusal is a `GeoReportDecodingError` that names the field at fault (or, for bytes that are not
/// a document at all, says so) and why; what is accepted is written back by the module's encoder
/// into a document that reads back as the same value (``GeoReportComparable``), and writing that
/// value again gives the same bytes.
enum Open311Documents {
    static func check(_ bytes: [UInt8], format: GeoReportFormat) {
        roundTrip("service list", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportService.decodeList(from: bytes, format: format)
        } encode: {
            GeoReportService.encodeList($0, format: format)
        }
        roundTrip("request list", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportServiceRequest.decodeList(from: bytes, format: format)
        } encode: {
            GeoReportServiceRequest.encodeList($0, format: format)
        }
        roundTrip("submission receipt", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportSubmissionReceipt.decodeList(from: bytes, format: format)
        } encode: {
            GeoReportSubmissionReceipt.encodeList($0, format: format)
        }
        roundTrip("token resolution", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportTokenResolution.decodeList(from: bytes, format: format)
        } encode: {
            GeoReportTokenResolution.encodeList($0, format: format)
        }
        roundTrip("service definition", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportServiceDefinition(decoding: bytes, format: format)
        } encode: {
            $0.encoded(format: format)
        }
        roundTrip("discovery", bytes, format) { bytes throws(GeoReportDecodingError) in
            try GeoReportDiscovery(decoding: bytes, format: format)
        } encode: {
            $0.encoded(format: format)
        }
        // An error reply is read from anything (a page of HTML, plain text), never refused; what
        // it read is written as the specification's document and reads back the same.
        let errors = GeoReportErrorDocument(decoding: bytes, format: format)
        PropertyCheck.expect(
            GeoReportErrorDocument(decoding: bytes, format: format) == errors,
            "an error reply reads the same twice"
        )
        let written = errors.encoded(format: format)
        let again = GeoReportErrorDocument(decoding: written, format: format)
        // Read as plain text, a reply may hold characters XML 1.0 cannot carry, which the XML
        // writer replaces (as it documents).
        let expected =
            format == .xml
            ? GeoReportErrorDocument(
                entries: errors.entries.map {
                    .init(code: carriedByXML($0.code), description: carriedByXML($0.description))
                }
            ) : errors
        PropertyCheck.expect(
            again == expected,
            "an error reply written back reads back the same",
            "\(errors)\n---\n\(String(decoding: written, as: UTF8.self))\n---\n\(again)"
        )
    }

    /// `text` as the XML writer writes it: the characters XML 1.0 cannot carry (C0 controls but
    /// tab and line breaks, U+FFFE, U+FFFF) as U+FFFD.
    static func carriedByXML(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let carried = scalar.value >= 0x20 || [0x09, 0x0A, 0x0D].contains(scalar.value)
            scalars.append(carried && scalar.value != 0xFFFE && scalar.value != 0xFFFF ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func roundTrip<Value: GeoReportComparable & Equatable>(
        _ what: String,
        _ bytes: [UInt8],
        _ format: GeoReportFormat,
        decode: ([UInt8]) throws(GeoReportDecodingError) -> Value,
        encode: (Value) -> [UInt8]
    ) {
        let first = Result { () throws(GeoReportDecodingError) in try decode(bytes) }
        let second = Result { () throws(GeoReportDecodingError) in try decode(bytes) }
        PropertyCheck.expect(first == second, "a \(what) gets the same verdict twice", "\(first)\n---\n\(second)")
        switch first {
        case .failure(let error):
            PropertyCheck.expect(!error.reason.isEmpty, "a refused \(what) says why", "\(error)")
            PropertyCheck.expect(
                !error.path.isEmpty || error.code == .malformedDocument || error.code == .unexpectedShape,
                "a refused \(what) names the field at fault, unless the document as a whole is wrong",
                "\(error)"
            )
        case .success(let value):
            let written = encode(value)
            let again: Value
            do {
                again = try decode(written)
            } catch {
                PropertyCheck.fail(
                    "a \(what) written back reads back",
                    "\(error)\n---\n\(String(decoding: written, as: UTF8.self))"
                )
            }
            PropertyCheck.expect(
                again == value.comparable,
                "a \(what) written back reads back as the same value",
                "\(value)\n---\n\(String(decoding: written, as: UTF8.self))\n---\n\(again)"
            )
            PropertyCheck.expect(
                encode(again) == written,
                "a \(what) read back is written as the same bytes",
                String(decoding: written, as: UTF8.self)
            )
        }
    }
}

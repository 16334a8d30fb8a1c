import Civic311Open311
import Foundation

/// What an Open311 value keeps through writing and reading again. The encoders write exactly the
/// specification's shapes: the fields a document carried beyond them (`extras`) are not written,
/// a request's or receipt's `token` is written only in place of its id, and instants are written
/// to the millisecond, the precision Civic311 keeps. A decoded value, with those taken out, must
/// read back equal from what it was written as.
protocol GeoReportComparable {
    /// The value without its `extras` (at every level) and with every instant to the millisecond.
    var comparable: Self { get }
}

extension Array: GeoReportComparable where Element: GeoReportComparable {
    var comparable: Self { map(\.comparable) }
}

extension Date {
    /// The instant to the nearest millisecond, as GeoReport dates are written.
    var toTheMillisecond: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension GeoReportService: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        return value
    }
}

extension GeoReportServiceRequest: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        if id != nil { value.token = nil }
        value.requestedAt = requestedAt.toTheMillisecond
        value.updatedAt = updatedAt?.toTheMillisecond
        value.expectedAt = expectedAt?.toTheMillisecond
        value.extendedAttributes = extendedAttributes?.comparable
        return value
    }
}

extension GeoReportExtendedAttributes: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        value.notes = notes.map { note in
            var note = note
            note.extras = []
            note.writtenAt = note.writtenAt.toTheMillisecond
            return note
        }
        return value
    }
}

extension GeoReportSubmissionReceipt: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        if id != nil { value.token = nil }
        return value
    }
}

extension GeoReportTokenResolution: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        return value
    }
}

extension GeoReportServiceDefinition: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        value.attributes = attributes.map { attribute in
            var attribute = attribute
            attribute.extras = []
            attribute.values = attribute.values.map { GeoReportAttribute.Value(key: $0.key, name: $0.name) }
            return attribute
        }
        return value
    }
}

extension GeoReportDiscovery: GeoReportComparable {
    var comparable: Self {
        var value = self
        value.extras = []
        value.endpoints = endpoints.map { endpoint in
            var endpoint = endpoint
            endpoint.extras = []
            return endpoint
        }
        return value
    }
}

extension GeoReportSubmission: GeoReportComparable {
    /// The form body is written without `extras`.
    var comparable: Self {
        var value = self
        value.extras = []
        return value
    }
}

import Foundation

extension Date {
    /// Seconds since 1970 of the first and last instants of years 1 through 9999, the years the
    /// calendars and dates of Civic311 support.
    package static let supportedSeconds: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// Whether the instant is finite and within years 1 through 9999.
    package var isInSupportedYears: Bool { Self.supportedSeconds.contains(timeIntervalSince1970) }

    /// The instant for a message: Foundation's own text within the supported years, and the seconds
    /// since 1970 otherwise (Foundation's `description` traps on NaN).
    package var messageText: String {
        isInSupportedYears ? description : "\(timeIntervalSince1970) seconds from 1970"
    }
}

/// A CSV input could not be read on.
///
/// Problems within one record (text after a closing quote, a quote never closed) are not errors:
/// the reader returns the record with its ``CSVReader/malformation`` so the caller can report it
/// and go on. This error is for what ends the reading.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreadable
            case recordTooLong
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input could not be opened or read.
        public static var unreadable: Self { Self(.unreadable) }
        /// A record is longer than the reader's limit, so where the next one starts is unknown.
        public static var recordTooLong: Self { Self(.recordTooLong) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The line on which the record being read starts (0 before any).
    public let line: Int
    public let reason: String

    public init(_ code: Code, line: Int, reason: String) {
        self.code = code
        self.line = line
        self.reason = reason
    }

    public var message: String { "line \(line): \(reason)" }
    public var description: String { "CSVError(\(code)): \(message)" }
}

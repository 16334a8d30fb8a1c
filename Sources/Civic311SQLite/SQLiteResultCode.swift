internal import CCivic311SQLite
import Civic311
import Foundation

/// A SQLite result code, extended where SQLite gives one. A primary code used as a pattern
/// matches all its extended codes: `case .busy:` matches `SQLITE_BUSY_SNAPSHOT` too.
package struct SQLiteResultCode: RawRepresentable, Hashable, CustomStringConvertible {
    package let rawValue: Int32

    /// The code SQLite returned.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code (the low byte).
    package var primary: SQLiteResultCode { SQLiteResultCode(rawValue: rawValue & 0xff) }

    package static let ok = Self(rawValue: SQLITE_OK)
    package static let row = Self(rawValue: SQLITE_ROW)
    package static let done = Self(rawValue: SQLITE_DONE)
    package static let permission = Self(rawValue: SQLITE_PERM)
    package static let busy = Self(rawValue: SQLITE_BUSY)
    package static let locked = Self(rawValue: SQLITE_LOCKED)
    package static let noMemory = Self(rawValue: SQLITE_NOMEM)
    package static let readOnly = Self(rawValue: SQLITE_READONLY)
    package static let ioError = Self(rawValue: SQLITE_IOERR)
    package static let corrupt = Self(rawValue: SQLITE_CORRUPT)
    package static let full = Self(rawValue: SQLITE_FULL)
    package static let cannotOpen = Self(rawValue: SQLITE_CANTOPEN)
    package static let constraint = Self(rawValue: SQLITE_CONSTRAINT)
    package static let authorization = Self(rawValue: SQLITE_AUTH)
    package static let notADatabase = Self(rawValue: SQLITE_NOTADB)

    /// Matches `code` against a code or, for a primary code, any of its extended codes.
    package static func ~= (pattern: SQLiteResultCode, code: SQLiteResultCode) -> Bool {
        pattern == code || pattern == code.primary
    }

    /// SQLite's name for the code, with its number.
    package var description: String { String(cString: sqlite3_errstr(rawValue)) + " (\(rawValue))" }
}

extension StorageError {
    /// The error for a failed SQLite call on the database at `path`.
    ///
    /// - Parameters:
    ///   - message: SQLite's own message for the failure.
    ///   - systemError: the `errno` behind an I/O or open failure, which tells a missing directory
    ///     from a read-only one.
    package init(sqlite code: SQLiteResultCode, message: String, systemError: Int32, path: String) {
        let detail = "\(message) [\(code)]"
        let cause = Cause(system: "sqlite", code: code.description, message: message)
        switch code {
        case .busy, .locked:
            self.init(
                .busy,
                reason: "\(path) is locked by another connection and did not free up in time: \(detail)",
                cause: cause
            )
        case .readOnly, .permission, .authorization:
            self.init(.readOnly, reason: "\(path) cannot be written: \(detail)", cause: cause)
        case .corrupt, .notADatabase:
            self.init(.corrupted, reason: "\(path) is damaged or is not a database: \(detail)", cause: cause)
        case .constraint:
            self.init(.duplicate, reason: "a stored value must be unique: \(detail)", cause: cause)
        case .cannotOpen where systemError == EACCES || systemError == EPERM || systemError == EROFS:
            self.init(
                .readOnly,
                reason: "\(path) cannot be opened for writing (\(Self.describe(errno: systemError))): \(detail)",
                cause: cause
            )
        case .cannotOpen where systemError == ENOENT || systemError == ENOTDIR:
            self.init(
                .unavailable,
                reason: "\(path) cannot be opened: a directory on its path does not exist: \(detail)",
                cause: cause
            )
        case .full:
            self.init(.unavailable, reason: "\(path): the disk is full: \(detail)", cause: cause)
        case .ioError where systemError == EROFS:
            self.init(.readOnly, reason: "\(path) is on a read-only file system: \(detail)", cause: cause)
        default:
            let system = systemError == 0 ? "" : " (\(Self.describe(errno: systemError)))"
            self.init(.unavailable, reason: "\(path) could not be read or written\(system): \(detail)", cause: cause)
        }
    }

    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}

import Civic311
import Foundation

extension StorageError.Cause {
    /// The operating system's error `code` (an `errno`), by its symbolic name:
    /// `posix EACCES: Permission denied`.
    static func posix(_ code: Int32) -> Self {
        let name = POSIXErrorCode(rawValue: code).map { String(describing: $0) } ?? "errno \(code)"
        return Self(system: "posix", code: name, message: String(cString: strerror(code)))
    }
}

extension StorageError {
    /// The error for a system call that failed with `errno` on the store's file or directory,
    /// with the `errno` kept as the cause and its text at the end of the reason.
    init(_ code: Code, errno: Int32, reason: String) {
        let cause = Cause.posix(errno)
        self.init(code, reason: "\(reason) (\(cause.code): \(cause.message))", cause: cause)
    }
}

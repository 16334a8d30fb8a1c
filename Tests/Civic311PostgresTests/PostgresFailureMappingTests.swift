import Civic311
import Testing

@testable import Civic311Postgres

/// Every condition the store names has its code and keeps the server's SQLSTATE and message as
/// the cause. The conditions a throwaway cluster can produce are also tested end to end
/// (`PostgresFailureTests`); a full disk cannot be made there without mounting a small file
/// system, so its mapping is checked here.
@Suite struct PostgresFailureMappingTests {
    @Test(arguments: [
        ("53100", StorageError.Code.unavailable, "disk is full"),
        ("57014", .busy, "statement_timeout"),
        ("40001", .busy, "rolled back"),
        ("40P01", .busy, "deadlock"),
        ("23505", .duplicate, "unique key"),
        ("25006", .readOnly, "only reads"),
        ("28P01", .unavailable, "refused the login"),
        ("08006", .unavailable, "connection"),
        ("3D000", .unavailable, "does not exist"),
        ("42P01", .incompatibleSchema, "tables or columns"),
        ("XX001", .corrupted, "damaged"),
    ])
    func eachConditionHasItsCodeAndKeepsItsCause(sqlstate: String, code: StorageError.Code, words: String) {
        let failure = PostgresFailure(
            sqlstate: sqlstate,
            message: "could not extend file \"base/16384/16385\": No space left on device",
            constraint: nil,
            connectionLost: false
        )
        let error = failure.storageError
        #expect(error.code == code)
        #expect(error.message.contains(words), "\(error.message)")
        #expect(error.cause?.system == "postgresql")
        #expect(error.cause?.code == sqlstate)
        #expect(error.cause?.message == failure.message)
    }

    @Test func onlyWhatTheServerRolledBackIsRetried() {
        func error(_ sqlstate: String) -> StorageError {
            PostgresFailure(sqlstate: sqlstate, message: "m", constraint: nil, connectionLost: false).storageError
        }
        #expect(PostgresFailure.isRetryable(error("40001")))
        #expect(PostgresFailure.isRetryable(error("40P01")))
        #expect(!PostgresFailure.isRetryable(error("53100")), "a full disk is not retried")
        #expect(!PostgresFailure.isRetryable(error("57014")), "a timed-out statement is not retried")
        #expect(PostgresFailure.isConnectionLoss(error("08006")))
        #expect(!PostgresFailure.isConnectionLoss(error("53100")))
    }
}

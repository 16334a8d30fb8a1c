import Civic311

/// The columns of a request row besides its snapshot, exactly as stored: what queries filter
/// on, and what the snapshot's checksum covers with it.
struct RequestColumns: Equatable, Sendable {
    let ticket: Int64
    let version: Int
    let state: String
    let department: String
    let serviceType: String
    let createdAt: Int64
    let dueAt: Int64
    /// The stored lookup key of the client request ID (see ``Swift/String/storedKey``).
    let clientRequestID: String?

    /// The columns `request` is stored with.
    init(_ request: ServiceRequest) {
        self.init(request, clientRequestID: request.clientRequestID?.storedKey)
    }

    /// The columns `request` is stored with, keeping the stored client request ID key of the
    /// row it replaces (the key never changes once stored).
    init(_ request: ServiceRequest, clientRequestID: String?) {
        ticket = Int64(request.ticket.payload)
        version = request.version
        state = request.state.rawValue
        department = request.department.rawValue.storedKey
        serviceType = request.serviceType.rawValue.storedKey
        createdAt = request.createdAt.storedMilliseconds
        dueAt = request.dueAt.storedMilliseconds
        self.clientRequestID = clientRequestID
    }

    /// The columns of the current row, which start at `column` in ``SQL/requestColumns`` order.
    init(_ statement: SQLiteStatement, at column: Int32) {
        ticket = statement.int64(column)
        version = statement.int(column + 1)
        state = statement.text(column + 2)
        department = statement.text(column + 3)
        serviceType = statement.text(column + 4)
        createdAt = statement.int64(column + 5)
        dueAt = statement.int64(column + 6)
        clientRequestID = statement.optionalText(column + 7)
    }

    /// What the snapshot's checksum covers besides the snapshot itself.
    var checksum: RowChecksum {
        var checksum = RowChecksum(tag: UInt8(ascii: "R"))
        checksum.add(ticket)
        checksum.add(version)
        checksum.add(state)
        checksum.add(department)
        checksum.add(serviceType)
        checksum.add(createdAt)
        checksum.add(dueAt)
        checksum.add(clientRequestID)
        return checksum
    }

    /// Binds parameters 1…7 of ``SQL/insertRequest`` and ``SQL/updateRequest``; the snapshot is
    /// parameter 8, and the client request ID, which only an insert writes, parameter 9.
    func bind(to statement: SQLiteStatement) {
        statement.bind(ticket, at: 1)
        statement.bind(version, at: 2)
        statement.bind(state, at: 3)
        statement.bind(department, at: 4)
        statement.bind(serviceType, at: 5)
        statement.bind(createdAt, at: 6)
        statement.bind(dueAt, at: 7)
    }
}

/// The columns of a contact row besides its body, exactly as stored.
struct ContactColumns: Equatable, Sendable {
    let ticket: Int64
    let channel: String
    let category: String
    let receivedAt: Int64

    /// The columns `contact` is stored with.
    init(_ contact: Contact) {
        ticket = Int64(contact.ticket.payload)
        channel = contact.channel.rawValue
        category = contact.callType.category.rawValue
        receivedAt = contact.receivedAt.storedMilliseconds
    }

    /// The columns of the current row, which start at `column` in ``SQL/contactColumns`` order.
    init(_ statement: SQLiteStatement, at column: Int32) {
        ticket = statement.int64(column)
        channel = statement.text(column + 1)
        category = statement.text(column + 2)
        receivedAt = statement.int64(column + 3)
    }

    /// What the body's checksum covers besides the body itself.
    var checksum: RowChecksum {
        var checksum = RowChecksum(tag: UInt8(ascii: "C"))
        checksum.add(ticket)
        checksum.add(channel)
        checksum.add(category)
        checksum.add(receivedAt)
        return checksum
    }

    /// Binds parameters 1…4 of ``SQL/insertContact``; the body is parameter 5.
    func bind(to statement: SQLiteStatement) {
        statement.bind(ticket, at: 1)
        statement.bind(channel, at: 2)
        statement.bind(category, at: 3)
        statement.bind(receivedAt, at: 4)
    }
}

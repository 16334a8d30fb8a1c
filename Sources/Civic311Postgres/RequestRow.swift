import Civic311

/// A new request as the store writes it: its opening contact, its snapshot row and its opening
/// event, encoded before the transaction starts.
struct RequestRow: Sendable {
    /// The columns of a `civic311.request` row that change with the request.
    struct Columns: Sendable {
        let ticket: String
        let version: String
        let state: String
        let department: String
        let serviceType: String
        let createdAt: String
        let dueAt: String
        let snapshot: String

        init(_ request: ServiceRequest) throws(StorageError) {
            ticket = String(request.ticket.payload)
            version = String(request.version)
            state = request.state.rawValue
            department = request.department.rawValue.storedKey
            serviceType = request.serviceType.rawValue.storedKey
            createdAt = StoredBody.date(request.createdAt)
            dueAt = StoredBody.date(request.dueAt)
            snapshot = try StoredBody.encode(request)
        }

        /// Parameters 1…8 of the request insert and update, in column order.
        var parameters: [String?] { [ticket, version, state, department, serviceType, createdAt, dueAt, snapshot] }
    }

    let request: ServiceRequest
    let contact: ContactRow
    let columns: Columns
    let openingBody: String
    let clientRequestKey: ClientRequestKey?
    /// The client request key's columns, in stored form; `nil` without a client request ID.
    let clientScope: String?
    let clientID: String?

    init(_ new: NewRequest) throws(StorageError) {
        request = new.request
        contact = try ContactRow(new.contact)
        columns = try Columns(new.request)
        openingBody = try StoredBody.encode(new.opening)
        clientRequestKey = new.clientRequestKey
        clientScope = new.clientRequestKey?.scope.storedKey
        clientID = new.clientRequestKey?.id.storedKey
    }
}

extension ServiceCenter {
    /// A resident's status lookup: the public view of the request with ticket number `text`, as
    /// typed or read over the phone.
    ///
    /// - Throws: ``TicketNumberError`` when the text is not a valid ticket number (a wrong check
    ///   digit catches misheard and swapped digits), ``StorageError`` with code
    ///   ``StorageError/Code/notFound`` when no request has it.
    public func status(of text: String) async throws -> PublicServiceRequest {
        try await status(of: try TicketNumber(parsing: text))
    }

    /// The public view of a request.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/notFound`` when no request has the
    ///   ticket, or what the store reports.
    public func status(of ticket: TicketNumber) async throws -> PublicServiceRequest {
        PublicServiceRequest(try await existing(ticket), in: jurisdiction)
    }
}

import Civic311
import Foundation

/// The stored forms of contacts, events and request snapshots.
///
/// A row's ticket (and an event's sequence number) live in their own columns, so the bodies
/// leave them out. Each body starts with its format byte; a library that meets a higher one
/// reports `StorageError.Code.incompatibleSchema` rather than misreading it.
// SPI, not API: the SQLite benchmark's raw-insert baseline writes the very same row bytes.
@_spi(Benchmarks) public enum RowFormat {
    package static let contact: UInt8 = 1
    package static let event: UInt8 = 1
    /// The event format that adds the redaction records (change tags 24 and 25). Only events
    /// holding one are written in it, so every other row stays readable by a library that knows
    /// format 1 only, and such a library reports the new rows as `incompatibleSchema`, not as
    /// damage.
    package static let eventWithRedactions: UInt8 = 2
    package static let snapshot: UInt8 = 1

    /// The body of a contact row.
    @_spi(Benchmarks) public static func encode(_ contact: Contact) -> [UInt8] {
        var writer = RowWriter(format: Self.contact, capacity: 64)
        writer.write(raw: contact.channel)
        writer.write(contact.receivedAt)
        writer.write(optional: contact.agent) { $0.write($1) }
        writer.write(contact.callType)
        return writer.bytes
    }

    /// The contact with `ticket` whose row body is `bytes`.
    package static func decodeContact(
        _ ticket: TicketNumber,
        from bytes: UnsafeRawBufferPointer
    ) throws(RowFormatError) -> Contact {
        var reader = try RowReader(bytes, expecting: Self.contact)
        let contact = Contact(
            ticket: ticket,
            channel: try reader.read(raw: Channel.self),
            receivedAt: try reader.readDate(),
            agent: try reader.readOptional { reader throws(RowFormatError) in try reader.readIdentifier() },
            callType: try reader.readCallType()
        )
        try reader.finish()
        return contact
    }

    /// The body of an event row.
    @_spi(Benchmarks) public static func encode(_ event: RequestEvent) -> [UInt8] {
        let format: UInt8 =
            switch event.change {
            case .personalDataErased, .retentionApplied: Self.eventWithRedactions
            default: Self.event
            }
        var writer = RowWriter(format: format, capacity: 192)
        writer.write(event.recordedAt)
        writer.write(event.actor)
        writer.write(event.change)
        writer.write(optional: event.fromState) { $0.write(raw: $1) }
        writer.write(raw: event.toState)
        writer.write(raw: event.visibility)
        return writer.bytes
    }

    /// The event `sequence` of `ticket` whose row body is `bytes`.
    package static func decodeEvent(
        _ ticket: TicketNumber,
        sequence: Int,
        from bytes: UnsafeRawBufferPointer
    ) throws(RowFormatError) -> RequestEvent {
        var reader = try RowReader(bytes, accepting: Self.event...Self.eventWithRedactions)
        let event = RequestEvent(
            ticket: ticket,
            sequence: sequence,
            recordedAt: try reader.readDate(),
            actor: try reader.readParticipant(),
            change: try reader.readChange(),
            fromState: try reader.readOptional { reader throws(RowFormatError) in
                try reader.read(raw: RequestState.self)
            },
            toState: try reader.read(raw: RequestState.self),
            visibility: try reader.read(raw: Visibility.self)
        )
        try reader.finish()
        return event
    }

    /// The snapshot of `request`, less its ticket and its opening: both live in their own rows
    /// (the opening in event 1), so a request does not carry its intake data twice.
    @_spi(Benchmarks) public static func encode(_ request: ServiceRequest) -> [UInt8] {
        var writer = RowWriter(format: Self.snapshot, capacity: 128)
        writer.write(request.createdAt)
        writer.write(request.priority)
        writer.write(request.department)
        writer.write(optional: request.queue) { $0.write($1) }
        writer.write(raw: request.state)
        writer.write(optional: request.closure) { $0.write($1) }
        writer.write(optional: request.firstRespondedAt) { $0.write($1) }
        writer.write(optional: request.resolvedAt) { $0.write($1) }
        writer.write(optional: request.closedAt) { $0.write($1) }
        writer.write(request.updatedAt)
        writer.write(array: request.notes) { $0.write($1) }
        writer.write(array: request.externalReferences) { $0.write($1) }
        writer.write(array: request.links) { $0.write($1) }
        writer.write(optional: request.holdStartedAt) { $0.write($1) }
        writer.write(array: request.holds) { $0.write($1) }
        writer.write(array: request.escalations) { $0.write($1) }
        writer.write(request.reopenCount)
        writer.write(request.returnCount)
        writer.write(request.version)
        // Written only when there is one, at the end: snapshots of requests without merged
        // duplicates keep the form older versions of the library read.
        if let restated = request.restatedServiceLevel { writer.write(restated) }
        return writer.bytes
    }

    /// The snapshot in `bytes` with its ticket and opening.
    package static func decodeSnapshot(
        _ ticket: TicketNumber,
        opening: RequestOpening,
        from bytes: UnsafeRawBufferPointer
    ) throws(RowFormatError) -> ServiceRequest {
        var reader = try RowReader(bytes, expecting: Self.snapshot)
        let fields = SnapshotFields(
            ticket: ticket,
            opening: opening,
            createdAt: try reader.readDate(),
            priority: try reader.readPriority(),
            department: try reader.readIdentifier(),
            queue: try reader.readOptional { reader throws(RowFormatError) in try reader.readString() },
            state: try reader.read(raw: RequestState.self),
            closure: try reader.readOptional { reader throws(RowFormatError) in try reader.readClosure() },
            firstRespondedAt: try reader.readOptional { reader throws(RowFormatError) in try reader.readDate() },
            resolvedAt: try reader.readOptional { reader throws(RowFormatError) in try reader.readDate() },
            closedAt: try reader.readOptional { reader throws(RowFormatError) in try reader.readDate() },
            updatedAt: try reader.readDate(),
            notes: try reader.readArray { reader throws(RowFormatError) in try reader.readNote() },
            externalReferences: try reader.readArray { reader throws(RowFormatError) in
                try reader.readExternalReference()
            },
            links: try reader.readArray { reader throws(RowFormatError) in try reader.readLink() },
            holdStartedAt: try reader.readOptional { reader throws(RowFormatError) in try reader.readDate() },
            holds: try reader.readArray { reader throws(RowFormatError) in try reader.readInterval() },
            escalations: try reader.readArray { reader throws(RowFormatError) in try reader.readString() },
            reopenCount: try reader.readInt(),
            returnCount: try reader.readInt(),
            version: try reader.readInt(),
            restatedServiceLevel: try reader.isAtEnd ? nil : reader.readServiceLevel()
        )
        try reader.finish()
        return try fields.request()
    }

    /// The opening stored in an opening event's body.
    package static func decodeOpening(
        _ ticket: TicketNumber,
        from bytes: UnsafeRawBufferPointer
    ) throws(RowFormatError) -> RequestOpening {
        guard case .opened(let opening) = try decodeEvent(ticket, sequence: 1, from: bytes).change else {
            throw RowFormatError("event 1 is not an opening")
        }
        return opening
    }
}

extension Participant {
    /// The longest identifier a participant may carry (an agent, staff member, resident,
    /// department or integration), in UTF-8 bytes.
    ///
    /// Every event records its actor, so an unbounded identifier would let each operation store
    /// megabytes: 256 bytes holds any e-mail address (254) and any staff or system name in use.
    public static var maximumIdentifierBytes: Int { 256 }

    /// Throws when an identifier of this participant is empty or longer than
    /// ``maximumIdentifierBytes``; `field` names the participant in the message.
    package func checkIdentifiers(field: String = "participant") throws(ValidationError) {
        switch self {
        case .resident(let id):
            if let id { try Self.checkIdentifier(id.rawValue, field: "\(field).resident") }
        case .callTaker(let id):
            try Self.checkIdentifier(id.rawValue, field: "\(field).callTaker")
        case .departmentStaff(let id, let department):
            try Self.checkIdentifier(id.rawValue, field: "\(field).departmentStaff")
            try Self.checkIdentifier(department.rawValue, field: "\(field).department")
        case .supervisor(let id):
            try Self.checkIdentifier(id.rawValue, field: "\(field).supervisor")
        case .integration(let name, let department):
            try Self.checkIdentifier(name, field: "\(field).integration")
            try Self.checkIdentifier(department.rawValue, field: "\(field).department")
        case .system:
            break
        }
    }

    /// Non-empty and at most ``maximumIdentifierBytes`` UTF-8 bytes. `field` is only written
    /// out for an error: every request checks its participant, and building the path text each
    /// time was a tenth of intake.
    package static func checkIdentifier(_ text: String, field: @autoclosure () -> String) throws(ValidationError) {
        if text.isEmpty {
            throw ValidationError(.missingValue, field: field(), reason: "must not be empty")
        }
        // A native string knows its UTF-8 length: a 10 MB identifier is refused without reading it.
        let bytes = text.utf8.count
        if bytes > maximumIdentifierBytes {
            throw ValidationError(
                .tooLong,
                field: field(),
                reason: "must be at most \(maximumIdentifierBytes) bytes, got \(bytes)"
            )
        }
    }
}

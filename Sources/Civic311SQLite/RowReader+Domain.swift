import Civic311
import Foundation

// Reads format 1 as RowWriter+Domain.swift writes it.
extension RowReader {
    mutating func readTicket() throws(RowFormatError) -> TicketNumber {
        try Self.ticket(payload: readVarint())
    }

    static func ticket(payload: UInt64) throws(RowFormatError) -> TicketNumber {
        // The largest payload a valid ticket has: day 99999, second 86399, node 99, sequence 99.
        guard payload <= 99_999_863_999_999 else { throw RowFormatError("\(payload) is not a ticket number") }
        return TicketNumber(uncheckedPayload: payload)
    }

    mutating func readIdentifier<Tag>(
        _ type: Identifier<Tag>.Type = Identifier<Tag>.self
    ) throws(RowFormatError) -> Identifier<Tag> {
        Identifier(try readString())
    }

    mutating func readParticipant() throws(RowFormatError) -> Participant {
        switch try readTag(below: 6, of: "participant") {
        case 0: .resident(try readOptional { reader throws(RowFormatError) in try reader.readIdentifier() })
        case 1: .callTaker(try readIdentifier())
        case 2: .departmentStaff(try readIdentifier(), department: try readIdentifier())
        case 3: .supervisor(try readIdentifier())
        case 4: .integration(try readString(), department: try readIdentifier())
        default: .system
        }
    }

    mutating func readChange() throws(RowFormatError) -> RequestChange {
        // Tags 24 and 25 exist from event format 2 on (RowFormat.eventWithRedactions).
        switch try readTag(below: format >= RowFormat.eventWithRedactions ? 26 : 24, of: "change") {
        case 0: .opened(try readOpening())
        case 1: .accepted
        case 2: .started
        case 3: .putOnHold(reason: try readString())
        case 4: .resumed
        case 5: .resolved(note: try readString())
        case 6: .closed(try readClosure())
        case 7: .reopened(reason: try readString())
        case 8:
            .returned(
                reason: try readString(),
                reroutedTo: try readIdentifier(),
                explanation: try readArray { reader throws(RowFormatError) in try reader.readString() }
            )
        case 9: .reassigned(to: try readIdentifier(), reason: try readString())
        case 10: .noteAdded(try readString())
        case 11: .externalReferenceAdded(try readExternalReference())
        case 12: .linked(try readLink())
        case 13: .priorityChanged(to: try readPriority())
        case 14: .escalated(try readEscalation())
        case 15: .delivery(try readDeliveryRecord())
        case 16: .backOfficeUpdate(try readBackOfficeUpdateRecord())
        case 17: .surveyAnswered(try readSurveyResponse())
        case 18: .followerAdded(try readSubmitter())
        case 19: .followerRemoved(try readSubmitter())
        case 20: .mergedInto(master: try readTicket(), note: try readString())
        case 21:
            .unmerged(from: try readTicket(), reason: try readString(), restoring: try read(raw: RequestState.self))
        case 22: .duplicateLinked(try readDuplicateLink())
        case 23: .duplicateUnlinked(try readDuplicateLink())
        case 24: .personalDataErased(rewritten: try readSequences())
        default: .retentionApplied(try read(raw: RetentionDataClass.self), rewritten: try readSequences())
        }
    }

    mutating func readSequences() throws(RowFormatError) -> [Int] {
        try readArray { reader throws(RowFormatError) in try reader.readInt() }
    }

    mutating func readDuplicateLink() throws(RowFormatError) -> DuplicateLink {
        DuplicateLink(
            duplicate: try readTicket(),
            reportedAt: try readDate(),
            followers: try readArray { reader throws(RowFormatError) in try reader.readSubmitter() },
            serviceLevel: try readOptional { reader throws(RowFormatError) in try reader.readServiceLevel() }
        )
    }

    /// A survey answer as stored; the event's content check refuses a satisfaction out of range.
    mutating func readSurveyResponse() throws(RowFormatError) -> SurveyResponse {
        let satisfaction = try readInt()
        let wasFixed = try readBool()
        let comment = try readOptional { reader throws(RowFormatError) in try reader.readString() }
        do {
            return try SurveyResponse(satisfaction: satisfaction, wasFixed: wasFixed, comment: comment)
        } catch {
            throw RowFormatError("a survey answer that cannot be: \(error.reason)")
        }
    }

    mutating func readBackOfficeUpdateRecord() throws(RowFormatError) -> BackOfficeUpdateRecord {
        let system = try readString()
        let key = try readString()
        let status = try readString()
        let note = try readOptional { reader throws(RowFormatError) in try reader.readString() }
        let sentAt = try readDate()
        let disposition: BackOfficeUpdateRecord.Disposition =
            switch try readTag(below: 3, of: "update disposition") {
            case 0: .applied
            case 1: .stale
            default: .parked(reason: try readString())
            }
        return BackOfficeUpdateRecord(
            system: system,
            key: key,
            status: status,
            note: note,
            sentAt: sentAt,
            disposition: disposition
        )
    }

    mutating func readDeliveryRecord() throws(RowFormatError) -> DeliveryRecord {
        let destination = try readString()
        let outcome: DeliveryRecord.Outcome =
            switch try readTag(below: 2, of: "delivery outcome") {
            case 0: .deadLettered(sequence: try readInt(), attempts: try readInt(), reason: try readString())
            default: .redelivered(through: try readInt())
            }
        return DeliveryRecord(destination: destination, outcome: outcome)
    }

    mutating func readEscalation() throws(RowFormatError) -> Escalation {
        let rule = try readString()
        let status = try read(raw: ServiceLevelStatus.self)
        let action: EscalationAction =
            switch try readTag(below: 3, of: "escalation action") {
            case 0:
                .notifySupervisor(queue: try readOptional { reader throws(RowFormatError) in try reader.readString() })
            case 1: .raisePriority(to: try readPriority())
            default:
                .moveToQueue(
                    department: try readIdentifier(),
                    queue: try readOptional { reader throws(RowFormatError) in try reader.readString() }
                )
            }
        return Escalation(rule: rule, status: status, action: action, reason: try readString())
    }

    mutating func readOpening() throws(RowFormatError) -> RequestOpening {
        let serviceType: ServiceTypeCode = try readIdentifier()
        let kind = try read(raw: ServiceRequestKind.self)
        let description = try readString()
        let location = try readOptional { reader throws(RowFormatError) in try reader.readLocation() }
        let answers = try readArray { reader throws(RowFormatError) in try reader.readAnswer() }
        let submitter = try readOptional { reader throws(RowFormatError) in try reader.readSubmitter() }
        let channel = try read(raw: Channel.self)
        let agent: AgentID? = try readOptional { reader throws(RowFormatError) in try reader.readIdentifier() }
        let priority = try readPriority()
        let routing = try readRouting()
        let serviceLevel = try readServiceLevel()
        let clientRequestID = try readOptional { reader throws(RowFormatError) in try reader.readString() }
        return RequestOpening(
            serviceType: serviceType,
            kind: kind,
            description: description,
            location: location,
            answers: answers,
            submitter: submitter,
            channel: channel,
            agent: agent,
            priority: priority,
            routing: routing,
            serviceLevel: serviceLevel,
            clientRequestID: clientRequestID
        )
    }

    mutating func readRouting() throws(RowFormatError) -> RoutingDecision {
        RoutingDecision(
            department: try readIdentifier(),
            queue: try readOptional { reader throws(RowFormatError) in try reader.readString() },
            disposition: try read(raw: RoutingDisposition.self),
            rule: try readOptional { reader throws(RowFormatError) in try reader.readString() },
            advisory: try readOptional { reader throws(RowFormatError) in try reader.readString() },
            isAmbiguous: try readBool(),
            explanation: try readArray { reader throws(RowFormatError) in try reader.readString() }
        )
    }

    mutating func readPriority() throws(RowFormatError) -> Priority {
        let raw = try readInt()
        guard let priority = Priority(rawValue: raw) else { throw RowFormatError("\(raw) is not a priority") }
        return priority
    }

    mutating func readLocation() throws(RowFormatError) -> Location {
        let address = try readOptional { reader throws(RowFormatError) in try reader.readString() }
        let coordinate = try readOptional { reader throws(RowFormatError) in
            let latitude = try reader.readDouble()
            let longitude = try reader.readDouble()
            do throws(ValidationError) {
                return try Coordinate(latitude: latitude, longitude: longitude)
            } catch {
                throw RowFormatError(error.message)
            }
        }
        return Location(address: address, coordinate: coordinate)
    }

    mutating func readAnswer() throws(RowFormatError) -> Answer {
        let question: QuestionCode = try readIdentifier()
        let value: AnswerValue =
            switch try readTag(below: 6, of: "answer") {
            case 0: .text(try readString())
            case 1: .number(try readDouble())
            case 2: .dateTime(try readDate())
            case 3: .choice(try readString())
            case 4: .choices(try readArray { reader throws(RowFormatError) in try reader.readString() })
            default: .yesNo(try readBool())
            }
        return Answer(question: question, value: value)
    }

    mutating func readSubmitter() throws(RowFormatError) -> Submitter {
        Submitter(
            name: try readOptional { reader throws(RowFormatError) in try reader.readString() },
            phone: try readOptional { reader throws(RowFormatError) in try reader.readString() },
            email: try readOptional { reader throws(RowFormatError) in try reader.readString() }
        )
    }

    mutating func readServiceLevel() throws(RowFormatError) -> ServiceLevelCommitment {
        let resolutionDueAt = try readDate()
        let firstResponseDueAt = try readOptional { reader throws(RowFormatError) in try reader.readDate() }
        let policy = try readString()
        let clock: ServiceLevelClock =
            switch try readTag(below: 2, of: "service level clock") {
            case 0: .calendarTime
            default: .businessTime(calendar: try readString())
            }
        return ServiceLevelCommitment(
            resolutionDueAt: resolutionDueAt,
            firstResponseDueAt: firstResponseDueAt,
            policy: policy,
            clock: clock
        )
    }

    mutating func readInterval() throws(RowFormatError) -> DateInterval {
        let start = try readDate()
        let end = try readDate()
        guard end >= start else { throw RowFormatError("an interval ends before it starts") }
        return DateInterval(start: start, end: end)
    }

    mutating func readClosure() throws(RowFormatError) -> Closure {
        let reason: Closure.Reason =
            switch try readTag(below: 5, of: "closure reason") {
            case 0: .completed
            case 1: .closedWithoutAction(code: try readString())
            case 2: .duplicate(of: try readTicket())
            case 3: .referred(to: try readIdentifier())
            default: .cancelledByResident
            }
        return Closure(reason: reason, note: try readString())
    }

    mutating func readExternalReference() throws(RowFormatError) -> ExternalReference {
        ExternalReference(system: try readString(), identifier: try readString(), recordedAt: try readDate())
    }

    mutating func readLink() throws(RowFormatError) -> RequestLink {
        RequestLink(try read(raw: RequestLink.Kind.self), target: try readTicket())
    }

    mutating func readNote() throws(RowFormatError) -> RequestNote {
        RequestNote(
            text: try readString(),
            visibility: try read(raw: Visibility.self),
            writtenAt: try readDate(),
            author: try readParticipant()
        )
    }

    mutating func readCallType() throws(RowFormatError) -> CallType {
        switch try readTag(below: 3, of: "call type") {
        case 0: .generalInformation(article: try readIdentifier())
        case 1: .referral(Referral(target: try readIdentifier(), transfer: try read(raw: TransferKind.self)))
        default: .serviceRequest(try read(raw: ServiceRequestKind.self), request: try readTicket())
        }
    }
}

import Civic311
import Foundation

// Format 1 of the domain values. Enumerations with associated values are written as a tag byte
// (numbered here, never reordered) followed by their payload; plain enumerations by raw value.
// RowReader+Domain.swift reads exactly this; change both together and bump the format byte.
extension RowWriter {
    mutating func write(_ ticket: TicketNumber) {
        write(varint: ticket.payload)
    }

    mutating func write<Tag>(_ identifier: Identifier<Tag>) {
        write(identifier.rawValue)
    }

    mutating func write(_ participant: Participant) {
        switch participant {
        case .resident(let id):
            write(byte: 0)
            write(optional: id) { $0.write($1) }
        case .callTaker(let id):
            write(byte: 1)
            write(id)
        case .departmentStaff(let id, let department):
            write(byte: 2)
            write(id)
            write(department)
        case .supervisor(let id):
            write(byte: 3)
            write(id)
        case .integration(let name, let department):
            write(byte: 4)
            write(name)
            write(department)
        case .system:
            write(byte: 5)
        }
    }

    mutating func write(_ change: RequestChange) {
        switch change {
        case .opened(let opening):
            write(byte: 0)
            write(opening)
        case .accepted:
            write(byte: 1)
        case .started:
            write(byte: 2)
        case .putOnHold(let reason):
            write(byte: 3)
            write(reason)
        case .resumed:
            write(byte: 4)
        case .resolved(let note):
            write(byte: 5)
            write(note)
        case .closed(let closure):
            write(byte: 6)
            write(closure)
        case .reopened(let reason):
            write(byte: 7)
            write(reason)
        case .returned(let reason, let reroutedTo, let explanation):
            write(byte: 8)
            write(reason)
            write(reroutedTo)
            write(array: explanation) { $0.write($1) }
        case .reassigned(let to, let reason):
            write(byte: 9)
            write(to)
            write(reason)
        case .noteAdded(let text):
            write(byte: 10)
            write(text)
        case .externalReferenceAdded(let reference):
            write(byte: 11)
            write(reference)
        case .linked(let link):
            write(byte: 12)
            write(link)
        case .priorityChanged(let priority):
            write(byte: 13)
            write(priority)
        case .escalated(let escalation):
            write(byte: 14)
            write(escalation)
        case .delivery(let record):
            write(byte: 15)
            write(record)
        case .backOfficeUpdate(let record):
            write(byte: 16)
            write(record)
        case .surveyAnswered(let response):
            write(byte: 17)
            write(response.satisfaction)
            write(response.wasFixed)
            write(optional: response.comment) { $0.write($1) }
        case .followerAdded(let follower):
            write(byte: 18)
            write(follower)
        case .followerRemoved(let follower):
            write(byte: 19)
            write(follower)
        case .mergedInto(let master, let note):
            write(byte: 20)
            write(master)
            write(note)
        case .unmerged(let master, let reason, let restoring):
            write(byte: 21)
            write(master)
            write(reason)
            write(raw: restoring)
        case .duplicateLinked(let link):
            write(byte: 22)
            write(link)
        case .duplicateUnlinked(let link):
            write(byte: 23)
            write(link)
        // 24 and 25 are written in event format 2 only (RowFormat.eventWithRedactions).
        case .personalDataErased(let rewritten):
            write(byte: 24)
            write(array: rewritten) { $0.write($1) }
        case .retentionApplied(let dataClass, let rewritten):
            write(byte: 25)
            write(raw: dataClass)
            write(array: rewritten) { $0.write($1) }
        }
    }

    mutating func write(_ link: DuplicateLink) {
        write(link.duplicate)
        write(link.reportedAt)
        write(array: link.followers) { $0.write($1) }
        write(optional: link.serviceLevel) { $0.write($1) }
    }

    mutating func write(_ record: BackOfficeUpdateRecord) {
        write(record.system)
        write(record.key)
        write(record.status)
        write(optional: record.note) { $0.write($1) }
        write(record.sentAt)
        switch record.disposition {
        case .applied: write(byte: 0)
        case .stale: write(byte: 1)
        case .parked(let reason):
            write(byte: 2)
            write(reason)
        }
    }

    mutating func write(_ record: DeliveryRecord) {
        write(record.destination)
        switch record.outcome {
        case .deadLettered(let sequence, let attempts, let reason):
            write(byte: 0)
            write(sequence)
            write(attempts)
            write(reason)
        case .redelivered(let through):
            write(byte: 1)
            write(through)
        }
    }

    mutating func write(_ escalation: Escalation) {
        write(escalation.rule)
        write(raw: escalation.status)
        switch escalation.action {
        case .notifySupervisor(let queue):
            write(byte: 0)
            write(optional: queue) { $0.write($1) }
        case .raisePriority(let priority):
            write(byte: 1)
            write(priority)
        case .moveToQueue(let department, let queue):
            write(byte: 2)
            write(department)
            write(optional: queue) { $0.write($1) }
        }
        write(escalation.reason)
    }

    mutating func write(_ opening: RequestOpening) {
        write(opening.serviceType)
        write(raw: opening.kind)
        write(opening.description)
        write(optional: opening.location) { $0.write($1) }
        write(array: opening.answers) { $0.write($1) }
        write(optional: opening.submitter) { $0.write($1) }
        write(raw: opening.channel)
        write(optional: opening.agent) { $0.write($1) }
        write(opening.priority)
        write(opening.routing)
        write(opening.serviceLevel)
        write(optional: opening.clientRequestID) { $0.write($1) }
    }

    mutating func write(_ routing: RoutingDecision) {
        write(routing.department)
        write(optional: routing.queue) { $0.write($1) }
        write(raw: routing.disposition)
        write(optional: routing.rule) { $0.write($1) }
        write(optional: routing.advisory) { $0.write($1) }
        write(routing.isAmbiguous)
        write(array: routing.explanation) { $0.write($1) }
    }

    mutating func write(_ priority: Priority) {
        write(priority.rawValue)
    }

    mutating func write(_ location: Location) {
        write(optional: location.address) { $0.write($1) }
        write(optional: location.coordinate) { writer, coordinate in
            writer.write(coordinate.latitude)
            writer.write(coordinate.longitude)
        }
    }

    mutating func write(_ answer: Answer) {
        write(answer.question)
        switch answer.value {
        case .text(let text):
            write(byte: 0)
            write(text)
        case .number(let number):
            write(byte: 1)
            write(number)
        case .dateTime(let date):
            write(byte: 2)
            write(date)
        case .choice(let choice):
            write(byte: 3)
            write(choice)
        case .choices(let choices):
            write(byte: 4)
            write(array: choices) { $0.write($1) }
        case .yesNo(let flag):
            write(byte: 5)
            write(flag)
        }
    }

    mutating func write(_ submitter: Submitter) {
        write(optional: submitter.name) { $0.write($1) }
        write(optional: submitter.phone) { $0.write($1) }
        write(optional: submitter.email) { $0.write($1) }
    }

    mutating func write(_ serviceLevel: ServiceLevelCommitment) {
        write(serviceLevel.resolutionDueAt)
        write(optional: serviceLevel.firstResponseDueAt) { $0.write($1) }
        write(serviceLevel.policy)
        switch serviceLevel.clock {
        case .calendarTime:
            write(byte: 0)
        case .businessTime(let calendar):
            write(byte: 1)
            write(calendar)
        }
    }

    mutating func write(_ interval: DateInterval) {
        write(interval.start)
        write(interval.end)
    }

    mutating func write(_ closure: Closure) {
        switch closure.reason {
        case .completed:
            write(byte: 0)
        case .closedWithoutAction(let code):
            write(byte: 1)
            write(code)
        case .duplicate(let original):
            write(byte: 2)
            write(original)
        case .referred(let agency):
            write(byte: 3)
            write(agency)
        case .cancelledByResident:
            write(byte: 4)
        }
        write(closure.note)
    }

    mutating func write(_ reference: ExternalReference) {
        write(reference.system)
        write(reference.identifier)
        write(reference.recordedAt)
    }

    mutating func write(_ link: RequestLink) {
        write(raw: link.kind)
        write(link.target)
    }

    mutating func write(_ note: RequestNote) {
        write(note.text)
        write(raw: note.visibility)
        write(note.writtenAt)
        write(note.author)
    }

    mutating func write(_ callType: CallType) {
        switch callType {
        case .generalInformation(let article):
            write(byte: 0)
            write(article)
        case .referral(let referral):
            write(byte: 1)
            write(referral.target)
            write(raw: referral.transfer)
        case .serviceRequest(let kind, let request):
            write(byte: 2)
            write(raw: kind)
            write(request)
        }
    }
}

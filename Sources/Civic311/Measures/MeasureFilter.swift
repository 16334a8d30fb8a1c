import Foundation

/// Which requests and contacts a set of figures counts. Every criterion left `nil` matches
/// everything; the criteria given must all match.
///
/// The period is the creation time of a request and the receipt time of a contact. The department
/// is the one that owned the request *at the as-of date* (a request returned as not ours counts
/// for the department it went to); the service type and the channel are the ones intake recorded.
/// General-information and referral contacts belong to no department or service type, so a
/// department or service-type filter leaves them out (see `Documentation/Measures.md`).
public struct MeasureFilter: Hashable, Sendable {
    /// Created (received) at or after this instant.
    public var createdFrom: Date?
    /// Created (received) strictly before this instant.
    public var createdBefore: Date?
    public var departments: Set<DepartmentID>?
    public var serviceTypes: Set<ServiceTypeCode>?
    public var channels: Set<Channel>?

    public init(
        createdFrom: Date? = nil,
        createdBefore: Date? = nil,
        departments: Set<DepartmentID>? = nil,
        serviceTypes: Set<ServiceTypeCode>? = nil,
        channels: Set<Channel>? = nil
    ) {
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.departments = departments
        self.serviceTypes = serviceTypes
        self.channels = channels
    }

    /// Checks the filter: finite instants, a period that is not empty, and no empty set (which
    /// would match nothing, surely by mistake).
    ///
    /// - Throws: ``MeasureError`` (code ``MeasureError/Code/invalidArgument``) naming the field.
    public func validate() throws(MeasureError) {
        for (name, instant) in [("createdFrom", createdFrom), ("createdBefore", createdBefore)] {
            if let instant, !instant.timeIntervalSinceReferenceDate.isFinite {
                throw MeasureError(.invalidArgument, field: "filter.\(name)", reason: "must be a finite instant")
            }
        }
        if let createdFrom, let createdBefore, createdBefore <= createdFrom {
            throw MeasureError(
                .invalidArgument,
                field: "filter.createdBefore",
                reason: "must be after createdFrom (\(createdFrom)), got \(createdBefore)"
            )
        }
        let empty: [(String, Bool)] = [
            ("departments", departments?.isEmpty == true), ("serviceTypes", serviceTypes?.isEmpty == true),
            ("channels", channels?.isEmpty == true),
        ]
        if let name = empty.first(where: \.1)?.0 {
            throw MeasureError(
                .invalidArgument,
                field: "filter.\(name)",
                reason: "is empty and would match nothing; leave it nil to match everything"
            )
        }
    }

    /// Whether an instant lies in the period.
    func contains(_ instant: Date) -> Bool {
        if let createdFrom, instant < createdFrom { return false }
        if let createdBefore, instant >= createdBefore { return false }
        return true
    }

    /// Whether a request, as it stood at the as-of date, is counted.
    func matches(_ request: ServiceRequest) -> Bool {
        guard contains(request.createdAt) else { return false }
        if let departments, !departments.contains(request.department) { return false }
        if let serviceTypes, !serviceTypes.contains(request.serviceType) { return false }
        if let channels, !channels.contains(request.channel) { return false }
        return true
    }

    /// Whether a request whose history starts with `opening` can match: what intake fixed (period,
    /// service type, channel) is checked before the history is folded, so a filtered restatement
    /// folds only the requests it may count. The department waits for the fold.
    func mayMatch(opening event: RequestEvent) -> Bool {
        // Anything else is left for the fold to refuse.
        guard case .opened(let opening) = event.change else { return true }
        guard contains(event.recordedAt) else { return false }
        if let serviceTypes, !serviceTypes.contains(opening.serviceType) { return false }
        if let channels, !channels.contains(opening.channel) { return false }
        return true
    }

    /// Whether a contact that opened no request (general information, a referral) is counted.
    func matchesUnlinked(_ contact: Contact) -> Bool {
        departments == nil && serviceTypes == nil && matchesReceipt(contact)
    }

    /// Whether a contact's receipt time and channel are counted.
    func matchesReceipt(_ contact: Contact) -> Bool {
        guard contains(contact.receivedAt) else { return false }
        if let channels, !channels.contains(contact.channel) { return false }
        return true
    }
}

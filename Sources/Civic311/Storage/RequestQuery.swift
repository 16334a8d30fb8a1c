import Foundation

/// The order of a request listing. Every order is total (ties broken by ticket), so pages never
/// overlap or skip.
public enum RequestOrder: String, Hashable, Sendable, Codable, CaseIterable {
    case ticketAscending
    case ticketDescending
    /// Soonest due first: a department's work queue.
    case dueAscending
}

/// A filter over service requests. Every criterion left `nil` matches everything; the criteria
/// given must all match.
public struct RequestQuery: Hashable, Sendable {
    public var states: Set<RequestState>?
    public var departments: Set<DepartmentID>?
    public var serviceTypes: Set<ServiceTypeCode>?
    /// Created at or after this instant.
    public var createdFrom: Date?
    /// Created strictly before this instant.
    public var createdBefore: Date?
    /// Due strictly before this instant.
    public var dueBefore: Date?
    public var order: RequestOrder

    public init(
        states: Set<RequestState>? = nil,
        departments: Set<DepartmentID>? = nil,
        serviceTypes: Set<ServiceTypeCode>? = nil,
        createdFrom: Date? = nil,
        createdBefore: Date? = nil,
        dueBefore: Date? = nil,
        order: RequestOrder = .ticketAscending
    ) {
        self.states = states
        self.departments = departments
        self.serviceTypes = serviceTypes
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.dueBefore = dueBefore
        self.order = order
    }

    /// The reference semantics of the filter; every store must agree with it.
    public func matches(_ request: ServiceRequest) -> Bool {
        if let states, !states.contains(request.state) { return false }
        if let departments, !departments.contains(request.department) { return false }
        if let serviceTypes, !serviceTypes.contains(request.serviceType) { return false }
        if let createdFrom, request.createdAt < createdFrom { return false }
        if let createdBefore, request.createdAt >= createdBefore { return false }
        if let dueBefore, request.dueAt >= dueBefore { return false }
        return true
    }
}

/// A filter over contacts, listed by ticket.
public struct ContactQuery: Hashable, Sendable {
    public var channels: Set<Channel>?
    public var categories: Set<CallType.Category>?
    /// Received at or after this instant.
    public var receivedFrom: Date?
    /// Received strictly before this instant.
    public var receivedBefore: Date?

    public init(
        channels: Set<Channel>? = nil,
        categories: Set<CallType.Category>? = nil,
        receivedFrom: Date? = nil,
        receivedBefore: Date? = nil
    ) {
        self.channels = channels
        self.categories = categories
        self.receivedFrom = receivedFrom
        self.receivedBefore = receivedBefore
    }

    /// The reference semantics of the filter; every store must agree with it.
    public func matches(_ contact: Contact) -> Bool {
        if let channels, !channels.contains(contact.channel) { return false }
        if let categories, !categories.contains(contact.callType.category) { return false }
        if let receivedFrom, contact.receivedAt < receivedFrom { return false }
        if let receivedBefore, contact.receivedAt >= receivedBefore { return false }
        return true
    }
}

import Civic311
import Foundation

/// The departments' days after intake: each crew works its requests through the center's real
/// operations (accept, start, resolve, close), with the center's clock set to each step's simulated
/// time.
///
/// A crew's working day is its department's business calendar on that day; its daily capacity is
/// spread evenly over the day's open time in equal slots. At the start of a slot the crew takes the
/// next request already received (in the plan's order), accepts and starts it; at the end of the slot
/// it resolves the request with a note saying what was done and closes it as completed. A request
/// routed to an external agency is closed as referred to it by the center's referral desk instead.
struct BackOfficeRun {
    /// What the back office did, by department in identifier order.
    struct Summary: Sendable, Hashable {
        /// Departments that received requests, in identifier order.
        var departments: [DepartmentID] = []
        /// Requests each received.
        var received: [Int] = []
        /// Requests per working day each crew could complete.
        var capacity: [Int] = []
        /// Requests each crew finished (completed or referred) within the days simulated.
        var finished: [Int] = []
    }

    private struct Item {
        let ticket: TicketNumber
        let created: Double
        let due: Double
        let serviceType: ServiceTypeCode
    }

    let center: ServiceCenter
    let clock: ManualWallClock
    let engine: ServiceLevelEngine
    let jurisdiction: Jurisdiction
    let plan: BackOfficePlan
    let start: Date

    private static let referralDesk = Participant.supervisor("referral-desk")

    /// Works the requests the intake opened (`opened`), or every request in the store when `nil`.
    func work(opened: [IntakeReplay.OpenedRequest]?) async throws -> Summary {
        var byDepartment: [DepartmentID: [Item]] = [:]
        if let opened {
            for request in opened {
                byDepartment[request.department, default: []].append(
                    Item(
                        ticket: request.ticket,
                        created: request.created,
                        due: request.due,
                        serviceType: request.serviceType
                    )
                )
            }
        } else {
            for request in try await Self.allRequests(in: center) {
                byDepartment[request.department, default: []].append(
                    Item(
                        ticket: request.ticket,
                        created: request.createdAt.timeIntervalSince(start),
                        due: request.dueAt.timeIntervalSince(start),
                        serviceType: request.serviceType
                    )
                )
            }
        }
        var summary = Summary()
        var crews: [Crew] = []
        for department in byDepartment.keys.sorted() {
            var items = byDepartment[department] ?? []
            items.sort { ($0.created, $0.ticket) < ($1.created, $1.ticket) }
            // A crew never needs more slots a day than it has requests, however short the clearing
            // time; compared as a Double so that the conversion cannot overflow.
            let needed = (Double(items.count) / plan.clearingDays).rounded(.up)
            let capacity =
                plan.dailyCapacity[department] ?? max(1, needed < Double(items.count) ? Int(needed) : items.count)
            summary.departments.append(department)
            summary.received.append(items.count)
            summary.capacity.append(capacity)
            crews.append(try Crew(department: department, items: items, capacity: capacity, run: self))
        }
        summary.finished = Array(repeating: 0, count: crews.count)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = jurisdiction.timeZone
        for day in 0..<plan.days {
            let dayStart = calendar.date(byAdding: .day, value: day, to: start) ?? start
            let dayEnd = calendar.date(byAdding: .day, value: day + 1, to: start) ?? dayStart
            for index in crews.indices {
                summary.finished[index] += try await crews[index].work(from: dayStart, to: dayEnd)
            }
            if plan.evaluatesEscalations {
                try clock.set(dayEnd)
                try await center.evaluateServiceLevels(at: dayEnd)
            }
        }
        return summary
    }

    /// Every request in the store, in ticket order.
    static func allRequests(in center: ServiceCenter) async throws -> [ServiceRequest] {
        var requests: [ServiceRequest] = []
        var page = try PageRequest(limit: PageRequest.maximumLimit)
        let reader = Participant.supervisor("simulation")
        while true {
            let batch = try await center.requests(matching: RequestQuery(), page: page, by: reader)
            requests.append(contentsOf: batch.items)
            guard let next = batch.next else { return requests }
            page = try PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
    }

    /// One department's crew and the requests routed to it.
    private struct Crew {
        let department: DepartmentID
        let items: [Item]
        let capacity: Int
        let calendar: BusinessCalendar
        let isAgency: Bool
        let staff: Participant
        let resolveNotes: [ServiceTypeCode: String]
        let closeNote: String
        let referralNote: String
        let run: BackOfficeRun
        var queue: WorkQueue
        var admitted = 0

        init(department: DepartmentID, items: [Item], capacity: Int, run: BackOfficeRun) throws {
            self.department = department
            self.items = items
            self.capacity = capacity
            self.run = run
            let engine = run.engine
            let name = engine.calendarName(for: nil, department: department)
            calendar =
                try engine.calendars[name] ?? engine.calendars[engine.defaultCalendar]
                ?? BusinessCalendar.twentyFourSeven(timeZone: run.jurisdiction.timeZoneIdentifier)
            let unit = run.jurisdiction.department(department)
            isAgency = unit?.kind == .externalAgency
            let unitName = unit?.name ?? department.rawValue
            staff = .departmentStaff("crew", department: department)
            var notes: [ServiceTypeCode: String] = [:]
            for item in items where notes[item.serviceType] == nil {
                let typeName = run.jurisdiction.serviceType(item.serviceType)?.name ?? item.serviceType.rawValue
                notes[item.serviceType] = "\(typeName): \(unitName) did the work at the reported location."
            }
            resolveNotes = notes
            closeNote = "Closed by \(unitName) after the crew reported the work done."
            referralNote = "Referred to \(unitName), which is responsible for this; they will contact you."
            queue = WorkQueue(order: run.plan.order)
        }

        /// Works the day's slots; returns the requests finished.
        mutating func work(from dayStart: Date, to dayEnd: Date) async throws -> Int {
            guard capacity > 0, admitted < items.count || !queue.isEmpty else { return 0 }
            let open = calendar.businessTime(from: dayStart, to: dayEnd)
            guard open > 0 else { return 0 }
            let step = open / Double(capacity)
            let origin = run.start
            var slotStart = calendar.nextOpening(atOrAfter: dayStart)
            var finished = 0
            for slot in 0..<capacity {
                let slotEnd = try calendar.date(byAddingBusinessTime: Double(slot + 1) * step, to: dayStart)
                let now = slotStart.timeIntervalSince(origin)
                while admitted < items.count, items[admitted].created <= now {
                    queue.admit(admitted, created: items[admitted].created, due: items[admitted].due)
                    admitted += 1
                }
                if let next = queue.next() {
                    try await perform(items[next], from: slotStart, to: slotEnd)
                    finished += 1
                } else if admitted == items.count {
                    break
                }
                slotStart = slotEnd
            }
            return finished
        }

        private func perform(_ item: Item, from slotStart: Date, to slotEnd: Date) async throws {
            let center = run.center
            try run.clock.set(slotStart)
            if isAgency {
                try await center.close(
                    item.ticket,
                    reason: .referred(to: department),
                    note: referralNote,
                    by: BackOfficeRun.referralDesk
                )
                return
            }
            try await center.accept(item.ticket, by: staff)
            try await center.start(item.ticket, by: staff)
            try run.clock.set(slotEnd)
            try await center.resolve(item.ticket, note: resolveNotes[item.serviceType] ?? closeNote, by: staff)
            try await center.close(item.ticket, reason: .completed, note: closeNote, by: staff)
        }
    }
}

import Foundation

/// The contact-centre and service-delivery figures of a jurisdiction as of a date, computed from
/// request histories and contacts.
///
/// Every figure reads each request's history as it stood at ``asOf``
/// (``ServiceRequest/replaying(_:asOf:)``): events recorded later are ignored, so computing the
/// figures again after late events arrived restates them, and computing them as of the old date
/// still gives the old figures. Each formula, with the seed or standard it comes from, is in
/// `Documentation/Measures.md`; each figure's type says which heading.
///
/// The population of the request figures is the requests opened by the as-of date that match the
/// ``filter``, less those merged into another request as duplicates (counted once, through their
/// master; ``VolumeMeasure/mergedDuplicates`` says how many). A ratio with nothing to count is
/// `nil`, never 0 %.
public struct ServiceMeasures: Hashable, Sendable {
    /// The instant the figures are as of.
    public let asOf: Date
    public let filter: MeasureFilter
    public let onTime: OnTimeMeasure
    public let firstContact: FirstContactMeasure
    public let forwarding: ForwardingMeasure
    public let reopening: ReopenMeasure
    public let timeInState: TimeInStateMeasure
    public let backlog: BacklogMeasure
    public let volume: VolumeMeasure

    /// Computes the figures from histories and contacts: the pure function.
    ///
    /// - Parameters:
    ///   - histories: each request's events, oldest first (as ``RequestStore/events(for:)`` gives
    ///     them).
    ///   - contacts: the contacts to count for first-contact resolution (general information,
    ///     referrals, follow-ups); opening contacts among them are recognised and skipped, since
    ///     each request's history stands for its opening contact.
    ///   - asOf: the instant measured at; events recorded and contacts received after it are
    ///     ignored.
    ///   - filter: which requests and contacts count.
    ///   - residents: the population the volume is per 1,000 of; `nil` leaves that figure out.
    ///   - serviceLevels: the engine whose business calendars count time on hold (a
    ///     jurisdiction's ``Jurisdiction/serviceLevels``); without one, time on hold is counted in
    ///     calendar time.
    ///   - backlogAgeBounds: the backlog's age buckets, in seconds.
    /// - Throws: ``MeasureError`` for an invalid argument or a history that does not fold;
    ///   nothing is returned in part.
    public init(
        histories: some Sequence<[RequestEvent]>,
        contacts: some Sequence<Contact>,
        asOf: Date,
        filter: MeasureFilter = MeasureFilter(),
        residents: Int? = nil,
        serviceLevels: ServiceLevelEngine? = nil,
        backlogAgeBounds: [TimeInterval] = BacklogMeasure.defaultBounds
    ) throws(MeasureError) {
        var tally = try Tally(
            asOf: asOf,
            filter: filter,
            residents: residents,
            serviceLevels: serviceLevels,
            backlogAgeBounds: backlogAgeBounds
        )
        for contact in contacts { tally.add(contact) }
        for history in histories { try tally.add(history) }
        self.init(tally)
    }

    /// Computes the figures from a store, reading it a page at a time: the contacts first
    /// (keeping only a count of follow-ups per request), then each request in the period and its
    /// history, one at a time. Memory grows with the follow-ups and with one duration per ended
    /// state visit (for the medians), never with the histories themselves.
    ///
    /// Gives exactly what ``init(histories:contacts:asOf:filter:residents:serviceLevels:backlogAgeBounds:)``
    /// gives for the store's histories and contacts.
    ///
    /// - Throws: ``MeasureError`` for an invalid argument or a history that does not fold, and
    ///   with code ``MeasureError/Code/storeFailed`` when the store cannot be read.
    public init(
        store: some RequestStore,
        asOf: Date,
        filter: MeasureFilter = MeasureFilter(),
        residents: Int? = nil,
        serviceLevels: ServiceLevelEngine? = nil,
        backlogAgeBounds: [TimeInterval] = BacklogMeasure.defaultBounds
    ) async throws(MeasureError) {
        var tally = try Tally(
            asOf: asOf,
            filter: filter,
            residents: residents,
            serviceLevels: serviceLevels,
            backlogAgeBounds: backlogAgeBounds
        )
        do {
            let contactQuery = ContactQuery(
                channels: filter.channels,
                receivedFrom: filter.createdFrom,
                receivedBefore: filter.createdBefore
            )
            var cursor: PageCursor?
            repeat {
                let page = try await store.contacts(matching: contactQuery, page: Self.page(after: cursor))
                for contact in page.items { tally.add(contact) }
                cursor = page.next
            } while cursor != nil
            // Department is left to the tally: it is the department at the as-of date, which the
            // store's current snapshot may no longer show.
            let requestQuery = RequestQuery(
                serviceTypes: filter.serviceTypes,
                createdFrom: filter.createdFrom,
                createdBefore: filter.createdBefore
            )
            repeat {
                let page = try await store.requests(matching: requestQuery, page: Self.page(after: cursor))
                for request in page.items where request.createdAt <= asOf {
                    try tally.add(try await store.events(for: request.ticket))
                }
                cursor = page.next
            } while cursor != nil
        } catch let error as MeasureError {
            throw error
        } catch let error as StorageError {
            throw MeasureError(
                .storeFailed,
                reason: "the store could not be read: \(error.message)",
                storageError: error
            )
        } catch {
            throw MeasureError(.storeFailed, reason: "the store could not be read: \(error)")
        }
        self.init(tally)
    }

    private init(_ tally: Tally) {
        asOf = tally.asOf
        filter = tally.filter
        onTime = tally.onTime
        firstContact = tally.firstContact
        forwarding = tally.forwarding
        reopening = tally.reopening
        timeInState = TimeInStateMeasure(samples: tally.visits)
        backlog = tally.backlog
        volume = tally.volume
    }

    private static func page(after cursor: PageCursor?) throws -> PageRequest {
        try PageRequest(limit: PageRequest.maximumLimit, after: cursor)
    }

    // MARK: Shared by the figures

    /// Checks what every figure is given.
    static func validate(asOf: Date, filter: MeasureFilter) throws(MeasureError) {
        guard asOf.timeIntervalSinceReferenceDate.isFinite else {
            throw MeasureError(.invalidArgument, field: "asOf", reason: "must be a finite instant")
        }
        try filter.validate()
    }

    /// The request `history` describes as of `asOf`, or `nil` if it was opened later.
    static func request(_ history: [RequestEvent], asOf: Date) throws(MeasureError) -> ServiceRequest? {
        do {
            return try ServiceRequest.replaying(history, asOf: asOf)
        } catch {
            throw MeasureError(
                .invalidHistory,
                ticket: history.first?.ticket,
                reason: "the history does not fold: \(error.message)"
            )
        }
    }
}

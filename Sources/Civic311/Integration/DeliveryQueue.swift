import Foundation

/// One change waiting to be delivered.
struct DeliveryItem: Sendable {
    /// Its feed entry; `nil` for a change rebuilt from the history of a dead letter, which its
    /// ``DeliveryRecord`` keeps safe instead of the checkpoint.
    let position: FeedPosition?
    let kind: Delivery.Kind
    let event: RequestEvent
    /// The request after the event.
    let request: ServiceRequest
    /// The request's reference in the adapter's system when the change was read, from its whole
    /// history: a change made before the dispatch's answer was recorded still names the record.
    let reference: ExternalReference?
}

/// One request's changes waiting for one destination, delivered strictly in order.
struct DeliveryQueue: Sendable {
    private var items: [DeliveryItem] = []
    private var head = 0
    /// Failed attempts at the first item.
    var failures = 0
    /// When the first item may be attempted.
    var dueAt: Date
    /// The reference the back office answered to this queue's dispatch, newer than any the queued
    /// snapshots carry.
    var reference: ExternalReference?
    /// The identifier the back office answered to the dispatch at the head of the queue, while it
    /// waits to be recorded on the request with the others of the pass; the dispatch stays at the
    /// head (and the checkpoint before it) until then.
    var awaitingReference: String?
    /// The dead letter an operator's retry is delivering again.
    let recovering: DeadLetter?

    init(dueAt: Date, recovering: DeadLetter? = nil) {
        self.dueAt = dueAt
        self.recovering = recovering
    }

    var first: DeliveryItem? { head < items.count ? items[head] : nil }
    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }
    /// The feed position of the first item the feed holds back; the checkpoint stays before it.
    var firstPosition: FeedPosition? { items[head...].lazy.compactMap(\.position).first }

    mutating func append(_ item: DeliveryItem) { items.append(item) }

    /// Drops the delivered first item; a new first item starts with no failures.
    mutating func removeFirst() {
        head += 1
        failures = 0
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
    }
}

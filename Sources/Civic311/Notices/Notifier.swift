/// Sends notices to residents: an e-mail service, an SMS gateway, a call-back queue, a push
/// service. What a host implements so a ``NoticeDispatcher`` can reach residents.
///
/// The dispatcher sends at least once: after a failure or a restart it sends a notice again with
/// the same ``Notice/key``. Pass the key to the provider as its idempotency key, or remember it,
/// so a resident gets each notice once. Throw ``DeliveryError`` with
/// ``DeliveryError/Code/unavailable`` for what may work later (the dispatcher retries with
/// backoff) and ``DeliveryError/Code/rejected`` for what never will (an address the provider
/// refuses): the notice is recorded as undeliverable at once. Any other error counts as
/// unavailable.
public protocol Notifier: Sendable {
    func send(_ notice: Notice) async throws
}

// docs: begin notices-notifier
import Civic311
import Civic311SampleCounty

/// Sends notices by printing them. A real notifier calls an e-mail or SMS provider and passes
/// `notice.key` as its idempotency key, so a notice sent again after a restart arrives once.
struct PrintingNotifier: Notifier {
    func send(_ notice: Notice) async throws {
        print("[\(notice.channel), \(notice.language), \(notice.smsSegments) segment(s)] \(notice.body)")
    }
}
// docs: end

// docs: begin notices-dispatcher
let center = try await ServiceCenter(
    jurisdiction: .sampleCounty,
    store: InMemoryRequestStore(),
    configuration: .init(node: 1)
)
// Ana reads Spanish and wants text messages.
let preferences = InMemoryNoticePreferences()
if let ana = ContactIdentity(phone: "555-010-7788") {
    preferences.set(NoticePreferences(channels: [.sms], language: "es"), for: ana)
}
let notices = try await NoticeDispatcher(
    center: center,
    notifier: PrintingNotifier(),
    catalog: .sampleCounty,
    preferences: preferences
)

let ack = try await center.submit(
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Bache profundo frente al número 214",
        location: Location(address: "214 Elm Street"),
        answers: ["size": .choice("large"), "position": .choice("lane")],
        submitter: Submitter(name: "Ana", phone: "555-010-7788"),
        channel: .phone,
        agent: "maria"
    ),
    by: .callTaker("maria")
)
let roads = Participant.departmentStaff("crew-7", department: "DOT")
try await center.accept(ack.ticket, by: roads)
try await center.start(ack.ticket, by: roads)
try await center.resolve(ack.ticket, note: "Rellenamos el bache con asfalto caliente.", by: roads)
// One pass sends the acknowledgement and three status changes, the last with the crew's words.
let figures = try await notices.deliverDue()
print(figures.sent)  // 4
// docs: end

import Civic311
import Civic311SampleCounty
import ExampleCommandLine
import Foundation
import Synchronization

/// Two days at Cedar Valley 311 told from the residents' side: what they asked, what they were
/// told, and when. The clock moves only when the story says so, so the narration is the same,
/// byte for byte, every time (the golden file in `Tests/ClosingTheLoopTests`).
enum ClosingTheLoopStory {
    /// 09:10 on Tuesday 24 November 2026, Eastern time.
    static let morning = Date(timeIntervalSince1970: 1_795_529_400)
    /// Elm Street and 3rd Avenue.
    static let corner = try! Coordinate(latitude: 39.0841, longitude: -77.1528)

    static func tell(console: Console) async throws {
        let county = Jurisdiction.sampleCounty
        let clock = try ManualWallClock(morning)
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: InMemoryRequestStore(),
            configuration: .init(node: 1, clock: clock)
        )
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_US_POSIX")
        time.timeZone = county.timeZone
        time.dateFormat = "EEE HH:mm"
        let say = { (text: String) in console.print(text) }
        // Ana reads Spanish and wants text messages; Ben takes e-mail in English.
        let preferences = InMemoryNoticePreferences()
        if let ana = ContactIdentity(phone: "555-010-7788") {
            preferences.set(NoticePreferences(channels: [.sms], language: "es"), for: ana)
        }
        let outbox = NoticeLog(console: console)
        let notices = try await NoticeDispatcher(
            center: center,
            notifier: outbox,
            catalog: .sampleCounty,
            preferences: preferences
        )
        let maria = Participant.callTaker("maria")
        let crew = Participant.departmentStaff("r.alvarez", department: "WSS")
        say("Cedar Valley 311: closing the loop\n")

        // 1. A question, answered from the knowledge base while the caller waits.
        say("\(time.string(from: clock.now())) A caller asks: \"how many bulk items can I put out per pickup?\"")
        let lookup = county.lookUp("how many bulk items per pickup", for: .internal)
        if let best = lookup.articles.first {
            say("  Maria searches the knowledge base; best match \(best.article.id) \"\(best.article.title)\"")
            say("  (\(best.reasons.prefix(2).map(\.description).joined(separator: "; ")))")
            say("  She reads out: \(best.article.answer)")
            let offers = lookup.offers.map(\.serviceType.id.rawValue).joined(separator: ", ")
            say("  Types to offer: \(offers); transfer: \(lookup.transfer.map(\.description) ?? "none")")
            let contact = try await center.record(
                ContactDraft(.information(article: best.article.id), channel: .phone, agent: "maria"),
                by: maria
            )
            say("  Recorded as general information \(contact.ticket), citing the article.\n")
        }

        // 2. Ana reports a leak; she gets her ticket by text, in Spanish.
        try clock.advance(by: 20 * 60)
        let ana = try await center.submit(
            ServiceRequestDraft(
                serviceType: "WATER_LEAK",
                description: "Water bubbling up through the asphalt at the corner",
                location: Location(address: "Elm Street and 3rd Avenue", coordinate: corner),
                answers: ["flooding": .yesNo(false)],
                submitter: Submitter(name: "Ana Núñez", phone: "555-010-7788"),
                channel: .phone,
                agent: "maria"
            ),
            by: maria
        )
        say("\(time.string(from: clock.now())) Ana Núñez reports a water main leak: \(ana.ticket)")
        try await notices.deliverDue()

        // 3. Ben reports a leaking hydrant twenty metres away; the call-taker looks first.
        try clock.advance(by: 95 * 60)
        let report = ServiceRequestDraft(
            serviceType: "HYDRANT",
            description: "Hydrant on 3rd Avenue is leaking into the gutter",
            location: Location(
                address: "3rd Avenue near Elm Street",
                coordinate: try Coordinate(latitude: 39.08430, longitude: -77.15282)
            ),
            submitter: Submitter(name: "Ben Okafor", email: "ben.okafor@example.com"),
            channel: .phone,
            agent: "maria"
        )
        say(
            "\n\(time.string(from: clock.now())) Ben Okafor calls about a leaking hydrant. Before making a ticket, Maria looks:"
        )
        let candidates = try await center.duplicateCandidates(for: report, by: maria)
        for candidate in candidates {
            say("  candidate \(candidate.ticket), \(candidate.request.serviceTypeName), score \(candidate.score):")
            say("    \(candidate.reasons.map(\.description).joined(separator: "; "))")
        }
        let ben = try await center.submit(report, by: maria)
        guard let master = candidates.first?.ticket else {
            throw CommandFailure(.failure, "no duplicate candidate was offered for Ben's report")
        }
        let merge = try await center.linkDuplicate(ben.ticket, to: master, by: maria)
        say("  Ben says that is the water he sees. His report \(ben.ticket) is merged into \(master):")
        say(
            "  \(master) now has \(merge.master.meTooCount + 1) reports; \(ben.ticket) is \(merge.duplicate.state.rawValue)."
        )
        try await notices.deliverDue()

        // 4. The crew fixes it: both residents get the department's own words.
        try clock.advance(by: 3 * 3_600)
        try await center.accept(master, by: crew)
        try await center.start(master, by: crew)
        try clock.advance(by: 2 * 3_600)
        let note = "Replaced a cracked valve on the 8-inch main under Elm Street; water restored at 4 pm."
        try await center.resolve(master, note: note, by: crew)
        say("\n\(time.string(from: clock.now())) Water and Sewer resolve \(master): \"\(note)\"")
        try await notices.deliverDue()

        // 5. The next morning Ana says it is not fixed: the request goes back to the department.
        try clock.advance(by: 15 * 3_600)
        let outcome = try await center.answerSurvey(
            try SurveyResponse(satisfaction: 2, wasFixed: false, comment: "Still bubbling at the corner this morning"),
            on: master,
            caller: .phone("555-010-7788"),
            by: maria
        )
        switch outcome {
        case .reopened(let request):
            say(
                "\n\(time.string(from: clock.now())) Ana answers the survey: not fixed. \(master) is \(request.state.rawValue) for \(request.department) again."
            )
        case .recorded, .complaint:
            say("\n\(time.string(from: clock.now())) Ana's survey answer was recorded: \(outcome)")
        }
        try await notices.deliverDue()

        let figures = await notices.figures
        say(
            "\nNotices sent: \(figures.sent), in Spanish: \(outbox.spanish), not reachable or opted out: "
                + "\(figures.unreachable + figures.optedOut), undeliverable: \(figures.undeliverable)"
        )
    }
}

/// Prints each notice as a gateway would receive it, and counts the Spanish ones.
private final class NoticeLog: Notifier, Sendable {
    let console: Console
    private let counts = Mutex(0)
    var spanish: Int { counts.withLock { $0 } }

    init(console: Console) { self.console = console }

    func send(_ notice: Notice) async throws {
        if notice.language == "es" { counts.withLock { $0 += 1 } }
        console.print(
            "  → \(notice.recipient) [\(notice.kind.rawValue), \(notice.channel.rawValue), \(notice.language)]: \(notice.body)"
        )
    }
}

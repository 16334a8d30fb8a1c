import Civic311
import Civic311SampleCounty
import Foundation

/// The notice figures with what a dispatcher does around rendering: the values made from the
/// request (names looked up, the expected date written in the resident's language and the
/// county's time zone, the status named), and then the whole dispatcher (the feed read, each
/// request's state replayed, preferences asked, values made, rendered, handed to a notifier that
/// does nothing), in memory.
extension NoticeBenchmark {
    /// Takes every notice at once.
    struct NoOpNotifier: Notifier {
        func send(_ notice: Notice) async throws {}
    }

    static func dispatch() async throws {
        let county = Jurisdiction.sampleCounty
        let catalog = NoticeCatalog.sampleCounty
        let requests = 20_000
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: InMemoryRequestStore(),
            configuration: .init(node: 3, clock: clock, triage: "311")
        )
        // Every request has a resident to tell; one in three reads Spanish text messages.
        let preferences = InMemoryNoticePreferences()
        let spanish = Submitter(name: "Ana Lopez", phone: "555-010-4242")
        if let phone = ContactIdentity(phone: "555-010-4242") {
            preferences.set(NoticePreferences(channels: [.sms], language: "es"), for: phone)
        }
        let english = Submitter(name: "Sam Rivera", phone: "555-010-7788", email: "sam.rivera@example.com")
        let drafts = try SampleDrafts.make(for: county, count: 5_000).enumerated().map { index, draft in
            var draft = draft
            draft.submitter = index % 3 == 0 ? spanish : english
            return draft
        }
        var tickets: [TicketNumber] = []
        for index in 0..<requests {
            if index % 100 == 0 { try clock.advance(by: 60) }
            tickets.append(try await center.submit(drafts[index % drafts.count], by: .callTaker("bench")).ticket)
        }

        // Values made as the dispatcher makes them, then rendered: the opened requests' acknowledgements.
        var styles: [String: Date.FormatStyle] = [:]
        for language in ["en", "es"] {
            var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language))
            style.timeZone = county.timeZone
            styles[language] = style
        }
        var stored: [ServiceRequest] = []
        for ticket in tickets.prefix(5_000) {
            if let request = try await center.store.request(ticket) { stored.append(request) }
        }
        let templates = ["en", "es"].map {
            catalog.template(.acknowledgement, on: $0 == "en" ? .email : .sms, in: $0).0
        }
        let count = 200_000
        var checksum = 0
        let times = try Measurement.interleaved(
            runs: 5,
            [
                {
                    for index in 0..<count {
                        let request = stored[index % stored.count]
                        let language = index % 3 == 0 ? "es" : "en"
                        let values = NoticeValues(
                            ticket: request.ticket.description,
                            serviceType: county.serviceType(request.serviceType)?.name ?? "",
                            department: county.department(request.department)?.name ?? "",
                            expectedBy: request.dueAt.formatted(styles[language] ?? .dateTime),
                            status: catalog.name(of: request.state, in: language),
                            note: ""
                        )
                        checksum &+= templates[index % 3 == 0 ? 1 : 0].render(values).body.utf8.count
                    }
                }
            ]
        )
        Measurement.report(
            "notices: values from the request, then render",
            Measurement.spread(count, times[0])
        )

        // The whole dispatcher over the feed: each request's acknowledgement.
        var cpu: [Double] = []
        for run in 0..<3 {
            let dispatcher = try await NoticeDispatcher(
                center: center,
                notifier: NoOpNotifier(),
                catalog: catalog,
                preferences: preferences,
                name: "bench-\(run)"
            )
            var figures = NoticeFigures()
            cpu.append(try await Measurement.processCPUSeconds { figures = try await dispatcher.deliverDue() })
            guard figures.sent == requests, figures.pending == 0 else {
                throw BenchmarkFailure("the dispatcher sent \(figures) for \(requests) requests")
            }
        }
        cpu.sort()
        Measurement.report(
            "notices: the dispatcher end to end, in memory",
            "\(Measurement.rate(requests, cpu[1])) CPU (best \(Measurement.rate(requests, cpu[0])), worst \(Measurement.rate(requests, cpu[2])); \(requests) notices a run, 3 runs)"
        )
        if checksum == 42 { print("") }
    }
}

import Civic311
import Civic311SampleCounty
import Foundation
import Synchronization

extension FuzzTarget {
    /// What a resident or a call-taker types into a request, through the real intake of the sample
    /// county on an in-memory store. One field per line: service type, description, address,
    /// `latitude,longitude`, channel, then `question=answer` lines. A refused draft leaves the store
    /// as it was; an accepted one is stored once, and reads back as it was given.
    static let intake = FuzzTarget(name: "intake") { data in
        let draft = IntakeDraft.draft(from: data)
        let center = IntakeCenter.current()
        let outcome = waitFor { () async -> IntakeOutcome in
            let before = await IntakeCenter.counts(center.store)
            do {
                let acknowledgement = try await center.center.submit(draft, by: .resident(nil))
                let stored = try? await center.store.request(acknowledgement.ticket)
                return IntakeOutcome(
                    before: before,
                    after: await IntakeCenter.counts(center.store),
                    stored: stored,
                    error: nil
                )
            } catch {
                return IntakeOutcome(
                    before: before,
                    after: await IntakeCenter.counts(center.store),
                    stored: nil,
                    error: "\(error)"
                )
            }
        }
        if let error = outcome.error {
            PropertyCheck.expect(outcome.after == outcome.before, "a refused draft leaves the store as it was", error)
            return
        }
        PropertyCheck.expect(
            outcome.after.requests == outcome.before.requests + 1,
            "an accepted draft is stored once",
            "\(outcome.before) -> \(outcome.after)"
        )
        guard let stored = outcome.stored else { PropertyCheck.fail("an accepted draft can be read back", "") }
        PropertyCheck.expect(
            stored.serviceType == draft.serviceType && stored.description == draft.description
                && stored.opening.location == draft.location,
            "an accepted draft reads back as it was given",
            "\(draft.serviceType) \(draft.description.debugDescription)"
        )
        IntakeCenter.accepted()
    }
}

/// What one submission saw.
private struct IntakeOutcome: Sendable {
    let before: IntakeCenter.Counts
    let after: IntakeCenter.Counts
    let stored: ServiceRequest?
    let error: String?
}

/// The center the intake target submits to, replaced now and then so that memory stays flat.
private struct IntakeCenter: Sendable {
    let center: ServiceCenter
    let store: InMemoryRequestStore

    struct Counts: Equatable, Sendable {
        let requests: Int
        let contacts: Int
    }

    private static let shared = Mutex<(center: IntakeCenter?, accepted: Int)>((nil, 0))

    static func current() -> IntakeCenter {
        if let center = shared.withLock({ $0.accepted < 1_000 ? $0.center : nil }) { return center }
        let fresh = waitFor { () async -> IntakeCenter in
            let store = InMemoryRequestStore()
            do {
                let center = try await ServiceCenter(jurisdiction: .sampleCounty, store: store, configuration: .init())
                return IntakeCenter(center: center, store: store)
            } catch {
                PropertyCheck.fail("the sample county opens a center", "\(error)")
            }
        }
        shared.withLock { $0 = (fresh, 0) }
        return fresh
    }

    static func accepted() { shared.withLock { $0.accepted += 1 } }

    static func counts(_ store: InMemoryRequestStore) async -> Counts {
        do {
            return Counts(
                requests: try await store.countRequests(matching: RequestQuery()),
                contacts: try await store.countContacts(matching: ContactQuery())
            )
        } catch {
            PropertyCheck.fail("an in-memory store counts", "\(error)")
        }
    }
}

/// Reads a draft from lines of text.
enum IntakeDraft {
    static func draft(from data: Data) -> ServiceRequestDraft {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ index: Int) -> String? { index < lines.count ? String(lines[index]) : nil }
        var coordinate: Coordinate?
        if let text = line(3) {
            let parts = text.split(separator: ",")
            if parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]) {
                coordinate = try? Coordinate(latitude: latitude, longitude: longitude)
            }
        }
        let address = line(2).flatMap { $0.isEmpty ? nil : $0 }
        var answers: [QuestionCode: AnswerValue] = [:]
        for entry in lines.dropFirst(5) {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let code = QuestionCode(String(entry[..<equals]))
            let text = String(entry[entry.index(after: equals)...])
            answers[code] = answer(text)
        }
        return ServiceRequestDraft(
            serviceType: ServiceTypeCode(line(0) ?? ""),
            description: line(1) ?? "",
            location: address == nil && coordinate == nil ? nil : Location(address: address, coordinate: coordinate),
            answers: answers,
            channel: line(4).flatMap(Channel.init(rawValue:)) ?? .web
        )
    }

    /// `yes`, `no`, a number, `@` and seconds since 1970 (a date), `~` and text, `a|b` (choices),
    /// or a choice.
    static func answer(_ text: String) -> AnswerValue {
        if text == "yes" { return .yesNo(true) }
        if text == "no" { return .yesNo(false) }
        if let number = Double(text) { return .number(number) }
        if text.hasPrefix("@"), let seconds = Double(text.dropFirst()) {
            return .dateTime(Date(timeIntervalSince1970: seconds))
        }
        if text.hasPrefix("~") { return .text(String(text.dropFirst())) }
        if text.contains("|") { return .choices(text.split(separator: "|").map(String.init)) }
        return .choice(text)
    }

    /// The lines ``draft(from:)`` reads back as `draft`.
    static func text(serviceType: ServiceType) -> String {
        var lines = [serviceType.id.rawValue, "Reported at the corner by the school", "12 Elm Street", "", "phone"]
        for question in serviceType.questions {
            let answer: String =
                switch question.kind {
                case .text: "~about a metre"
                case .number: "3"
                case .dateTime: "@1780000000"
                case .singleChoice: question.choices.first?.value ?? "unknown"
                case .multipleChoice: question.choices.map(\.value).joined(separator: "|")
                case .yesNo: "no"
                }
            lines.append("\(question.id.rawValue)=\(answer)")
        }
        return lines.joined(separator: "\n")
    }
}

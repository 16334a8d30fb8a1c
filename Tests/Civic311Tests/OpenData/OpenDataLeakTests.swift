@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// The export's privacy claim, tested on the real path: 2,000 synthetic residents go through
/// intake and the departments' operations with their name, phone number (in eight spellings) and
/// e-mail address (plain and spelled out) typed into every free-text field, with a neighbour's
/// phone number and e-mail address beside them; every format of the export is then scanned for
/// every one of those values, the phones' bare digits included.
///
/// The claim covers e-mail addresses and phone numbers anywhere, and the submitter's own name in
/// their own request. It does not cover names of other people, which no pattern can tell from
/// words (see ``OpenDataLeakTests/whatTheScrubberCannotCatch()``): the residents' texts here name
/// only themselves.
@Suite struct OpenDataLeakTests {
    private typealias Fixtures = OpenDataFixtures

    struct Resident {
        let index: Int
        let first: String
        let last: String
        /// The ten digits of the national number.
        let digits: String
        let isBritish: Bool
        let email: String

        var name: String { "\(first) \(last)" }
        var localPart: String { String(email.prefix { $0 != "@" }) }

        /// The number in one of eight spellings.
        func phone(_ style: Int) -> String {
            let d = Array(digits)
            func part(_ range: Range<Int>) -> String { String(d[range]) }
            if isBritish {
                return switch style % 4 {
                case 0: "+44 \(part(0..<2)) \(part(2..<6)) \(part(6..<10))"
                case 1: "0\(part(0..<2)) \(part(2..<6)) \(part(6..<10))"
                case 2: "+44\(digits)"
                default: "0044 \(part(0..<2)) \(part(2..<6)) \(part(6..<10))"
                }
            }
            let (area, exchange, line) = (part(0..<3), part(3..<6), part(6..<10))
            return switch style % 8 {
            case 0: "(\(area)) \(exchange)-\(line)"
            case 1: "\(area)-\(exchange)-\(line)"
            case 2: "\(area).\(exchange).\(line)"
            case 3: digits
            case 4: "+1 \(area) \(exchange) \(line)"
            case 5: "1-\(area)-\(exchange)-\(line)"
            case 6: "+1 (\(area)) \(exchange)-\(line)"
            default: "\(area) \(exchange) \(line)"
            }
        }

        /// The seven-digit local number, as written on a local call.
        var local: String {
            let d = Array(digits)
            return "\(String(d[3..<6]))-\(String(d[6..<10]))"
        }

        /// The address spelled out, as people write it to dodge filters.
        var spelledEmail: String {
            let domain = email.drop { $0 != "@" }.dropFirst()
            let parts = domain.split(separator: ".")
            return index % 2 == 0
                ? "\(localPart) [at] \(parts.joined(separator: " [dot] "))"
                : "\(localPart) at \(parts.joined(separator: " dot "))"
        }

        var submitter: Submitter { Submitter(name: name, phone: phone(index), email: email) }

        /// The forms of this resident's own details that must not appear in their own row.
        var ownForms: [String] {
            (0..<8).map(phone) + [local, digits, email, email.uppercased(), name, name.uppercased(), name.lowercased()]
        }
    }

    /// Deterministic residents with distinct names (40 first names × 50 surnames, some with
    /// accents, hyphens and apostrophes), phones and e-mail addresses.
    static func residents(_ count: Int) -> [Resident] {
        let firsts = [
            "Amara", "Bogdan", "Chiara", "Dmitri", "Esperanza", "Farouk", "Guadalupe", "Hyun-woo", "Ingrid", "Jaroslav",
            "Kwame", "Ludmila", "Mateus", "Nkechi", "Oluwaseun", "Priyanka", "Quentin", "Radovan", "Siobhan", "Tadeusz",
            "Ulrike", "Vasilis", "Wilhelmina", "Xiomara", "Yevgenia", "Zbigniew", "Élodie", "Ágnes", "Søren",
            "Thandiwe",
            "Anselm", "Berenike", "Cosimo", "Dagny", "Eustace", "Fenella", "Gideon", "Horatio", "Isolde", "Jorunn",
        ]
        let lasts = [
            "Okonkwo", "Vasquez-Ruiz", "Lindqvist", "O'Sullivan", "Nakashima", "Abernathy", "Szymański", "Fairweather",
            "Castellanos", "Oyelaran", "Przybylski", "Hakobyan", "Mwangi", "Delacroix", "Featherstone", "Quarshie",
            "Tanizaki", "Ekwueme", "Villaseñor", "Grünewald", "Achterberg", "Baptiste", "Chukwuemeka", "Dziedzic",
            "Esterházy", "Fitzgerald-Moss", "Galbraith", "Hollingsworth", "Iwasaki", "Jablonski", "Kowalczyk",
            "Lachapelle", "Montgomery-Ames", "Nwachukwu", "Ostrowski", "Pemberton", "Quintanilla", "Rasmussen",
            "Sandoval", "Thistlewood", "Underhill", "Valderrama", "Wojciechowski", "Xanthopoulos", "Yamamoto",
            "Zelenko", "Abercrombie", "Blackwood", "Carmichael", "D'Angelo",
        ]
        let areas = ["202", "312", "415", "617", "718", "301", "240", "503"]
        let domains = ["example.org", "mail.example.com", "resident.example.net"]
        return (0..<count).map { index in
            let first = firsts[index % firsts.count]
            let last = lasts[index / firsts.count % lasts.count]
            let isBritish = index % 25 == 0
            let exchange = 200 + index * 37 % 800
            let line = 1_000 + index
            let digits = isBritish ? "207946\(line)" : "\(areas[index % areas.count])\(exchange)\(line)"
            let ascii = { (text: String) in
                text.folding(options: .diacriticInsensitive, locale: nil).lowercased().filter { $0.isLetter }
            }
            let email = "\(ascii(first)).\(ascii(last))\(index)@\(domains[index % domains.count])"
            return Resident(index: index, first: first, last: last, digits: digits, isBritish: isBritish, email: email)
        }
    }

    /// Takes `resident`'s request through intake and some of the departments' operations, their
    /// details (and a neighbour's) in every free-text field.
    static func process(
        _ resident: Resident,
        _ neighbour: Resident,
        type: ServiceType,
        in fixture: FoundationFixtures.Center
    ) async throws -> TicketNumber {
        let center = fixture.center
        let staff = Fixtures.supervisor
        let i = resident.index
        let description =
            "\(resident.name) says: it is getting worse. Call \(resident.phone(i + 1)) or \(resident.phone(i + 2)), "
            + "local \(resident.local), e-mail \(resident.email) or \(resident.spelledEmail). "
            + "Neighbour: \(neighbour.phone(i + 3)), \(neighbour.email.uppercased())"
        let ticket = try await center.submit(
            Fixtures.draft(
                type,
                description: description,
                address: "\(100 + i % 900) Maple Avenue, c/o \(resident.name), tel \(resident.phone(i + 4))",
                text: "\(resident.name) \(resident.phone(i)) \(resident.email)",
                submitter: resident.submitter,
                index: i
            ),
            by: FoundationFixtures.callTaker
        ).ticket
        try fixture.clock.advance(by: 1.5)
        switch i % 5 {
        case 0:
            try await center.accept(ticket, by: staff)
            try await center.addNote(
                ticket,
                "Spoke to \(resident.last.uppercased()) on \(resident.digits)",
                visibility: .public,
                by: staff
            )
            try await center.addNote(ticket, "\(resident.name) \(resident.email)", visibility: .internal, by: staff)
            try await center.start(ticket, by: staff)
            try await center.putOnHold(
                ticket,
                waitingFor: "\(resident.first): send photos to \(resident.spelledEmail)",
                by: staff
            )
            try await center.resume(ticket, by: staff)
            try await center.resolve(
                ticket,
                note: "Fixed; told \(resident.first) at \(resident.phone(i + 5)), cc \(neighbour.email)",
                by: staff
            )
            try await center.answerSurvey(
                try SurveyResponse(
                    satisfaction: 1,
                    wasFixed: false,
                    comment: "\(resident.name.lowercased()) says it is back, call \(resident.local)"
                ),
                on: ticket,
                by: staff
            )
        case 1:
            try await center.accept(ticket, by: staff)
            try await center.start(ticket, by: staff)
            try await center.resolve(
                ticket,
                note: "Done. \(resident.name) confirmed by phone \(resident.phone(i + 6))",
                by: staff
            )
            try await center.close(
                ticket,
                reason: .completed,
                note: "Closed after \(resident.last.uppercased()) (\(resident.email.uppercased())) confirmed",
                by: staff
            )
        case 2:
            try await center.accept(ticket, by: staff)
            try await center.putOnHold(
                ticket,
                waitingFor:
                    "Waiting for \(resident.name) to call back on \(resident.phone(i + 7)), or \(neighbour.phone(i))",
                by: staff
            )
        case 3:
            try await center.close(
                ticket,
                reason: .closedWithoutAction(code: "NO_DEFECT_FOUND"),
                note: "Nothing found; \(resident.first) told at \(resident.email), \(resident.local)",
                by: staff
            )
        default:
            break
        }
        return ticket
    }

    /// Every leak in `record` (the text of one row): the row's own resident's details in any
    /// form, anyone's e-mail address (by its local part, however the rest was written), and
    /// anyone's phone number among the digits of the row's free text.
    struct Scanner {
        let residents: [Resident]
        let localParts: Set<String>
        let nationalDigits: Set<String>
        let localDigits: Set<String>

        init(_ residents: [Resident]) {
            self.residents = residents
            localParts = Set(residents.map(\.localPart))
            nationalDigits = Set(residents.map(\.digits))
            localDigits = Set(residents.filter { !$0.isBritish }.map { String($0.digits.suffix(7)) })
        }

        func leaks(in record: [String], freeText: [String], of owner: Resident?) -> [String] {
            var found: [String] = []
            let text = record.joined(separator: "\u{1F}")
            if let owner {
                for form in owner.ownForms where text.contains(form) { found.append(form) }
                // The name's parts as written or in capitals, as words.
                for part in [owner.first, owner.last, owner.first.uppercased(), owner.last.uppercased()]
                where Self.containsWord(part, in: text) {
                    found.append(part)
                }
                if text.lowercased().contains(owner.name.lowercased()) { found.append(owner.name.lowercased()) }
            }
            // Anyone's e-mail address, by its local part.
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
            for token in text.split(whereSeparator: { !allowed.contains($0) }) {
                var word = token.lowercased()
                while word.hasSuffix(".") { word.removeLast() }
                if localParts.contains(word) { found.append(word) }
            }
            // Anyone's phone number in the free text's digits, whatever separated them.
            for field in freeText {
                let digits = Array(field.filter(\.isASCII).filter(\.isNumber))
                if digits.count >= 10 {
                    for start in 0...(digits.count - 10)
                    where nationalDigits.contains(String(digits[start..<start + 10])) {
                        found.append(String(digits[start..<start + 10]))
                    }
                }
                // Runs of seven or more digits written together: a local number.
                for run in field.split(whereSeparator: { !($0.isASCII && $0.isNumber) }) where run.count >= 7 {
                    let runDigits = Array(run)
                    for start in 0...(runDigits.count - 7)
                    where localDigits.contains(String(runDigits[start..<start + 7])) {
                        found.append(String(run))
                    }
                }
            }
            return found
        }

        static func containsWord(_ word: String, in text: String) -> Bool {
            var searchRange = text.startIndex..<text.endIndex
            while let range = text.range(of: word, range: searchRange) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
                searchRange = range.upperBound..<text.endIndex
            }
            return false
        }
    }

    static let freeTextColumns: [OpenDataColumn] = [.descriptor, .description, .resolution, .address, .district]

    @Test func twoThousandResidentsLeaveNoPhoneEmailOrOwnNameInAnyFormat() async throws {
        let residents = Self.residents(2_000)
        let fixture = try await FoundationFixtures.Center()
        let types = Jurisdiction.sampleCounty.serviceTypes.filter { $0.referral == nil }
        var owners: [String: Resident] = [:]
        var published = 0
        for resident in residents {
            let type = types[resident.index % types.count]
            let neighbour = residents[(resident.index + 1) % residents.count]
            let ticket = try await Self.process(resident, neighbour, type: type, in: fixture)
            owners[ticket.description] = resident
            if !type.isPrivate { published += 1 }
        }
        let scanner = Scanner(residents)
        // The scanner finds what it looks for: the texts typed in are full of it.
        let sample = residents[7]
        #expect(
            scanner.leaks(
                in: ["\(sample.name) \(sample.phone(3)) \(residents[8].spelledEmail)"],
                freeText: [sample.phone(5)],
                of: sample
            ).count >= 4
        )

        let period = Fixtures.start..<fixture.clock.now().addingTimeInterval(1)
        var found: [String] = []
        for format in OpenDataFormat.allCases {
            let sink = OpenDataMemorySink()
            let export = try OpenDataExport(
                jurisdiction: .sampleCounty,
                store: fixture.store,
                format: format,
                clock: fixture.clock
            )
            let done = try await export.write(period: period, to: sink)
            #expect(done.rows == published && done.withheld == residents.count - published)
            let text = sink.text
            let rows: [[String: String]]
            switch format {
            case .csv:
                rows = try Fixtures.csvRows(text)
            case .jsonLines, .jsonArray:
                let objects =
                    format == .jsonLines
                    ? try Fixtures.jsonLines(text)
                    : try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
                rows = objects.map { object in object.mapValues { ($0 as? String) ?? "\($0)" } }
            }
            #expect(rows.count == published)
            for row in rows {
                let owner = owners[row["ticket"] ?? ""]
                #expect(owner != nil)
                let record = OpenDataColumn.allCases.map { row[$0.rawValue] ?? "" }
                let freeText = Self.freeTextColumns.map { row[$0.rawValue] ?? "" }
                for leak in scanner.leaks(in: record, freeText: freeText, of: owner) {
                    found.append("\(format): \(leak) in \(record.joined(separator: " | "))")
                }
            }
            // The raw bytes too: no run of seven or more digits anywhere, no local part.
            for leak in scanner.leaks(in: [text], freeText: [], of: nil) { found.append("\(format) raw: \(leak)") }
            var runs = 0
            for run in text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }) where run.count >= 7 { runs += 1 }
            #expect(runs == 0, "\(format): \(runs) runs of seven or more digits")
            // What the public should read is still there, with the placeholders.
            for placeholder in ["[phone removed]", "[email removed]", "[name removed]"] {
                #expect(text.contains(placeholder), "\(format): no \(placeholder)")
            }
            #expect(text.contains("Maple Avenue"))
        }
        #expect(found.isEmpty, "\(found.count) leaks, first: \(found.prefix(3).joined(separator: "\n"))")
    }

    /// What no pattern can catch, shown rather than claimed: names of people other than the
    /// submitter, the submitter's given name alone in lowercase, numbers spelled out in words, and
    /// a home address typed into the description. The *Open-data export* document lists them.
    @Test func whatTheScrubberCannotCatch() async throws {
        let fixture = try await FoundationFixtures.Center()
        let resident = Self.residents(3)[2]
        let pothole = try #require(Jurisdiction.sampleCounty.serviceType("POTHOLE"))
        _ = try await fixture.center.submit(
            Fixtures.draft(
                pothole,
                description: "My neighbour Jordan Blake saw it; ask for \(resident.first.lowercased()) at "
                    + "five five five, zero one zero, seven seven eight eight; I live at 12 Quarry Lane",
                address: "214 Elm Street",
                submitter: resident.submitter
            ),
            by: FoundationFixtures.callTaker
        )
        let sink = OpenDataMemorySink()
        try await OpenDataExport(jurisdiction: .sampleCounty, store: fixture.store, clock: fixture.clock)
            .write(period: Fixtures.period, to: sink)
        let description = try #require(try Fixtures.csvRows(sink.text).first?["description"])
        #expect(description.contains("Jordan Blake"))
        #expect(description.contains("ask for \(resident.first.lowercased())"))
        #expect(description.contains("five five five, zero one zero"))
        #expect(description.contains("12 Quarry Lane"))
    }
}

import Civic311
import Foundation
import Testing

/// The status-mapping table of a back-office system: its rules in code, each refused with its
/// code and field, its JSON document with every problem at its path, and the round trip.
@Suite struct BackOfficeStatusMapTests {
    /// The error `body` throws, or `nil` when it accepts its input.
    static func refusal<T>(_ body: () throws(ValidationError) -> T) -> ValidationError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    static func issues(_ json: String) -> [ConfigurationIssue] {
        do {
            _ = try BackOfficeStatusMap(json: Data(json.utf8))
            return []
        } catch {
            return error.issues
        }
    }

    static let document = #"""
        { "system": "cityworks",
          "statuses": [
            { "code": "WO_ASSIGNED", "transition": "accept" },
            { "code": "WO_COMPLETE", "transition": "resolve", "publicNote": "The crew finished the work.",
              "usesBackOfficeNote": true },
            { "code": "NO_DEFECT", "transition": "close", "closeReason": "closedWithoutAction",
              "reasonCode": "NO_DEFECT_FOUND", "publicNote": "An inspector found no defect." },
            { "code": "DONE", "transition": "close", "closeReason": "completed", "publicNote": "Done.",
              "usesBackOfficeNote": false } ] }
        """#

    // MARK: A valid table

    @Test func aValidDocumentLoadsWithItsEntries() throws {
        let map = try BackOfficeStatusMap(json: Data(Self.document.utf8))
        #expect(map.system == "cityworks")
        #expect(map.entries.map(\.code) == ["WO_ASSIGNED", "WO_COMPLETE", "NO_DEFECT", "DONE"])

        let assigned = try #require(map.entry(for: "WO_ASSIGNED"))
        #expect(assigned.transition == .accept)
        #expect(assigned.publicNote == nil)
        #expect(assigned.usesBackOfficeNote, "usesBackOfficeNote is true when left out")

        let noDefect = try #require(map.entry(for: "NO_DEFECT"))
        #expect(noDefect.transition == .close(.closedWithoutAction(code: "NO_DEFECT_FOUND")))
        #expect(noDefect.publicNote == "An inspector found no defect.")

        let done = try #require(map.entry(for: "DONE"))
        #expect(done.transition == .close(.completed))
        #expect(!done.usesBackOfficeNote)

        let built = try BackOfficeStatusMap(
            system: "cityworks",
            entries: [
                BackOfficeStatusMap.Entry(code: "WO_ASSIGNED", transition: .accept),
                BackOfficeStatusMap.Entry(
                    code: "WO_COMPLETE",
                    transition: .resolve,
                    publicNote: "The crew finished the work."
                ),
                BackOfficeStatusMap.Entry(
                    code: "NO_DEFECT",
                    transition: .close(.closedWithoutAction(code: "NO_DEFECT_FOUND")),
                    publicNote: "An inspector found no defect."
                ),
                BackOfficeStatusMap.Entry(
                    code: "DONE",
                    transition: .close(.completed),
                    publicNote: "Done.",
                    usesBackOfficeNote: false
                ),
            ]
        )
        #expect(built == map)
        #expect(built.hashValue == map.hashValue)
    }

    @Test func anUnknownCodeHasNoEntryAndCodesMatchExactly() throws {
        let map = try BackOfficeStatusMap(json: Data(Self.document.utf8))
        #expect(map.entry(for: "WO_CANCELLED") == nil)
        #expect(map.entry(for: "wo_assigned") == nil)
        #expect(map.entry(for: " WO_ASSIGNED") == nil)
        #expect(map.entry(for: "") == nil)
        let empty = try BackOfficeStatusMap(system: "sap", entries: [])
        #expect(empty.entry(for: "WO_ASSIGNED") == nil)
    }

    @Test func theTransitionsThatTellTheResidentSomethingNeedANote() {
        let needing: [BackOfficeStatusMap.Transition] = [
            .putOnHold, .resolve, .close(.completed), .close(.closedWithoutAction(code: "X")), .returnAsNotOurs, .note,
        ]
        #expect(needing.allSatisfy { $0.needsNote })
        #expect(![BackOfficeStatusMap.Transition.accept, .start, .resume].contains { $0.needsNote })
    }

    // MARK: The rules, in code

    @Test func aCodeMustBeNonBlankShortAndUnpadded() {
        typealias Entry = BackOfficeStatusMap.Entry
        for blank in ["", "   ", "\t\n"] {
            let error = Self.refusal { () throws(ValidationError) in try Entry(code: blank, transition: .accept) }
            #expect(error?.code == .missingValue && error?.field == "code", "\(blank.debugDescription)")
        }
        #expect(
            Self.refusal { () throws(ValidationError) in
                try Entry(code: String(repeating: "A", count: 64), transition: .accept)
            } == nil
        )
        for long in [String(repeating: "A", count: 65), String(repeating: "é", count: 33)] {
            let error = Self.refusal { () throws(ValidationError) in try Entry(code: long, transition: .accept) }
            #expect(error?.code == .tooLong && error?.field == "code", "\(long.utf8.count) bytes")
        }
        for padded in [" WO_DONE", "WO_DONE ", "WO_DONE\n", "\u{00A0}WO_DONE"] {
            let error = Self.refusal { () throws(ValidationError) in try Entry(code: padded, transition: .accept) }
            #expect(error?.code == .invalidValue && error?.field == "code", "\(padded.debugDescription)")
        }
        #expect(Self.refusal { () throws(ValidationError) in try Entry(code: "WO DONE", transition: .accept) } == nil)
    }

    @Test func aPublicNoteMustBeNonBlankAndWithinTheNoteLimit() {
        typealias Entry = BackOfficeStatusMap.Entry
        let blank = Self.refusal { () throws(ValidationError) in
            try Entry(code: "C", transition: .resolve, publicNote: " \n")
        }
        #expect(blank?.code == .missingValue && blank?.field == "publicNote")
        let limit = ServiceRequestDraft.maximumTextBytes
        let long = Self.refusal { () throws(ValidationError) in
            try Entry(code: "C", transition: .resolve, publicNote: String(repeating: "x", count: limit + 1))
        }
        #expect(long?.code == .tooLong && long?.field == "publicNote")
        let longest = Self.refusal { () throws(ValidationError) in
            try Entry(code: "C", transition: .resolve, publicNote: String(repeating: "x", count: limit))
        }
        #expect(longest == nil)
    }

    @Test func anEntryThatWouldLeaveTheResidentWithoutANoteIsRefused() {
        typealias Entry = BackOfficeStatusMap.Entry
        let needing: [BackOfficeStatusMap.Transition] = [
            .putOnHold, .resolve, .close(.completed), .close(.closedWithoutAction(code: "X")), .returnAsNotOurs, .note,
        ]
        for transition in needing {
            let error = Self.refusal { () throws(ValidationError) in
                try Entry(code: "C", transition: transition, usesBackOfficeNote: false)
            }
            #expect(error?.code == .missingValue && error?.field == "publicNote", "\(transition)")
            // The back office's own note, or a fallback, is enough.
            #expect(Self.refusal { () throws(ValidationError) in try Entry(code: "C", transition: transition) } == nil)
            #expect(
                Self.refusal { () throws(ValidationError) in
                    try Entry(code: "C", transition: transition, publicNote: "Fixed.", usesBackOfficeNote: false)
                } == nil
            )
        }
        for transition in [BackOfficeStatusMap.Transition.accept, .start, .resume] {
            #expect(
                Self.refusal { () throws(ValidationError) in
                    try Entry(code: "C", transition: transition, usesBackOfficeNote: false)
                } == nil,
                "\(transition) needs no note"
            )
        }
    }

    @Test func aBackOfficeCannotCloseAsDuplicateReferredOrCancelled() throws {
        typealias Entry = BackOfficeStatusMap.Entry
        let ticket = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        let refused: [Closure.Reason] = [.duplicate(of: ticket), .referred(to: "SHA"), .cancelledByResident]
        for reason in refused {
            let error = Self.refusal { () throws(ValidationError) in
                try Entry(code: "C", transition: .close(reason), publicNote: "Closed.")
            }
            #expect(error?.code == .invalidValue && error?.field == "closeReason", "\(reason)")
        }
    }

    @Test func closingWithoutActionNeedsAReasonCode() {
        typealias Entry = BackOfficeStatusMap.Entry
        for blank in ["", "  "] {
            let error = Self.refusal { () throws(ValidationError) in
                try Entry(code: "C", transition: .close(.closedWithoutAction(code: blank)), publicNote: "Closed.")
            }
            #expect(error?.code == .missingValue && error?.field == "reasonCode")
        }
        let long = Self.refusal { () throws(ValidationError) in
            try Entry(
                code: "C",
                transition: .close(.closedWithoutAction(code: String(repeating: "R", count: 65))),
                publicNote: "Closed."
            )
        }
        #expect(long?.code == .tooLong && long?.field == "reasonCode")
    }

    @Test func aTableNeedsASystemNameAndUniqueCodes() throws {
        typealias Entry = BackOfficeStatusMap.Entry
        let entries = [
            try Entry(code: "A", transition: .accept),
            try Entry(code: "B", transition: .start),
            try Entry(code: "A", transition: .resume),
        ]
        let duplicate = Self.refusal { () throws(ValidationError) in
            try BackOfficeStatusMap(system: "cityworks", entries: entries)
        }
        #expect(duplicate?.code == .duplicate && duplicate?.field == "entries[2].code")
        #expect(duplicate?.reason.contains("entries[0]") == true)

        for blank in ["", " "] {
            let error = Self.refusal { () throws(ValidationError) in
                try BackOfficeStatusMap(system: blank, entries: [])
            }
            #expect(error?.code == .missingValue && error?.field == "system")
        }
        let long = Self.refusal { () throws(ValidationError) in
            try BackOfficeStatusMap(system: String(repeating: "s", count: 65), entries: [])
        }
        #expect(long?.code == .tooLong && long?.field == "system")
        #expect(
            Self.refusal { () throws(ValidationError) in
                try BackOfficeStatusMap(system: String(repeating: "s", count: 64), entries: [])
            } == nil
        )
    }

    // MARK: JSON

    @Test func aTableRoundTripsThroughItsDocument() throws {
        typealias Entry = BackOfficeStatusMap.Entry
        let map = try BackOfficeStatusMap(
            system: "sap/pm",
            entries: [
                Entry(code: "ACCEPTED", transition: .accept),
                Entry(code: "IN_WORK", transition: .start, publicNote: "A crew is on its way."),
                Entry(code: "WAIT", transition: .putOnHold, publicNote: "We need a photo of the damage."),
                Entry(code: "BACK", transition: .resume),
                Entry(code: "FIXED", transition: .resolve, usesBackOfficeNote: true),
                Entry(
                    code: "NO_DEFECT",
                    transition: .close(.closedWithoutAction(code: "NO_DEFECT_FOUND")),
                    publicNote: "Inspected: no defect, \"as built\" ✓",
                    usesBackOfficeNote: false
                ),
                Entry(code: "CLOSED", transition: .close(.completed), publicNote: "Done."),
                Entry(code: "NOT_OURS", transition: .returnAsNotOurs, publicNote: "This road is the state's."),
                Entry(code: "MEMO", transition: .note),
            ]
        )
        let data = map.jsonData()
        let reloaded = try BackOfficeStatusMap(json: data)
        #expect(reloaded == map)
        #expect(reloaded.entries == map.entries)
        #expect(reloaded.jsonData() == data, "the document is written the same way every time")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""system" : "sap/pm""#), "pretty, without escaped slashes")

        // The example document survives a round trip too.
        let example = try BackOfficeStatusMap(json: Data(Self.document.utf8))
        #expect(try BackOfficeStatusMap(json: example.jsonData()) == example)
    }

    @Test func everyProblemOfADocumentIsReportedAtItsPath() {
        let issues = Self.issues(
            #"""
            { "system": " ",
              "version": 2,
              "statuses": [
                { "code": "A", "transition": "finish" },
                { "code": "B", "transition": "close", "publicNote": "Closed." },
                { "code": "C", "transition": "close", "closeReason": "duplicate", "publicNote": "Closed." },
                { "code": "D", "transition": "close", "closeReason": "completed", "reasonCode": "X",
                  "publicNote": "Done." },
                { "code": "E", "transition": "accept", "closeReason": "completed" },
                { "code": "F", "transition": "resolve", "usesBackOfficeNote": false },
                { "code": "A", "transition": "start" },
                { "code": " G", "transition": "start" },
                { "code": "H", "transition": "close", "closeReason": "closedWithoutAction", "reasonCode": "",
                  "publicNote": "Nothing to do." },
                { "code": "I", "transition": "note", "usesBackOfficeNote": "yes" },
                { "code": "J", "transition": "start", "colour": "red" },
                "not a status",
                { "code": "K", "transition": "close", "closeReason": "closedWithoutAction",
                  "usesBackOfficeNote": false },
                { "transition": "start", "publicNote": "" },
                { "code": "L", "transition": "close", "closeReason": "referred", "usesBackOfficeNote": false }
              ] }
            """#
        )
        let found = Dictionary(issues.map { ($0.path, $0.reason) }, uniquingKeysWith: { $0 + "; " + $1 })
        #expect(
            Set(found.keys) == [
                "$.system", "$.version", "$.statuses[0].transition", "$.statuses[1].closeReason",
                "$.statuses[2].closeReason", "$.statuses[3].reasonCode", "$.statuses[4].closeReason",
                "$.statuses[5].publicNote", "$.statuses[6].code", "$.statuses[7].code", "$.statuses[8].reasonCode",
                "$.statuses[9].usesBackOfficeNote", "$.statuses[10].colour", "$.statuses[11]",
                "$.statuses[12].reasonCode", "$.statuses[12].publicNote", "$.statuses[13].code",
                "$.statuses[13].publicNote", "$.statuses[14].closeReason", "$.statuses[14].publicNote",
            ],
            "\(issues)"
        )
        #expect(issues.count == found.count, "each problem once: \(issues)")
        #expect(found["$.system"]?.contains("must not be empty") == true)
        #expect(found["$.version"] == "unknown key")
        #expect(
            found["$.statuses[0].transition"]?.contains(
                "unknown transition 'finish'; expected accept, start, resume, putOnHold, resolve, close, "
                    + "returnAsNotOurs or note"
            ) == true
        )
        #expect(found["$.statuses[1].closeReason"]?.contains("required value is missing") == true)
        #expect(found["$.statuses[2].closeReason"]?.contains("cannot close as duplicate") == true)
        #expect(
            found["$.statuses[3].reasonCode"]?.contains("only allowed with closeReason closedWithoutAction") == true
        )
        #expect(found["$.statuses[4].closeReason"]?.contains("only allowed with transition close") == true)
        #expect(found["$.statuses[5].publicNote"]?.contains("resolve needs a note") == true)
        #expect(found["$.statuses[6].code"]?.contains("duplicate status code 'A', already at statuses[0]") == true)
        #expect(found["$.statuses[7].code"]?.contains("white space") == true)
        #expect(found["$.statuses[8].reasonCode"]?.contains("must not be empty") == true)
        #expect(found["$.statuses[9].usesBackOfficeNote"]?.contains("expected true or false") == true)
        #expect(found["$.statuses[10].colour"] == "unknown key")
        #expect(found["$.statuses[11]"]?.contains("expected an object") == true)
        // A close whose reason is missing or refused still has its note checked.
        #expect(found["$.statuses[12].reasonCode"]?.contains("required value is missing") == true)
        #expect(found["$.statuses[12].publicNote"]?.contains("close needs a note") == true)
        #expect(found["$.statuses[13].code"]?.contains("required value is missing") == true)
        #expect(found["$.statuses[13].publicNote"]?.contains("must not be empty") == true)
        #expect(found["$.statuses[14].publicNote"]?.contains("close needs a note") == true)
    }

    @Test func malformedAndEmptyDocumentsAreRefused() {
        #expect(Self.issues("{").first?.path == "$")
        #expect(Self.issues("[]").first?.reason.contains("expected an object") == true)
        #expect(Self.issues("{}").map(\.path) == ["$.system", "$.statuses"])
        #expect(Self.issues(#"{ "system": "s", "statuses": {} }"#).map(\.path) == ["$.statuses"])
        #expect(Self.issues(#"{ "system": "s", "statuses": [] }"#).isEmpty, "an empty table maps no code")
    }
}

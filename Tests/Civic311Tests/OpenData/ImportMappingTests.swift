import Foundation
import Testing

@testable import Civic311

@Suite struct ImportMappingTests {
    @Test(arguments: ImportMapping.presets.map(\.name))
    func presetIsValidAndRoundTripsThroughJSON(name: String) throws {
        let preset = try #require(ImportMapping.presets.first { $0.name == name })
        try preset.validate()
        let document = preset.jsonData()
        let read = try ImportMapping(json: document)
        #expect(read == preset)
        #expect(read.jsonData() == document)
    }

    @Test func reportsEveryProblemAtItsPath() throws {
        let document = """
            { "name": " ", "referenceSystem": "x", "timeZone": "Mars/Olympus", "sourceID": "id",
              "created": { "column": "c", "formats": ["MM/dd/yyyy hh:mm"] },
              "closed": { "column": "d", "formats": [] },
              "status": { "column": "s", "values": { "Open": "opened",
                          "Gone": { "state": "closed", "closeReason": "closedWithoutAction" } } },
              "serviceType": { "columns": ["t"] },
              "department": { "columns": [], "derive": true, "colour": "red" },
              "channel": { "column": "ch", "values": { "PHONE": "telephone" }, "fallback": "phone" },
              "coordinate": { "point": "p", "latitude": "lat" } }
            """
        let error = #expect(throws: ConfigurationError.self) { _ = try ImportMapping(json: Data(document.utf8)) }
        let issues = Set(error?.issues.map(\.description) ?? [])
        #expect(
            issues == [
                "$.name: must not be empty",
                "$.timeZone: unknown time zone 'Mars/Olympus'",
                "$.closed.formats: must list at least one format",
                "$.serviceType: maps nothing: give values, or derive codes",
                "$.department.columns: must name at least one column",
                "$.created.formats[0]: a 12-hour hour (h) and the AM/PM marker (a) go together in \"MM/dd/yyyy hh:mm\"",
                "$.status.values.Open: unknown state 'opened'; expected one of new, assigned, inProgress, onHold, resolved, closed",
                "$.status.values.Gone.reasonCode: required value is missing",
                "$.department.colour: unknown key",
                "$.channel.values.PHONE: unknown channel 'telephone'; expected one of phone, selfService, web, mobileApp, email, text, socialMedia, chat, walkIn, mail, departmentSystem",
                "$.coordinate.latitude: not allowed with point: give either point or latitude and longitude",
            ]
        )
    }

    @Test func reportsRuleProblemsOfAReadableDocument() throws {
        var mapping = ImportMapping.boston
        mapping.name = " "
        mapping.timeZoneIdentifier = "Mars/Olympus"
        mapping.closed = ImportMapping.DateColumn("CLOSED_DT", formats: [])
        mapping.status.values["Done"] = ImportMapping.StatusOutcome(.inProgress, closeReason: .completed)
        mapping.serviceType = ImportMapping.CodeRule(columns: ["TYPE"], derivesCodes: false)
        let error = #expect(throws: ConfigurationError.self) { _ = try ImportMapping(json: mapping.jsonData()) }
        #expect(
            error?.issues.map(\.description) == [
                "$.name: must not be empty",
                "$.timeZone: unknown time zone 'Mars/Olympus'",
                "$.closed.formats: must list at least one format",
                "$.status.values.Done.closeReason: only a closed state takes a close reason",
                "$.serviceType: maps nothing: give values, or derive codes",
            ]
        )
        // Built in code, the same rules at the same paths.
        #expect(throws: ConfigurationError.self) { try mapping.validate() }
    }

    @Test func parsesEachSupportedPattern() throws {
        func local(_ pattern: String, _ text: String) throws -> Double? {
            let format = try ImportMapping.DateFormat(pattern)
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { format.localSeconds(UnsafeBufferPointer($0)) }
        }
        // 2022-05-01 00:00:03 on the wall clock.
        let base = 1_651_363_203.0
        #expect(try local("MM/dd/yyyy hh:mm:ss a", "05/01/2022 12:00:03 AM") == base)
        #expect(try local("MM/dd/yyyy hh:mm:ss a", "05/01/2022 12:00:03 PM") == base + 12 * 3600)
        #expect(try local("MM/dd/yyyy hh:mm:ss a", "05/01/2022 01:00:03 pm") == base + 13 * 3600)
        #expect(try local("yyyy-MM-dd'T'HH:mm:ss.SSS", "2022-05-01T00:00:03.250") == base + 0.25)
        #expect(try local("yyyy-MM-dd HH:mm:ss", "2022-05-01 00:00:03") == base)
        #expect(try local("M/d/yyyy H:mm", "5/1/2022 0:00") == base - 3)
        #expect(try local("yyyy-MM-dd", "2022-05-01") == base - 3)
        for refused in [
            "05/01/2022 13:00:03 AM", "02/29/2022 01:00:00 AM", "05/01/2022 12:00:03", "5/01/2022 12:00:03 AM",
        ] {
            #expect(try local("MM/dd/yyyy hh:mm:ss a", refused) == nil, "\(refused)")
        }
        #expect(try local("yyyy-MM-dd HH:mm:ss", "2022-05-01 24:00:00") == nil)
        #expect(try local("yyyy-MM-dd HH:mm:ss", "2022-05-01 00:00:03 ") == nil)
        for pattern in [
            "dd/MM hh:mm", "yyyy-MM-dd HH:mm:ss z", "yyyy-MM-dd'T", "yyyy-MM-dd HH:mm a", "yyyy-yyyy-MM-dd",
        ] {
            #expect(throws: ValidationError.self, "\(pattern)") { _ = try ImportMapping.DateFormat(pattern) }
        }
    }

    @Test func derivesCodesFromKeys() {
        #expect(ImportMapping.CodeRule.derivedCode("Noise - Residential") == "NOISE_RESIDENTIAL")
        #expect(ImportMapping.CodeRule.derivedCode("  PWDx ") == "PWDX")
        #expect(
            ImportMapping.CodeRule.derivedCode("Street and Sidewalk Cleaning / Sidewalk_Cleaning")
                == "STREET_AND_SIDEWALK_CLEANING_SIDEWALK_CLEANING"
        )
        #expect(ImportMapping.CodeRule.derivedCode("—") == "")
    }
}

import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Templates, the catalog and its JSON, and text-message segments.
@Suite struct NoticeTemplateTests {
    private static let values = NoticeValues(
        ticket: "02518-46980-01001",
        serviceType: "Pothole",
        department: "Transportation and Streets",
        expectedBy: "November 26, 2026",
        status: "resolved",
        note: "Filled with hot asphalt."
    )

    @Test func fieldsAreFilledAndDoubledBracesAreBraces() throws {
        let template = try NoticeTemplate(subject: "Ticket {ticket}", body: "{{{status}}}: {note} ({department})")
        let (subject, body) = template.render(Self.values)
        #expect(subject == "Ticket 02518-46980-01001")
        #expect(body == "{resolved}: Filled with hot asphalt. (Transportation and Streets)")
        #expect(template.bodyFields == [.status, .note, .department])
        #expect(try NoticeTemplate(body: "No fields at all.").render(Self.values).body == "No fields at all.")
        #expect(try NoticeTemplate(body: "[[a]] {{b}}").render(Self.values).body == "[a] {b}")
    }

    @Test func aSectionIsLeftOutWhenOneOfItsFieldsIsEmpty() throws {
        let template = try NoticeTemplate(body: "Ticket {ticket} is {status}.[ {department} says: {note}]")
        #expect(template.bodyFields == [.ticket, .status, .department, .note])
        #expect(
            template.render(Self.values).body
                == "Ticket 02518-46980-01001 is resolved. Transportation and Streets says: Filled with hot asphalt."
        )
        var silent = Self.values
        silent.note = ""
        #expect(template.render(silent).body == "Ticket 02518-46980-01001 is resolved.")
    }

    @Test(
        arguments: [
            ("Hello {name}", "'{name}' is no field", 6),
            ("Open {ticket", "a '{' is never closed", 5),
            ("Closed } alone", "a '}' closes nothing", 7),
            ("   ", "blank", nil),
            ("[ {note} [ nested ] ]", "a section cannot hold another", 9),
            ("Open [ {note}", "a '[' is never closed", 13),
            ("Stray ] here", "a ']' closes no section", 6),
        ] as [(String, String, Int?)]
    )
    func badTemplatesAreRefusedWhereTheyGoWrong(body: String, words: String, offset: Int?) {
        #expect {
            try NoticeTemplate(body: body)
        } throws: { error in
            guard let error = error as? ValidationError, error.field == "body" else { return false }
            let at = offset.map { error.reason.contains("at character \($0)") } ?? true
            return (error.reason.contains(words) || words == "blank") && at
        }
    }

    @Test func theSampleCountyWordsEveryNoticeInEnglishAndSpanish() {
        let catalog = NoticeCatalog.sampleCounty
        #expect(catalog.defaultLanguage == "en")
        #expect(catalog.languages == ["en", "es"])
        for kind in NoticeKind.allCases {
            for channel in NoticeChannel.allCases {
                for language in ["en", "es"] {
                    #expect(catalog.template(kind, on: channel, in: language).language == language)
                }
            }
        }
        #expect(catalog.name(of: .inProgress, in: "es") == "en curso")
        let closing = catalog.template(.closing, on: .email, in: "es").template.render(Self.values)
        #expect(closing.body.contains("Filled with hot asphalt."))
    }

    /// A resident reading Spanish reads the service type and the department in Spanish too.
    @Test func theSampleCountyNamesEveryTypeAndDepartmentInSpanish() throws {
        let catalog = NoticeCatalog.sampleCounty
        for serviceType in Jurisdiction.sampleCounty.serviceTypes {
            #expect(catalog.name(of: serviceType.id, in: "es") != nil, "\(serviceType.id)")
            #expect(catalog.name(of: serviceType.id, in: "en") == nil, "English reads the catalog's own name")
        }
        for department in Jurisdiction.sampleCounty.departments {
            #expect(catalog.name(of: department.id, in: "es") != nil, "\(department.id)")
        }
        #expect(catalog.name(of: ServiceTypeCode("WATER_LEAK"), in: "es") == "Fuga en la red de agua")
        #expect(catalog.name(of: DepartmentID("WSS"), in: "es") == "Servicios de Agua y Alcantarillado")
        let blank = #expect(throws: ValidationError.self) {
            try NoticeCatalog(
                defaultLanguage: "en",
                templates: catalog.templates,
                departmentNames: ["es": ["DOT": " "]]
            )
        }
        #expect(blank?.field == "departmentNames.es.DOT")
    }

    @Test func aLanguageWithoutTheNoticeFallsBackToTheDefault() throws {
        var templates = NoticeCatalog.sampleCounty.templates
        templates[.init(.closing, .sms, language: "fr")] = try NoticeTemplate(body: "311 {ticket} fermé : {note}")
        let catalog = try NoticeCatalog(defaultLanguage: "en", templates: templates, stateNames: [:])
        #expect(catalog.template(.closing, on: .sms, in: "fr").language == "fr")
        #expect(catalog.template(.closing, on: .email, in: "fr").language == "en")
        #expect(catalog.template(.closing, on: .email, in: nil).language == "en")
        // A state the language does not name is read in the default language's words, or its code.
        #expect(catalog.name(of: .closed, in: "fr") == "closed")
    }

    @Test func theCatalogRefusesGapsAndGenericClosings() throws {
        var templates = NoticeCatalog.sampleCounty.templates
        templates[.init(.acknowledgement, .voice, language: "en")] = nil
        #expect {
            try NoticeCatalog(defaultLanguage: "en", templates: templates)
        } throws: { ($0 as? ValidationError)?.field == "templates.en.acknowledgement.voice" }

        templates = NoticeCatalog.sampleCounty.templates
        templates[.init(.closing, .sms, language: "es")] = try NoticeTemplate(body: "Su caso {ticket} está cerrado.")
        #expect {
            try NoticeCatalog(defaultLanguage: "en", templates: templates)
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == "templates.es.closing.sms.body" && error.reason.contains("{note}")
        }
        #expect(throws: ValidationError.self) {
            try NoticeCatalog(defaultLanguage: "e n", templates: NoticeCatalog.sampleCounty.templates)
        }
    }

    @Test func jsonProblemsAreReportedAtTheirPaths() {
        let document = #"""
            { "defaultLanguage": "en",
              "states": { "en": { "finished": "done" } },
              "serviceTypes": { "es": { "POTHOLE": 7 } },
              "notices": { "en": {
                "closing": { "email": { "body": "Closed: {notes}" }, "fax": { "body": "{note}" } },
                "survey": { "email": { "body": "?" } } } },
              "extra": true }
            """#
        #expect {
            try NoticeCatalog(json: Data(document.utf8))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let paths = Set(error.issues.map(\.path))
            return paths.isSuperset(of: [
                "$.extra", "$.states.en.finished", "$.notices.en.closing.email.body", "$.notices.en.closing.fax",
                "$.notices.en.survey", "$.serviceTypes.es.POTHOLE",
            ])
        }
    }

    @Test func textMessagesAreCountedInSegments() {
        func notice(_ body: String) -> Notice {
            Notice(
                key: "k",
                ticket: TicketNumber("02518-46980-01001")!,
                kind: .closing,
                channel: .sms,
                recipient: "555-010-7788",
                language: "en",
                isFallback: false,
                subject: nil,
                body: body
            )
        }
        #expect(notice(String(repeating: "a", count: 160)).smsSegments == 1)
        #expect(notice(String(repeating: "a", count: 161)).smsSegments == 2)
        #expect(notice(String(repeating: "a", count: 306)).smsSegments == 2)
        // Extension characters take two places.
        #expect(notice(String(repeating: "€", count: 80)).smsSegments == 1)
        #expect(notice(String(repeating: "€", count: 81)).smsSegments == 2)
        // One letter outside the GSM alphabet (á) makes the whole message UCS-2: 70 a segment.
        #expect(notice("á" + String(repeating: "a", count: 69)).smsSegments == 1)
        #expect(notice("á" + String(repeating: "a", count: 70)).smsSegments == 2)
        #expect(notice("ñé ü").smsSegments == 1)
    }
}

import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// The knowledge base in documents and in the catalog: JSON loading and its errors, the round
/// trip, the service types' bindings, the call-taker's lookup and the sample county's base.
@Suite struct KnowledgeCatalogTests {
    static func issues(_ json: String) -> [ConfigurationIssue] {
        do {
            _ = try KnowledgeBase(json: Data(json.utf8))
            return []
        } catch {
            return error.issues
        }
    }

    static func jurisdictionIssues(_ json: String) -> [ConfigurationIssue] {
        do {
            _ = try Jurisdiction(json: Data(json.utf8))
            return []
        } catch {
            return error.issues
        }
    }

    // MARK: JSON

    @Test func aKnowledgeDocumentLoads() throws {
        let base = try KnowledgeBase(
            json: Data(
                #"""
                { "articles": [
                  { "id": "KB-1", "title": "Bulk pickup", "answer": "Four items.", "keywords": ["couch"],
                    "serviceTypes": ["BULK_PICKUP"], "audience": "internal", "department": "SWR",
                    "reviewBy": "2027-06-30" },
                  { "id": "KB-2", "title": "Hours", "answer": "Nine to five." } ] }
                """#.utf8
            )
        )
        let first = try #require(base.article("KB-1"))
        #expect(first.audience == .internal)
        #expect(first.serviceTypes == ["BULK_PICKUP"])
        #expect(first.department == "SWR")
        #expect(first.reviewBy == (try LocalDate(parsing: "2027-06-30")))
        let second = try #require(base.article("KB-2"))
        #expect(second.audience == .public && second.keywords.isEmpty && second.reviewBy == nil)
    }

    @Test func everyProblemIsReportedAtItsPath() {
        let issues = Self.issues(
            #"""
            { "articles": [
              { "id": "KB-1", "title": "A", "answer": "a", "audience": "everyone", "reviewBy": "2027-02-30" },
              { "id": "KB-1", "title": "B", "answer": "b", "keywords": ["ok", 3], "colour": "red" },
              { "title": " ", "answer": "c", "serviceTypes": "POTHOLE" },
              "not an article" ],
              "version": 2 }
            """#
        )
        let found = Dictionary(issues.map { ($0.path, $0.reason) }, uniquingKeysWith: { $0 + "; " + $1 })
        #expect(
            Set(found.keys) == [
                "$.version", "$.articles[0].audience", "$.articles[0].reviewBy", "$.articles[1].id",
                "$.articles[2].title", "$.articles[1].keywords[1]", "$.articles[1].colour", "$.articles[2].id",
                "$.articles[2].serviceTypes", "$.articles[3]",
            ],
            "\(issues)"
        )
        #expect(found["$.articles[0].audience"]?.contains("unknown audience 'everyone'") == true)
        #expect(found["$.articles[0].reviewBy"]?.contains("2027-02-30") == true)
        #expect(found["$.articles[1].id"]?.contains("duplicate knowledge article id 'KB-1'") == true)
        #expect(found["$.articles[1].keywords[1]"]?.contains("expected a string") == true)
        #expect(found["$.articles[3]"]?.contains("expected an object") == true)
    }

    @Test func malformedAndEmptyDocumentsAreRefused() {
        #expect(Self.issues("{").first?.path == "$")
        #expect(Self.issues("[]").first?.reason.contains("expected an object") == true)
        #expect(Self.issues("{}").map(\.path) == ["$.articles"])
    }

    @Test func codeBuiltBasesAreCheckedToo() {
        #expect(throws: ConfigurationError.self) {
            try KnowledgeBase(articles: [KnowledgeArticle(id: "A", title: "", answer: "a")])
        }
        do {
            _ = try KnowledgeBase(articles: [
                KnowledgeArticle(id: "A", title: "A", answer: "a"), KnowledgeArticle(id: "A", title: "B", answer: "b"),
            ])
            Issue.record("a duplicate identifier was accepted")
        } catch {
            #expect(error.issues.map(\.path) == ["$.articles[1].id"])
        }
    }

    @Test func aBaseRoundTripsThroughItsDocument() throws {
        let base = Jurisdiction.sampleCounty.knowledgeBase
        let reloaded = try KnowledgeBase(json: base.jsonData())
        #expect(reloaded == base)
        #expect(reloaded.articles.count == base.articles.count)
        // And through Codable, which reads the same keys.
        let article = try #require(base.articles.first { $0.reviewBy != nil && !$0.serviceTypes.isEmpty })
        let decoded = try JSONDecoder().decode(KnowledgeArticle.self, from: JSONEncoder().encode(article))
        #expect(decoded == article)
        // What earlier versions encoded still decodes.
        let old = try JSONDecoder().decode(
            KnowledgeArticle.self,
            from: Data(#"{"id":"KB-1","title":"T","answer":"A","keywords":[]}"#.utf8)
        )
        #expect(old == KnowledgeArticle(id: "KB-1", title: "T", answer: "A"))
    }

    // MARK: The catalog binding

    static let catalog = #"""
        { "name": "Test", "timeZone": "America/New_York",
          "departments": [ { "id": "SWR", "name": "Solid Waste" },
                           { "id": "SHA", "name": "State Highways", "kind": "externalAgency" } ],
          "serviceTypes": [
            { "code": "BULK_PICKUP", "name": "Bulk pickup", "group": "Sanitation", "department": "SWR",
              "targetHours": 72, "keywords": ["couch"], "knowledgeArticle": "KB-BULK",
              "selfServiceURL": "https://example.org/bulk" },
            { "code": "STATE_ROAD", "name": "State road problem", "group": "Streets", "department": "SHA",
              "targetHours": 72, "keywords": ["highway"], "knowledgeArticle": "KB-STATE",
              "referral": { "agency": "SHA", "transferNumber": "555-0100" } } ],
          "knowledgeArticles": [
            { "id": "KB-BULK", "title": "Bulk pickup rules", "answer": "Four items.",
              "serviceTypes": ["BULK_PICKUP"], "department": "SWR" },
            { "id": "KB-STATE", "title": "State highways", "answer": "The state maintains highways.",
              "serviceTypes": ["STATE_ROAD"], "audience": "internal" } ] }
        """#

    @Test func serviceTypesCarryTheirBinding() throws {
        let jurisdiction = try Jurisdiction(json: Data(Self.catalog.utf8))
        let bulk = try #require(jurisdiction.serviceType("BULK_PICKUP"))
        #expect(bulk.knowledgeArticle == "KB-BULK")
        #expect(bulk.selfServiceURL == URL(string: "https://example.org/bulk"))
        #expect(bulk.referral == nil)
        let road = try #require(jurisdiction.serviceType("STATE_ROAD"))
        #expect(road.referral == ReferralTarget(agency: "SHA", transferNumber: "555-0100"))
    }

    @Test func bindingProblemsAreReportedAtTheirPaths() {
        let broken = Self.catalog
            .replacingOccurrences(of: #""knowledgeArticle": "KB-BULK""#, with: #""knowledgeArticle": "KB-NOPE""#)
            .replacingOccurrences(of: #""https://example.org/bulk""#, with: #""ftp://example.org""#)
            .replacingOccurrences(of: #""agency": "SHA""#, with: #""agency": "DOT""#)
            .replacingOccurrences(of: #""serviceTypes": ["STATE_ROAD"]"#, with: #""serviceTypes": ["STATE_ROAD", "X"]"#)
            .replacingOccurrences(of: #""department": "SWR" },"#, with: #""department": "PKS" },"#)
        let issues = Self.jurisdictionIssues(broken)
        #expect(
            Set(issues.map(\.path)) == [
                "$.serviceTypes[0].knowledgeArticle", "$.serviceTypes[0].selfServiceURL",
                "$.serviceTypes[1].referral.agency", "$.knowledgeArticles[1].serviceTypes[1]",
                "$.knowledgeArticles[0].department",
            ],
            "\(issues)"
        )
        let shape = Self.jurisdictionIssues(
            Self.catalog.replacingOccurrences(of: #""transferNumber": "555-0100""#, with: #""number": 5"#)
        )
        #expect(
            Set(shape.map(\.path)) == [
                "$.serviceTypes[1].referral.number", "$.serviceTypes[1].referral.transferNumber",
            ],
            "\(shape)"
        )
    }

    @Test func codeBuiltJurisdictionsCheckTheBindingToo() {
        do {
            _ = try Jurisdiction(
                name: "T",
                timeZoneIdentifier: "UTC",
                departments: [Department(id: "D", name: "D")],
                serviceTypes: [
                    ServiceType(
                        id: "S",
                        name: "S",
                        group: "G",
                        department: "D",
                        targetSeconds: 60,
                        referral: ReferralTarget(agency: "D", transferNumber: " ")
                    )
                ],
                knowledgeArticles: [KnowledgeArticle(id: "K", title: "K", answer: "k", serviceTypes: ["NOPE"])]
            )
            Issue.record("an invalid binding was accepted")
        } catch {
            #expect(
                Set(error.issues.map(\.path)) == [
                    "$.serviceTypes[0].referral.transferNumber", "$.knowledgeArticles[0].serviceTypes[0]",
                ]
            )
        }
    }

    // MARK: The call-taker's lookup

    @Test func theLookupOffersServiceTypesAndAnswers() throws {
        let jurisdiction = try Jurisdiction(json: Data(Self.catalog.utf8))
        let lookup = jurisdiction.lookUp("pickup for my old couches", for: .internal)
        #expect(lookup.articles.map(\.article.id) == ["KB-BULK"])
        #expect(lookup.offers.map(\.serviceType.id) == ["BULK_PICKUP"])
        #expect(lookup.offers.first?.answer?.id == "KB-BULK")
        #expect(lookup.offers.first?.selfServiceURL == URL(string: "https://example.org/bulk"))
        #expect(lookup.transfer == nil, "bulk pickup is the county's own matter")
    }

    @Test func theLookupAdvisesATransferForAnotherAgencysMatter() throws {
        let jurisdiction = try Jurisdiction(json: Data(Self.catalog.utf8))
        let lookup = jurisdiction.lookUp("pothole on the highway", for: .internal)
        #expect(lookup.offers.first?.serviceType.id == "STATE_ROAD")
        let transfer = try #require(lookup.transfer)
        #expect(transfer.serviceType == "STATE_ROAD")
        #expect(transfer.target == ReferralTarget(agency: "SHA", transferNumber: "555-0100"))
        #expect(transfer.agencyName == "State Highways")
        #expect(transfer.description == "transfer to State Highways at 555-0100 (STATE_ROAD)")
        // Nothing matched: nothing offered and no transfer.
        let nothing = jurisdiction.lookUp("zebra crossing", for: .internal)
        #expect(nothing.articles.isEmpty && nothing.offers.isEmpty && nothing.transfer == nil)
    }

    @Test func aPublicLookupHidesInternalAnswers() throws {
        let jurisdiction = try Jurisdiction(json: Data(Self.catalog.utf8))
        // "state highways" finds the internal KB-STATE for an agent only.
        let agent = jurisdiction.lookUp("state highways", for: .internal)
        #expect(agent.articles.map(\.article.id) == ["KB-STATE"])
        #expect(agent.offers.first?.answer?.id == "KB-STATE")
        let resident = jurisdiction.lookUp("state highways", for: .public)
        #expect(resident.articles.isEmpty)
        #expect(resident.offers.first?.serviceType.id == "STATE_ROAD", "the type still matches by its keywords")
        #expect(resident.offers.first?.answer == nil)
    }

    // MARK: The sample county

    @Test func theSampleCountyShipsARealisticBase() throws {
        let county = Jurisdiction.sampleCounty
        let base = county.knowledgeBase
        #expect(base.articles.count >= 40)
        for article in base.articles {
            for code in article.serviceTypes {
                #expect(county.serviceType(code) != nil, "\(article.id) links the unknown \(code)")
            }
            if let department = article.department { #expect(county.department(department) != nil) }
            #expect(article.reviewBy != nil, "\(article.id) has a review-by day")
        }
        for serviceType in county.serviceTypes {
            if let article = serviceType.knowledgeArticle { #expect(base.article(article) != nil) }
            if let referral = serviceType.referral {
                #expect(county.department(referral.agency)?.kind == .externalAgency)
            }
        }
        #expect(base.articles.contains { $0.audience == .internal })
        #expect(!base.articlesPastReview(asOf: try LocalDate(parsing: "2026-12-06")).isEmpty)
    }

    @Test func sampleCountyLookupsAnswerTypicalCalls() throws {
        let county = Jurisdiction.sampleCounty
        // A word form ("mattresses") and a typo ("colection").
        let bulk = county.lookUp("getting rid of old mattresses", for: .internal)
        #expect(bulk.articles.first?.article.id == "KB-BULK", "\(bulk.articles)")
        #expect(bulk.offers.first?.serviceType.id == "BULK_PICKUP")
        #expect(bulk.transfer == nil)
        let trash = county.lookUp("trash colection day", for: .public)
        #expect(trash.articles.first?.article.id == "KB-TRASH-DAY", "\(trash.articles)")
        // Not a county matter: the state highway.
        let road = county.lookUp("pothole on the interstate", for: .internal)
        #expect(
            road.transfer?.target.agency == "SHA",
            "\(road.offers.map { ($0.serviceType.id, $0.score) }) \(road.articles)"
        )
        let school = county.lookUp("the school bus never came", for: .internal)
        #expect(school.transfer?.target.agency == "SCH", "\(school.offers.map(\.serviceType.id))")
    }
}

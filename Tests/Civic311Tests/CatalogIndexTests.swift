import Civic311SampleCounty
import Foundation
import Testing

@testable import Civic311

/// A service type carries its position in the catalog that listed it, and routing and service
/// levels trust that position only for the very definition their own catalog holds.
@Suite struct CatalogIndexTests {
    private let county = Jurisdiction.sampleCounty

    /// The county with its service types listed in the opposite order (the middle one keeps its
    /// position, and so its definition).
    private func reversedCounty() throws -> Jurisdiction {
        try Jurisdiction(
            name: "Reversed",
            timeZoneIdentifier: county.timeZoneIdentifier,
            departments: county.departments,
            serviceTypes: county.serviceTypes.reversed(),
            knowledgeArticles: county.knowledgeArticles
        )
    }

    @Test func everyListedTypeIsFoundAtItsPosition() {
        for (position, serviceType) in county.serviceTypes.enumerated() {
            #expect(serviceType.catalogPosition == position, "\(serviceType.id)")
            #expect(county.catalogIndex(of: serviceType) == position, "\(serviceType.id)")
        }
    }

    /// The county's routing rules were compiled against its catalog before it adopted them, so
    /// they hold the very definitions intake hands them: no lookup by code on the real path.
    @Test func theCountysRulesShareItsDefinitions() throws {
        let program = try #require(county.routingRules).program
        #expect(program.jurisdiction.serviceTypes.count == county.serviceTypes.count)
        for (mine, theirs) in zip(county.serviceTypes, program.jurisdiction.serviceTypes) {
            #expect(mine.isSameDefinition(as: theirs), "\(mine.id)")
        }
    }

    /// The mutant this catches: a position trusted without the identity check would find
    /// another jurisdiction's type at the wrong index.
    @Test func anotherCatalogsPositionIsNotTrusted() throws {
        let reversed = try reversedCounty()
        let last = county.serviceTypes.count - 1
        for (position, serviceType) in county.serviceTypes.enumerated() {
            #expect(reversed.catalogIndex(of: serviceType) == last - position, "\(serviceType.id)")
            #expect(county.catalogIndex(of: reversed.serviceTypes[last - position]) == position, "\(serviceType.id)")
        }
    }

    @Test func anEqualOrChangedDefinitionIsLookedUpByCode() throws {
        let pothole = try #require(county.serviceType("POTHOLE"))
        let position = try #require(county.serviceTypes.firstIndex { $0.id == "POTHOLE" })
        let decoded = try JSONDecoder().decode(ServiceType.self, from: JSONEncoder().encode(pothole))
        #expect(decoded == pothole)
        #expect(decoded.catalogPosition == -1)
        #expect(county.catalogIndex(of: decoded) == position)

        var renamed = pothole
        renamed.name = "Road hole"
        #expect(renamed.catalogPosition == -1, "a changed definition is no longer the listed one")
        #expect(county.catalogIndex(of: renamed) == position)

        let unknown = ServiceType(
            id: "NOT-LISTED",
            name: "Other",
            group: "Other",
            department: pothole.department,
            targetSeconds: 60
        )
        #expect(county.catalogIndex(of: unknown) == nil)
    }

    @Test func equalityHashingAndCodingIgnoreThePosition() throws {
        let pothole = try #require(county.serviceType("POTHOLE"))
        let unlisted = try JSONDecoder().decode(ServiceType.self, from: JSONEncoder().encode(pothole))
        #expect(unlisted == pothole)
        #expect(unlisted.hashValue == pothole.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(unlisted) == encoder.encode(pothole))
    }

    /// Service levels and routing decide the same for a type taken from a catalog listing the
    /// types in another order as for the county's own.
    @Test func serviceLevelsAndRoutingAgreeAcrossCatalogs() throws {
        let reversed = try reversedCounty()
        let receivedAt = Date(timeIntervalSince1970: 1_795_442_100)
        let rules = try #require(county.routingRules)
        for (own, other) in zip(county.serviceTypes, reversed.serviceTypes.reversed()) {
            // Only the middle type keeps its position, and with it its definition.
            #expect(own.isSameDefinition(as: other) == (own.catalogPosition == other.catalogPosition))
            let levels = ServiceLevelEngine.sampleCounty
            #expect(
                try levels.commitment(for: own, priority: .normal, department: own.department, receivedAt: receivedAt)
                    == levels.commitment(
                        for: other,
                        priority: .normal,
                        department: other.department,
                        receivedAt: receivedAt
                    ),
                "\(own.id)"
            )
            func input(_ serviceType: ServiceType) -> RoutingInput {
                RoutingInput(
                    serviceType: serviceType,
                    description: "Reported near the corner",
                    location: nil,
                    answers: [],
                    channel: .phone,
                    receivedAt: receivedAt
                )
            }
            #expect(try rules.route(input(own)) == rules.route(input(other)), "\(own.id)")
        }
    }
}

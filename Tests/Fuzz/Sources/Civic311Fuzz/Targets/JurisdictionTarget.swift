import Civic311
import Foundation

extension FuzzTarget {
    /// Jurisdiction documents: the same verdict whatever the layout, and an accepted document holds
    /// what the programmatic initializer accepts too, part for part.
    static let jurisdiction = FuzzTarget(name: "jurisdiction") { data in
        guard let (loaded, reformatted) = PropertyCheck.loadConsistently(data, Jurisdiction.init(json:)) else {
            return
        }
        PropertyCheck.expect(
            Parts(loaded) == reformatted.map(Parts.init),
            "a jurisdiction loads the same whatever the layout"
        )
        let rebuilt: Jurisdiction
        do {
            rebuilt = try Jurisdiction(
                name: loaded.name,
                timeZoneIdentifier: loaded.timeZoneIdentifier,
                departments: loaded.departments,
                serviceTypes: loaded.serviceTypes,
                knowledgeArticles: loaded.knowledgeArticles
            )
        } catch {
            PropertyCheck.fail("a loaded jurisdiction is valid for the programmatic initializer too", "\(error)")
        }
        PropertyCheck.expect(Parts(rebuilt) == Parts(loaded), "a rebuilt jurisdiction holds the same parts")
        for serviceType in loaded.serviceTypes {
            PropertyCheck.expect(
                loaded.serviceType(serviceType.id) == serviceType
                    && loaded.department(serviceType.department) != nil,
                "every service type is found by its code and names a known department",
                "\(serviceType.id)"
            )
        }
    }

    /// A jurisdiction's comparable parts (the type itself is not `Equatable`).
    private struct Parts: Equatable {
        let name: String
        let timeZone: String
        let departments: [Department]
        let serviceTypes: [ServiceType]
        let knowledgeArticles: [KnowledgeArticle]

        init(_ jurisdiction: Jurisdiction) {
            name = jurisdiction.name
            timeZone = jurisdiction.timeZoneIdentifier
            departments = jurisdiction.departments
            serviceTypes = jurisdiction.serviceTypes
            knowledgeArticles = jurisdiction.knowledgeArticles
        }
    }
}

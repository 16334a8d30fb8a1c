// docs: begin own-rules
import Civic311
import Civic311SampleCounty
import Foundation

// Your own documents load the same way; here, the sample county's.
let catalog = try Jurisdiction(json: Data(Jurisdiction.sampleCountyJSON.utf8))
let districts = try DistrictMap(
    districts: District.districts(fromGeoJSON: Data(DistrictMap.sampleCountyGeoJSON.utf8)),
    boundaryReach: 100
)
let serviceLevels = try ServiceLevelEngine(json: Data(ServiceLevelEngine.sampleCountyJSON.utf8), jurisdiction: catalog)
let routing = try RoutingRuleSet(
    json: Data(RoutingRuleSet.sampleCountyJSON.utf8),
    jurisdiction: catalog,
    districts: districts,
    calendars: serviceLevels.calendars  // "outside office hours" means the same in both
)
let county = try catalog.adopting(routingRules: routing, serviceLevels: serviceLevels)
// Every center opened on `county` now routes and sets due dates the county's way.
let center = try await ServiceCenter(jurisdiction: county, store: .inMemory, configuration: .init(node: 1))
print(center.jurisdiction.routingRules?.rules.count ?? 0, "routing rules")
// docs: end

import Civic311
import Foundation

// The sample county's districts and routing table. The districts are simple shapes around the
// county seat: two council districts split at 77.15° W, the State Route 9 corridor (about 170 m
// wide), and the Town of Millbrook with a county-run enclave cut out of it as a hole.

extension DistrictMap {
    /// The sample county's districts, indexed for lookups up to 100 m from a boundary.
    public static let sampleCounty: DistrictMap = sample("districts") {
        try DistrictMap(districts: District.districts(fromGeoJSON: Data(sampleCountyGeoJSON.utf8)), boundaryReach: 100)
    }

    /// The GeoJSON FeatureCollection behind ``sampleCounty``.
    public static let sampleCountyGeoJSON: String = #"""
        {
         "type": "FeatureCollection",
         "features": [
          {
           "type": "Feature",
           "properties": {
            "id": "COUNCIL-WEST",
            "name": "Council District West",
            "kind": "council_district"
           },
           "geometry": {
            "type": "Polygon",
            "coordinates": [
             [
              [
               -77.25,
               39.0
              ],
              [
               -77.15,
               39.0
              ],
              [
               -77.15,
               39.15
              ],
              [
               -77.25,
               39.15
              ],
              [
               -77.25,
               39.0
              ]
             ]
            ]
           }
          },
          {
           "type": "Feature",
           "properties": {
            "id": "COUNCIL-EAST",
            "name": "Council District East",
            "kind": "council_district"
           },
           "geometry": {
            "type": "Polygon",
            "coordinates": [
             [
              [
               -77.15,
               39.0
              ],
              [
               -77.05,
               39.0
              ],
              [
               -77.05,
               39.15
              ],
              [
               -77.15,
               39.15
              ],
              [
               -77.15,
               39.0
              ]
             ]
            ]
           }
          },
          {
           "type": "Feature",
           "properties": {
            "id": "SR-9",
            "name": "State Route 9 corridor",
            "kind": "state_road_corridor"
           },
           "geometry": {
            "type": "Polygon",
            "coordinates": [
             [
              [
               -77.2005,
               39.0
              ],
              [
               -77.1985,
               39.0
              ],
              [
               -77.1985,
               39.15
              ],
              [
               -77.2005,
               39.15
              ],
              [
               -77.2005,
               39.0
              ]
             ]
            ]
           }
          },
          {
           "type": "Feature",
           "properties": {
            "id": "MILLBROOK",
            "name": "Town of Millbrook",
            "kind": "municipality"
           },
           "geometry": {
            "type": "Polygon",
            "coordinates": [
             [
              [
               -77.12,
               39.1
              ],
              [
               -77.08,
               39.1
              ],
              [
               -77.08,
               39.14
              ],
              [
               -77.12,
               39.14
              ],
              [
               -77.12,
               39.1
              ]
             ],
             [
              [
               -77.105,
               39.115
              ],
              [
               -77.105,
               39.125
              ],
              [
               -77.095,
               39.125
              ],
              [
               -77.095,
               39.115
              ],
              [
               -77.105,
               39.115
              ]
             ]
            ]
           }
          }
         ]
        }
        """#
}

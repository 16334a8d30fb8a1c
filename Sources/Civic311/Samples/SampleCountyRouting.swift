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

extension RoutingRuleSet {
    /// The sample county's routing table: emergencies, escalations, referrals to the state and the
    /// town by location, a contractor, time windows, keywords and a catalog fallback.
    public static let sampleCounty: RoutingRuleSet = sample("routing table") {
        // "county-offices" comes from the service levels, so routing and SLAs share one calendar.
        try RoutingRuleSet(
            json: Data(sampleCountyJSON.utf8),
            jurisdiction: .sampleCounty,
            districts: .sampleCounty,
            calendars: ServiceLevelEngine.sampleCounty.calendars
        )
    }

    /// The routing document behind ``sampleCounty``.
    public static let sampleCountyJSON: String = #"""
        {
         "version": 1,
         "triage": {
          "department": "311",
          "queue": "triage"
         },
         "ambiguityDistance": 25,
         "calendars": {
          "weekend": {
           "timeZone": "America/New_York",
           "weeklyHours": {
            "saturday": [
             [
              "00:00",
              "24:00"
             ]
            ],
            "sunday": [
             [
              "00:00",
              "24:00"
             ]
            ]
           }
          }
         },
         "rules": [
          {
           "id": "tree-on-structure",
           "name": "Tree on a house or a power line",
           "when": {
            "serviceTypes": [
             "TREE_DOWN"
            ],
            "answers": {
             "on_structure": true
            }
           },
           "then": {
            "emergencyAdvisory": {
             "message": "A tree on a house or a power line is an emergency: call 911 now and keep clear of wires.",
             "department": "PKS",
             "queue": "emergency"
            }
           }
          },
          {
           "id": "sewage-indoors",
           "name": "Sewage coming into a building",
           "when": {
            "serviceTypes": [
             "SEWER_BACKUP"
            ],
            "answers": {
             "inside": true
            }
           },
           "then": {
            "escalate": {
             "department": "WSS",
             "queue": "dispatch-now"
            }
           }
          },
          {
           "id": "state-roads",
           "name": "Streets problems on State Route 9",
           "when": {
            "groups": [
             "Streets"
            ],
            "inDistrict": [
             "SR-9"
            ]
           },
           "then": {
            "refer": "SHA"
           }
          },
          {
           "id": "millbrook-streets",
           "name": "Streets and sanitation inside the Town of Millbrook",
           "when": {
            "groups": [
             "Streets",
             "Sanitation"
            ],
            "inDistrict": [
             "MILLBROOK"
            ]
           },
           "then": {
            "refer": "MIL"
           }
          },
          {
           "id": "school-buses",
           "name": "School bus complaints",
           "when": {
            "keywords": [
             "school bus"
            ]
           },
           "then": {
            "refer": "SCH"
           }
          },
          {
           "id": "streetlights",
           "name": "Streetlights go to the lighting contractor",
           "when": {
            "serviceTypes": [
             "STREETLIGHT_OUT"
            ]
           },
           "then": {
            "sendToContractor": {
             "department": "BRT",
             "queue": "outages"
            }
           }
          },
          {
           "id": "offensive-graffiti",
           "name": "Offensive graffiti is removed first",
           "when": {
            "serviceTypes": [
             "GRAFFITI"
            ],
            "answers": {
             "offensive": true
            }
           },
           "then": {
            "escalate": {
             "department": "DEP",
             "queue": "priority-removal"
            }
           }
          },
          {
           "id": "sharps",
           "name": "Needles in dumped waste",
           "when": {
            "serviceTypes": [
             "ILLEGAL_DUMPING"
            ],
            "keywords": [
             "needle",
             "syringe",
             "sharps"
            ]
           },
           "then": {
            "assign": {
             "department": "HHS",
             "queue": "sharps"
            }
           }
          },
          {
           "id": "night-noise",
           "name": "Noise after office hours",
           "when": {
            "serviceTypes": [
             "NOISE"
            ],
            "outsideHoursOf": "county-offices"
           },
           "then": {
            "assign": {
             "department": "POL",
             "queue": "night-shift"
            }
           }
          },
          {
           "id": "weekend-dead-animals",
           "name": "Dead animals reported on weekends",
           "when": {
            "serviceTypes": [
             "DEAD_ANIMAL"
            ],
            "during": "weekend"
           },
           "then": {
            "assign": {
             "department": "SWR",
             "queue": "weekend-crew"
            }
           }
          },
          {
           "id": "east-potholes",
           "name": "Potholes in the east district",
           "when": {
            "serviceTypes": [
             "POTHOLE"
            ],
            "inDistrict": [
             "COUNCIL-EAST"
            ]
           },
           "then": {
            "assign": {
             "department": "DOT",
             "queue": "east-yard"
            }
           }
          },
          {
           "id": "catalog",
           "name": "Everything else: the responsible department",
           "when": {},
           "then": "assignResponsible"
          }
         ]
        }
        """#
}

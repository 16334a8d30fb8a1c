import Civic311
import Foundation

extension RoutingRuleSet {
    /// The sample county's routing table: emergencies, escalations, referrals to the state and the
    /// town by location, a contractor, time windows, keywords and a catalog fallback.
    public static let sampleCounty: RoutingRuleSet = sample("routing table") {
        // "county-offices" comes from the service levels, so routing and SLAs share one calendar.
        try RoutingRuleSet(
            json: Data(sampleCountyJSON.utf8),
            jurisdiction: .sampleCountyCatalog,
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

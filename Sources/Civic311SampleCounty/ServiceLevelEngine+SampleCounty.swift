import Civic311
import Foundation

extension ServiceLevelEngine {
    /// Service levels for ``Jurisdiction/sampleCounty``: county offices open Monday to Friday,
    /// 8:30 to 5, with the US federal holidays (observed on the nearest weekday); water, police
    /// and 311 around the clock; 17 agreements and three escalation rules. Every agreement names
    /// its calendar, so a request that passes through the around-the-clock triage desk keeps the
    /// working hours of the department that does the work.
    public static let sampleCounty: ServiceLevelEngine = sample("service levels") {
        try ServiceLevelEngine(json: Data(sampleCountyJSON.utf8), jurisdiction: .sampleCountyCatalog)
    }

    /// The JSON document behind ``sampleCounty``.
    public static let sampleCountyJSON: String = #"""
        {
          "calendars": {
            "county-offices": {
              "timeZone": "America/New_York",
              "weeklyHours": {
                "monday": [
                  [
                    "08:30",
                    "17:00"
                  ]
                ],
                "tuesday": [
                  [
                    "08:30",
                    "17:00"
                  ]
                ],
                "wednesday": [
                  [
                    "08:30",
                    "17:00"
                  ]
                ],
                "thursday": [
                  [
                    "08:30",
                    "17:00"
                  ]
                ],
                "friday": [
                  [
                    "08:30",
                    "17:00"
                  ]
                ]
              },
              "holidays": [
                {
                  "name": "New Year's Day",
                  "month": 1,
                  "day": 1,
                  "observed": "nearestWeekday"
                },
                {
                  "name": "Martin Luther King Jr. Day",
                  "month": 1,
                  "weekday": "monday",
                  "nth": 3
                },
                {
                  "name": "Presidents' Day",
                  "month": 2,
                  "weekday": "monday",
                  "nth": 3
                },
                {
                  "name": "Memorial Day",
                  "month": 5,
                  "weekday": "monday",
                  "nth": "last"
                },
                {
                  "name": "Juneteenth",
                  "month": 6,
                  "day": 19,
                  "observed": "nearestWeekday"
                },
                {
                  "name": "Independence Day",
                  "month": 7,
                  "day": 4,
                  "observed": "nearestWeekday"
                },
                {
                  "name": "Labor Day",
                  "month": 9,
                  "weekday": "monday",
                  "nth": 1
                },
                {
                  "name": "Veterans Day",
                  "month": 11,
                  "day": 11,
                  "observed": "nearestWeekday"
                },
                {
                  "name": "Thanksgiving Day",
                  "month": 11,
                  "weekday": "thursday",
                  "nth": 4
                },
                {
                  "name": "Christmas Day",
                  "month": 12,
                  "day": 25,
                  "observed": "nearestWeekday"
                }
              ]
            },
            "around-the-clock": {
              "timeZone": "America/New_York",
              "weeklyHours": "24x7"
            }
          },
          "defaultCalendar": "county-offices",
          "centerCalendar": "around-the-clock",
          "departmentCalendars": {
            "WSS": "around-the-clock",
            "POL": "around-the-clock",
            "311": "around-the-clock"
          },
          "atRiskShare": 0.75,
          "agreements": [
            {
              "serviceType": "POTHOLE",
              "version": 2,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 3
              },
              "firstResponse": {
                "businessHours": 8
              },
              "priorities": {
                "urgent": {
                  "resolution": {
                    "businessHours": 8
                  }
                }
              }
            },
            {
              "serviceType": "STREETLIGHT_OUT",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 5
              },
              "firstResponse": {
                "businessDays": 1
              }
            },
            {
              "serviceType": "TRAFFIC_SIGNAL",
              "version": 1,
              "resolution": {
                "calendarHours": 4
              },
              "firstResponse": {
                "calendarMinutes": 30
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "MISSED_TRASH",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 2
              },
              "firstResponse": {
                "businessHours": 4
              }
            },
            {
              "serviceType": "MISSED_RECYCLING",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 2
              }
            },
            {
              "serviceType": "BULK_PICKUP",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 10
              },
              "firstResponse": {
                "businessDays": 2
              }
            },
            {
              "serviceType": "DEAD_ANIMAL",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 1
              },
              "firstResponse": {
                "businessHours": 4
              }
            },
            {
              "serviceType": "GRAFFITI",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 5
              },
              "priorities": {
                "high": {
                  "resolution": {
                    "businessDays": 1
                  }
                }
              }
            },
            {
              "serviceType": "ILLEGAL_DUMPING",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 5
              },
              "firstResponse": {
                "businessDays": 1
              }
            },
            {
              "serviceType": "NOISE",
              "version": 1,
              "resolution": {
                "calendarHours": 8
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "HOUSING_CODE",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 10
              },
              "firstResponse": {
                "businessDays": 2
              }
            },
            {
              "serviceType": "NO_HEAT",
              "version": 1,
              "resolution": {
                "calendarHours": 24
              },
              "firstResponse": {
                "calendarHours": 4
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "TREE_DOWN",
              "version": 1,
              "resolution": {
                "calendarHours": 24
              },
              "firstResponse": {
                "calendarHours": 2
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "WATER_LEAK",
              "version": 1,
              "resolution": {
                "calendarHours": 12
              },
              "firstResponse": {
                "calendarHours": 1
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "SEWER_BACKUP",
              "version": 1,
              "resolution": {
                "calendarHours": 12
              },
              "firstResponse": {
                "calendarHours": 1
              },
              "calendar": "around-the-clock"
            },
            {
              "serviceType": "ABANDONED_VEHICLE",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 5
              }
            },
            {
              "serviceType": "RODENTS",
              "version": 1,
              "calendar": "county-offices",
              "resolution": {
                "businessDays": 5
              }
            }
          ],
          "escalations": [
            {
              "id": "at-risk-to-supervisor",
              "when": "atRisk",
              "action": {
                "notifySupervisor": "sla-desk"
              }
            },
            {
              "id": "breach-raise-priority",
              "when": "breached",
              "action": {
                "raisePriority": "high"
              }
            },
            {
              "id": "pothole-no-response",
              "when": {
                "noFirstResponseWithin": {
                  "businessHours": 8
                }
              },
              "action": {
                "moveToQueue": {
                  "department": "DOT",
                  "queue": "supervisors"
                }
              },
              "serviceTypes": [
                "POTHOLE"
              ]
            }
          ]
        }
        """#
}

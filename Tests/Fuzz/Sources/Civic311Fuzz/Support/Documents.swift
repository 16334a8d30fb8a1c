/// Small hand-written documents for the seed corpus, beside the sample county's large ones: a
/// fuzzer mutates a short document faster, and each shows one feature of its format.
enum Documents {
    static let smallJurisdiction = #"""
        { "name": "Harbor Town", "timeZone": "America/Los_Angeles",
          "departments": [ { "id": "DOT", "name": "Transportation", "kind": "internal" },
                           { "id": "SHA", "name": "State Highways", "kind": "externalAgency" } ],
          "serviceTypes": [ { "code": "POTHOLE", "name": "Pothole", "group": "Streets", "department": "DOT",
                              "targetHours": 72,
                              "questions": [ { "code": "size", "prompt": "How big?", "kind": "singleChoice",
                                               "required": true,
                                               "choices": [ { "value": "small", "label": "Small" },
                                                            { "value": "large", "label": "Large" } ] } ] } ],
          "knowledgeArticles": [ { "id": "KB-1", "title": "Leaf pickup", "answer": "Mondays in November." } ] }
        """#

    static let jurisdictionWithUnknownDepartment = #"""
        { "name": "Harbor Town", "timeZone": "America/Los_Angeles",
          "departments": [ { "id": "DOT", "name": "Transportation", "kind": "internal" } ],
          "serviceTypes": [ { "code": "POTHOLE", "name": "Pothole", "group": "Streets", "department": "PKS",
                              "targetHours": 72 } ] }
        """#

    static let calendars: [(String, String)] = [
        ("around-the-clock", #"{ "timeZone": "UTC", "weeklyHours": "24x7" }"#),
        (
            "office-hours",
            #"""
            { "timeZone": "America/New_York",
              "weeklyHours": { "monday": [["08:00", "12:00"], ["13:00", "17:00"]], "tuesday": [["08:00", "17:00"]],
                               "wednesday": [["08:00", "17:00"]], "thursday": [["08:00", "17:00"]],
                               "friday": [["08:00", "16:00"]] },
              "holidays": [
                { "name": "Independence Day", "month": 7, "day": 4, "observed": "nearestWeekday" },
                { "name": "Thanksgiving Day", "month": 11, "weekday": "thursday", "nth": 4 },
                { "name": "Memorial Day", "month": 5, "weekday": "monday", "nth": "last" },
                { "name": "Good Friday", "easter": -2 },
                { "name": "New Year's Day", "month": 1, "day": 1, "observed": "followingMonday" } ],
              "closures": ["2026-02-03"],
              "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"]] }] }
            """#
        ),
        (
            "night-shift",
            #"""
            { "timeZone": "Europe/Berlin",
              "weeklyHours": { "saturday": [["00:00", "06:00"], ["22:00", "24:00"]], "sunday": [["00:00", "24:00"]] } }
            """#
        ),
        (
            "overlapping-hours",
            #"{ "timeZone": "UTC", "weeklyHours": { "monday": [["08:00", "12:00"], ["11:00", "13:00"]] } }"#
        ),
        ("unknown-zone", #"{ "timeZone": "Mars/Olympus_Mons", "weeklyHours": "24x7" }"#),
    ]

    static let geoJSON: [(String, String)] = [
        (
            "square-with-hole",
            #"""
            { "type": "FeatureCollection", "features": [
              { "type": "Feature", "id": "W1", "properties": { "name": "Ward 1", "kind": "ward" },
                "geometry": { "type": "Polygon", "coordinates": [
                  [[-77.2, 39.0], [-77.0, 39.0], [-77.0, 39.2], [-77.2, 39.2], [-77.2, 39.0]],
                  [[-77.15, 39.05], [-77.1, 39.05], [-77.1, 39.1], [-77.15, 39.1], [-77.15, 39.05]] ] } },
              { "type": "Feature", "properties": { "id": "W2" },
                "geometry": { "type": "MultiPolygon", "coordinates": [
                  [[[-77.0, 39.0], [-76.8, 39.0], [-76.8, 39.2], [-77.0, 39.0]]],
                  [[[-76.7, 39.0], [-76.6, 39.0], [-76.6, 39.1], [-76.7, 39.0]]] ] } } ] }
            """#
        ),
        (
            "open-ring",
            #"""
            { "type": "FeatureCollection", "features": [
              { "type": "Feature", "id": "W3", "properties": {},
                "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } ] }
            """#
        ),
    ]
}

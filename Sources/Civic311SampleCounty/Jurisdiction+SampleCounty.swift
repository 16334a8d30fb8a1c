import Civic311
import Foundation

// Cedar Valley County is fictional; its departments, service types, probing questions and
// targets are modelled on the catalogs of real 311 centers (New York, Chicago, Boston,
// Montgomery County). It is written as the same JSON document an integrator would load, so the
// sample also exercises the loader.

extension Jurisdiction {
    /// A realistic sample jurisdiction shared by the examples, the tests and the simulations:
    /// 14 departments (including two external agencies, a school district and a lighting
    /// contractor), 35 service types with probing questions and a knowledge base of 48 articles;
    /// it carries its own routing rules (``RoutingRuleSet/sampleCounty``) and service levels
    /// (``ServiceLevelEngine/sampleCounty``), so a center opened on it routes and sets due dates the
    /// county's way by default.
    public static let sampleCounty: Jurisdiction = sample("rules") {
        try sampleCountyCatalog.adopting(routingRules: .sampleCounty, serviceLevels: .sampleCounty)
    }

    /// The catalog alone, as loaded from ``sampleCountyJSON``: what the county's rules are
    /// checked against.
    static let sampleCountyCatalog: Jurisdiction = sample("document") {
        try Jurisdiction(json: Data(sampleCountyJSON.utf8))
    }

    /// The JSON document behind ``sampleCounty``, as a template for writing your own.
    public static let sampleCountyJSON: String = #"""
        {
          "name": "Cedar Valley County",
          "timeZone": "America/New_York",
          "departments": [
            {
              "id": "311",
              "name": "Cedar Valley 311",
              "kind": "internal",
              "phone": "311",
              "email": "info@cedarvalley311.example"
            },
            {
              "id": "DOT",
              "name": "Transportation and Streets",
              "kind": "internal",
              "phone": "(555) 010-2001"
            },
            {
              "id": "SWR",
              "name": "Solid Waste and Recycling",
              "kind": "internal",
              "phone": "(555) 010-2002"
            },
            {
              "id": "DEP",
              "name": "Environmental Protection",
              "kind": "internal",
              "phone": "(555) 010-2003"
            },
            {
              "id": "HCE",
              "name": "Housing and Code Enforcement",
              "kind": "internal",
              "phone": "(555) 010-2004"
            },
            {
              "id": "PKS",
              "name": "Parks and Forestry",
              "kind": "internal",
              "phone": "(555) 010-2005"
            },
            {
              "id": "ANS",
              "name": "Animal Services",
              "kind": "internal",
              "phone": "(555) 010-2006"
            },
            {
              "id": "POL",
              "name": "Police Non-Emergency",
              "kind": "internal",
              "phone": "(555) 010-2007"
            },
            {
              "id": "WSS",
              "name": "Water and Sewer Services",
              "kind": "internal",
              "phone": "(555) 010-2008"
            },
            {
              "id": "HHS",
              "name": "Health and Human Services",
              "kind": "internal",
              "phone": "(555) 010-2009"
            },
            {
              "id": "SHA",
              "name": "State Highway Administration",
              "kind": "externalAgency",
              "phone": "(555) 010-3001"
            },
            {
              "id": "MIL",
              "name": "Town of Millbrook",
              "kind": "externalAgency",
              "phone": "(555) 010-3002"
            },
            {
              "id": "SCH",
              "name": "Cedar Valley Public Schools",
              "kind": "externalAgency",
              "phone": "(555) 010-3003"
            },
            {
              "id": "BRT",
              "name": "Brightway Lighting (contractor)",
              "kind": "contractor",
              "phone": "(555) 010-4001",
              "email": "dispatch@brightway.example"
            }
          ],
          "serviceTypes": [
            {
              "code": "POTHOLE",
              "name": "Pothole",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 72,
              "duplicates": { "radiusMeters": 40, "windowDays": 30 },
              "selfServiceURL": "https://cedarvalley311.example/report/pothole",
              "keywords": [
                "pothole",
                "hole in road",
                "crater"
              ],
              "questions": [
                {
                  "code": "size",
                  "prompt": "How large is the pothole?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "small",
                      "label": "Smaller than a dinner plate"
                    },
                    {
                      "value": "medium",
                      "label": "Up to a car tyre"
                    },
                    {
                      "value": "large",
                      "label": "Larger than a car tyre"
                    }
                  ]
                },
                {
                  "code": "position",
                  "prompt": "Where in the road is it?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 2,
                  "choices": [
                    {
                      "value": "lane",
                      "label": "In a travel lane"
                    },
                    {
                      "value": "shoulder",
                      "label": "On the shoulder"
                    },
                    {
                      "value": "crosswalk",
                      "label": "In a crosswalk"
                    }
                  ]
                },
                {
                  "code": "damage",
                  "prompt": "Has it damaged a vehicle?",
                  "kind": "yesNo",
                  "required": false,
                  "order": 3
                }
              ]
            },
            {
              "code": "STREETLIGHT_OUT",
              "name": "Streetlight out",
              "group": "Streets",
              "department": "BRT",
              "targetHours": 120,
              "duplicates": { "radiusMeters": 30, "windowDays": 14 },
              "knowledgeArticle": "KB-STREETLIGHT",
              "keywords": [
                "streetlight",
                "light out",
                "dark street"
              ],
              "questions": [
                {
                  "code": "pole_number",
                  "prompt": "Pole number, if visible",
                  "kind": "text",
                  "required": false,
                  "order": 1
                },
                {
                  "code": "problem",
                  "prompt": "What is wrong with the light?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 2,
                  "choices": [
                    {
                      "value": "out",
                      "label": "Completely out"
                    },
                    {
                      "value": "flickering",
                      "label": "Flickering"
                    },
                    {
                      "value": "day_burning",
                      "label": "On during the day"
                    }
                  ]
                }
              ]
            },
            {
              "code": "TRAFFIC_SIGNAL",
              "name": "Traffic signal problem",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 4,
              "duplicates": { "radiusMeters": 50, "windowDays": 3 },
              "keywords": [
                "traffic light",
                "signal",
                "stoplight"
              ],
              "questions": [
                {
                  "code": "problem",
                  "prompt": "What is the signal doing?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "dark",
                      "label": "All lights dark"
                    },
                    {
                      "value": "flashing",
                      "label": "Flashing"
                    },
                    {
                      "value": "stuck",
                      "label": "Stuck on one colour"
                    }
                  ]
                }
              ]
            },
            {
              "code": "SIGN_DAMAGED",
              "name": "Damaged or missing street sign",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 168,
              "duplicates": { "radiusMeters": 30, "windowDays": 14 },
              "keywords": [
                "sign",
                "stop sign",
                "street sign"
              ],
              "questions": [
                {
                  "code": "stop_sign",
                  "prompt": "Is it a stop or yield sign?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "SIDEWALK_REPAIR",
              "name": "Sidewalk repair",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 720,
              "duplicates": { "radiusMeters": 30, "windowDays": 60 },
              "keywords": [
                "sidewalk",
                "trip hazard",
                "broken pavement"
              ]
            },
            {
              "code": "SNOW_PLOW",
              "name": "Street not plowed",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 24,
              "knowledgeArticle": "KB-SNOW-PRIORITY",
              "keywords": [
                "snow",
                "plow",
                "ice"
              ]
            },
            {
              "code": "STREET_SWEEPING",
              "name": "Street sweeping",
              "group": "Streets",
              "department": "DOT",
              "targetHours": 336,
              "knowledgeArticle": "KB-SWEEPING",
              "keywords": [
                "sweeping",
                "debris",
                "leaves"
              ]
            },
            {
              "code": "MISSED_TRASH",
              "name": "Missed trash pickup",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 48,
              "knowledgeArticle": "KB-TRASH-DAY",
              "selfServiceURL": "https://cedarvalley311.example/report/missed-trash",
              "keywords": [
                "trash",
                "garbage",
                "missed pickup"
              ],
              "questions": [
                {
                  "code": "collection_day",
                  "prompt": "Scheduled collection day",
                  "kind": "dateTime",
                  "required": false,
                  "order": 1
                },
                {
                  "code": "bin_out",
                  "prompt": "Was the bin at the curb by 6 am?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "MISSED_RECYCLING",
              "name": "Missed recycling pickup",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 48,
              "knowledgeArticle": "KB-RECYCLING-WHAT",
              "keywords": [
                "recycling",
                "missed recycling"
              ],
              "questions": [
                {
                  "code": "bin_out",
                  "prompt": "Was the bin at the curb by 6 am?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "BULK_PICKUP",
              "name": "Bulk item pickup",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 240,
              "knowledgeArticle": "KB-BULK",
              "selfServiceURL": "https://cedarvalley311.example/bulk",
              "keywords": [
                "bulk",
                "furniture",
                "mattress",
                "appliance"
              ],
              "requiresContact": true,
              "questions": [
                {
                  "code": "items",
                  "prompt": "Which items?",
                  "kind": "multipleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "furniture",
                      "label": "Furniture"
                    },
                    {
                      "value": "mattress",
                      "label": "Mattress"
                    },
                    {
                      "value": "appliance",
                      "label": "Appliance"
                    },
                    {
                      "value": "other",
                      "label": "Other"
                    }
                  ]
                },
                {
                  "code": "item_count",
                  "prompt": "How many items?",
                  "kind": "number",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "RECYCLING_BIN",
              "name": "Recycling bin request",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 336,
              "knowledgeArticle": "KB-BIN-REPLACE",
              "selfServiceURL": "https://cedarvalley311.example/carts",
              "keywords": [
                "recycling bin",
                "new bin",
                "cart"
              ],
              "requiresContact": true,
              "questions": [
                {
                  "code": "bin_size",
                  "prompt": "Bin size",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "35",
                      "label": "35 gallon"
                    },
                    {
                      "value": "65",
                      "label": "65 gallon"
                    },
                    {
                      "value": "95",
                      "label": "95 gallon"
                    }
                  ]
                },
                {
                  "code": "reason",
                  "prompt": "Why do you need a bin?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 2,
                  "choices": [
                    {
                      "value": "new",
                      "label": "New resident"
                    },
                    {
                      "value": "damaged",
                      "label": "Damaged"
                    },
                    {
                      "value": "stolen",
                      "label": "Stolen"
                    }
                  ]
                }
              ]
            },
            {
              "code": "YARD_WASTE",
              "name": "Yard waste pickup",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 168,
              "knowledgeArticle": "KB-YARD-WASTE",
              "keywords": [
                "yard waste",
                "leaves",
                "branches"
              ]
            },
            {
              "code": "DEAD_ANIMAL",
              "name": "Dead animal removal",
              "group": "Sanitation",
              "department": "SWR",
              "targetHours": 24,
              "duplicates": { "radiusMeters": 50, "windowDays": 2 },
              "knowledgeArticle": "KB-DEAD-ANIMAL",
              "keywords": [
                "dead animal",
                "carcass",
                "roadkill"
              ],
              "questions": [
                {
                  "code": "animal",
                  "prompt": "What kind of animal?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "deer",
                      "label": "Deer"
                    },
                    {
                      "value": "dog_cat",
                      "label": "Dog or cat"
                    },
                    {
                      "value": "small",
                      "label": "Small animal"
                    },
                    {
                      "value": "other",
                      "label": "Other"
                    }
                  ]
                },
                {
                  "code": "place",
                  "prompt": "Where is it?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 2,
                  "choices": [
                    {
                      "value": "road",
                      "label": "In the road"
                    },
                    {
                      "value": "sidewalk",
                      "label": "On the sidewalk"
                    },
                    {
                      "value": "private",
                      "label": "On private property"
                    }
                  ]
                }
              ]
            },
            {
              "code": "GRAFFITI",
              "name": "Graffiti removal",
              "group": "Neighbourhood",
              "department": "DEP",
              "targetHours": 168,
              "duplicates": { "radiusMeters": 30, "windowDays": 14 },
              "keywords": [
                "graffiti",
                "tagging",
                "vandalism"
              ],
              "questions": [
                {
                  "code": "surface",
                  "prompt": "What surface?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "public",
                      "label": "Public property"
                    },
                    {
                      "value": "private",
                      "label": "Private property"
                    },
                    {
                      "value": "utility",
                      "label": "Utility box"
                    }
                  ]
                },
                {
                  "code": "offensive",
                  "prompt": "Is it offensive or hateful?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "ILLEGAL_DUMPING",
              "name": "Illegal dumping",
              "group": "Neighbourhood",
              "department": "DEP",
              "targetHours": 120,
              "duplicates": { "radiusMeters": 60, "windowDays": 7 },
              "keywords": [
                "dumping",
                "fly tipping",
                "debris pile"
              ],
              "questions": [
                {
                  "code": "hazardous",
                  "prompt": "Does it look hazardous (chemicals, tyres, asbestos)?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "NOISE",
              "name": "Noise complaint",
              "group": "Neighbourhood",
              "department": "POL",
              "targetHours": 8,
              "publicLocation": "block",
              "knowledgeArticle": "KB-NOISE-HOURS",
              "keywords": [
                "noise",
                "loud music",
                "party"
              ],
              "questions": [
                {
                  "code": "source",
                  "prompt": "What is the noise?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "music",
                      "label": "Music or party"
                    },
                    {
                      "value": "construction",
                      "label": "Construction"
                    },
                    {
                      "value": "vehicle",
                      "label": "Vehicle"
                    },
                    {
                      "value": "animal",
                      "label": "Animal"
                    }
                  ]
                },
                {
                  "code": "ongoing",
                  "prompt": "Is it happening now?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "HOUSING_CODE",
              "name": "Housing code violation",
              "group": "Housing",
              "department": "HCE",
              "targetHours": 240,
              "keywords": [
                "landlord",
                "housing",
                "code violation",
                "mold"
              ],
              "requiresContact": true,
              "private": true,
              "questions": [
                {
                  "code": "problem",
                  "prompt": "What is the problem?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "mold",
                      "label": "Mold"
                    },
                    {
                      "value": "pests",
                      "label": "Pests"
                    },
                    {
                      "value": "repairs",
                      "label": "Repairs not made"
                    },
                    {
                      "value": "unsafe",
                      "label": "Unsafe conditions"
                    }
                  ]
                },
                {
                  "code": "tenant",
                  "prompt": "Are you the tenant?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "NO_HEAT",
              "name": "No heat or hot water",
              "group": "Housing",
              "department": "HCE",
              "targetHours": 24,
              "knowledgeArticle": "KB-HEAT-RULES",
              "keywords": [
                "no heat",
                "hot water",
                "boiler"
              ],
              "requiresContact": true,
              "private": true,
              "questions": [
                {
                  "code": "missing",
                  "prompt": "What is missing?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "heat",
                      "label": "Heat"
                    },
                    {
                      "value": "hot_water",
                      "label": "Hot water"
                    },
                    {
                      "value": "both",
                      "label": "Both"
                    }
                  ]
                }
              ]
            },
            {
              "code": "RODENTS",
              "name": "Rodent sighting",
              "group": "Health",
              "department": "HHS",
              "targetHours": 168,
              "publicLocation": "block",
              "keywords": [
                "rats",
                "mice",
                "rodents"
              ]
            },
            {
              "code": "FOOD_SAFETY",
              "name": "Food safety complaint",
              "group": "Health",
              "department": "HHS",
              "targetHours": 72,
              "keywords": [
                "restaurant",
                "food poisoning",
                "unsanitary"
              ],
              "private": true,
              "questions": [
                {
                  "code": "establishment",
                  "prompt": "Name of the establishment",
                  "kind": "text",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "OVERGROWN_LOT",
              "name": "Overgrown lot",
              "group": "Neighbourhood",
              "department": "HCE",
              "targetHours": 336,
              "knowledgeArticle": "KB-GRASS-HEIGHT",
              "keywords": [
                "tall grass",
                "weeds",
                "overgrown"
              ]
            },
            {
              "code": "TREE_DOWN",
              "name": "Tree down",
              "group": "Trees",
              "department": "PKS",
              "targetHours": 24,
              "duplicates": { "radiusMeters": 40, "windowDays": 3 },
              "keywords": [
                "tree down",
                "fallen tree",
                "branch down"
              ],
              "questions": [
                {
                  "code": "on_structure",
                  "prompt": "Is the tree on a house or a power line?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                },
                {
                  "code": "blocking",
                  "prompt": "Is it blocking the road?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "TREE_TRIM",
              "name": "Tree trimming",
              "group": "Trees",
              "department": "PKS",
              "targetHours": 1440,
              "keywords": [
                "tree trimming",
                "overhanging branches"
              ]
            },
            {
              "code": "PARK_MAINTENANCE",
              "name": "Park maintenance",
              "group": "Parks",
              "department": "PKS",
              "targetHours": 168,
              "keywords": [
                "park",
                "bench",
                "litter in park"
              ]
            },
            {
              "code": "PLAYGROUND",
              "name": "Damaged playground equipment",
              "group": "Parks",
              "department": "PKS",
              "targetHours": 72,
              "keywords": [
                "playground",
                "swing",
                "slide"
              ],
              "questions": [
                {
                  "code": "injury",
                  "prompt": "Has anyone been hurt?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "ABANDONED_VEHICLE",
              "name": "Abandoned vehicle",
              "group": "Vehicles",
              "department": "POL",
              "targetHours": 168,
              "duplicates": { "radiusMeters": 30, "windowDays": 14 },
              "knowledgeArticle": "KB-ABANDONED-VEHICLE",
              "keywords": [
                "abandoned car",
                "junk car"
              ],
              "questions": [
                {
                  "code": "plate",
                  "prompt": "Licence plate",
                  "kind": "text",
                  "required": false,
                  "order": 1
                },
                {
                  "code": "days_parked",
                  "prompt": "How many days has it been parked?",
                  "kind": "number",
                  "required": false,
                  "order": 2
                }
              ]
            },
            {
              "code": "WATER_LEAK",
              "name": "Water main leak",
              "group": "Water",
              "department": "WSS",
              "targetHours": 12,
              "duplicates": { "radiusMeters": 100, "windowDays": 3, "related": ["HYDRANT"] },
              "keywords": [
                "water leak",
                "main break",
                "flooding"
              ],
              "questions": [
                {
                  "code": "flooding",
                  "prompt": "Is water flooding the street?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "SEWER_BACKUP",
              "name": "Sewer backup",
              "group": "Water",
              "department": "WSS",
              "targetHours": 12,
              "publicLocation": "block",
              "duplicates": { "radiusMeters": 100, "windowDays": 3 },
              "keywords": [
                "sewer",
                "backup",
                "manhole"
              ],
              "questions": [
                {
                  "code": "inside",
                  "prompt": "Is sewage coming into a building?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "HYDRANT",
              "name": "Fire hydrant damaged or leaking",
              "group": "Water",
              "department": "WSS",
              "targetHours": 48,
              "duplicates": { "radiusMeters": 30, "windowDays": 7, "related": ["WATER_LEAK"] },
              "keywords": [
                "hydrant"
              ]
            },
            {
              "code": "STRAY_ANIMAL",
              "name": "Stray animal",
              "group": "Animals",
              "department": "ANS",
              "targetHours": 24,
              "keywords": [
                "stray dog",
                "loose animal"
              ],
              "questions": [
                {
                  "code": "animal",
                  "prompt": "What kind of animal?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "dog",
                      "label": "Dog"
                    },
                    {
                      "value": "cat",
                      "label": "Cat"
                    },
                    {
                      "value": "livestock",
                      "label": "Livestock"
                    },
                    {
                      "value": "wildlife",
                      "label": "Wildlife"
                    }
                  ]
                },
                {
                  "code": "aggressive",
                  "prompt": "Is it aggressive?",
                  "kind": "yesNo",
                  "required": true,
                  "order": 2
                }
              ]
            },
            {
              "code": "ANIMAL_BITE",
              "name": "Animal bite report",
              "group": "Animals",
              "department": "ANS",
              "targetHours": 24,
              "knowledgeArticle": "KB-ANIMAL-BITE-SCRIPT",
              "keywords": [
                "bite",
                "dog bite"
              ],
              "requiresContact": true,
              "private": true,
              "questions": [
                {
                  "code": "bitten_at",
                  "prompt": "When did the bite happen?",
                  "kind": "dateTime",
                  "required": true,
                  "order": 1
                }
              ]
            },
            {
              "code": "STATE_ROAD",
              "name": "Problem on a state road",
              "group": "Streets",
              "department": "SHA",
              "targetHours": 168,
              "knowledgeArticle": "KB-STATE-ROADS",
              "referral": { "agency": "SHA", "transferNumber": "(555) 010-3001" },
              "keywords": [
                "state route",
                "highway",
                "interstate"
              ]
            },
            {
              "code": "SCHOOL_ZONE",
              "name": "School zone safety",
              "group": "Streets",
              "department": "SCH",
              "targetHours": 168,
              "knowledgeArticle": "KB-SCHOOLS",
              "referral": { "agency": "SCH", "transferNumber": "(555) 010-3003" },
              "keywords": [
                "school",
                "crossing guard",
                "school bus"
              ]
            },
            {
              "code": "FORM_REQUEST",
              "name": "Form or brochure request",
              "group": "Information",
              "department": "311",
              "targetHours": 120,
              "keywords": [
                "form",
                "brochure",
                "application"
              ],
              "requiresLocation": false,
              "requiresContact": true,
              "questions": [
                {
                  "code": "form",
                  "prompt": "Which form?",
                  "kind": "singleChoice",
                  "required": true,
                  "order": 1,
                  "choices": [
                    {
                      "value": "recycling_guide",
                      "label": "Recycling guide"
                    },
                    {
                      "value": "permit_application",
                      "label": "Permit application"
                    },
                    {
                      "value": "senior_services",
                      "label": "Senior services brochure"
                    }
                  ]
                }
              ]
            },
            {
              "code": "COMPLIMENT",
              "name": "Compliment for staff",
              "group": "Information",
              "department": "311",
              "targetHours": 168,
              "keywords": [
                "thank you",
                "compliment",
                "great job"
              ],
              "requiresLocation": false
            }
          ],
          "knowledgeArticles": [
            {
              "id": "KB-TRASH-DAY",
              "title": "Trash and recycling collection days",
              "answer": "Trash is collected weekly on your zone's day; recycling every other week. Put bins at the curb by 6 am.",
              "keywords": [
                "trash day",
                "collection schedule",
                "recycling schedule"
              ],
              "serviceTypes": [
                "MISSED_TRASH",
                "MISSED_RECYCLING"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-HOLIDAY",
              "title": "Holiday collection schedule",
              "answer": "When a holiday falls on a weekday, collection for the rest of that week moves one day later.",
              "keywords": [
                "holiday",
                "schedule"
              ],
              "serviceTypes": [
                "MISSED_TRASH"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2026-11-30"
            },
            {
              "id": "KB-BULK",
              "title": "Bulk item rules",
              "answer": "Up to four bulk items per pickup; appliances must have doors removed. Book a pickup through 311.",
              "keywords": [
                "bulk",
                "furniture",
                "mattress"
              ],
              "serviceTypes": [
                "BULK_PICKUP"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-TAX",
              "title": "Property tax payments",
              "answer": "Property tax is billed twice a year and can be paid online, by mail or at the Treasury counter.",
              "keywords": [
                "property tax",
                "tax bill"
              ],
              "audience": "public",
              "reviewBy": "2026-07-01"
            },
            {
              "id": "KB-PERMIT",
              "title": "Building permits",
              "answer": "Permits are issued by the Permitting Office; most residential permits take five business days.",
              "keywords": [
                "permit",
                "building permit",
                "deck"
              ],
              "audience": "public",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-HOURS",
              "title": "Office hours",
              "answer": "County offices are open Monday to Friday, 8:30 am to 5 pm, except holidays. 311 answers around the clock.",
              "keywords": [
                "hours",
                "open",
                "closed"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-12-31"
            },
            {
              "id": "KB-RECYCLING-WHAT",
              "title": "What goes in the recycling bin",
              "answer": "Rinsed cans, glass bottles and jars, plastic bottles and tubs, paper and flattened cardboard go in loose. Plastic bags, hoses, foam, food and greasy pizza boxes go in the trash.",
              "keywords": [
                "recycle",
                "plastic",
                "glass",
                "cardboard",
                "what can I recycle"
              ],
              "serviceTypes": [
                "MISSED_RECYCLING",
                "RECYCLING_BIN"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-BIN-REPLACE",
              "title": "Replacing a damaged, lost or stolen bin",
              "answer": "The county replaces cracked, lost or stolen carts free once a year; a second replacement in a year costs $55. Request one through 311 with the address; delivery takes about ten business days.",
              "keywords": [
                "broken bin",
                "stolen cart",
                "new cart",
                "replacement"
              ],
              "serviceTypes": [
                "RECYCLING_BIN"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-02-28"
            },
            {
              "id": "KB-BIN-PLACEMENT",
              "title": "Where to put bins on collection day",
              "answer": "Set carts at the curb with the lid opening toward the street, three feet from cars, poles and each other. Bring them in by the evening after collection.",
              "keywords": [
                "curb",
                "cart placement",
                "lid"
              ],
              "serviceTypes": [
                "MISSED_TRASH",
                "MISSED_RECYCLING"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-05-31"
            },
            {
              "id": "KB-YARD-WASTE",
              "title": "Yard waste and leaf collection",
              "answer": "Yard waste is collected on your trash day from April to mid-December, in paper bags or a labeled can. Branches must be tied in bundles under four feet long and fifty pounds. Loose leaves are vacuumed in November by neighborhood.",
              "keywords": [
                "leaves",
                "grass clippings",
                "branches",
                "brush"
              ],
              "serviceTypes": [
                "YARD_WASTE"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-03-15"
            },
            {
              "id": "KB-BULK-NOT-ACCEPTED",
              "title": "What bulk pickup does not take",
              "answer": "Bulk pickup does not take tires, car parts, paint, propane tanks, construction and renovation debris, or anything over 100 pounds. Take these to the county drop-off center.",
              "keywords": [
                "tires",
                "construction debris",
                "renovation",
                "not accepted"
              ],
              "serviceTypes": [
                "BULK_PICKUP"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-BULK-APPLIANCES",
              "title": "Appliances and refrigerant",
              "answer": "Refrigerators, freezers, air conditioners and dehumidifiers hold refrigerant and need their own appointment; book them as a bulk pickup and name the appliance. Doors must be removed before collection.",
              "keywords": [
                "refrigerator",
                "fridge",
                "freezer",
                "air conditioner",
                "appliance"
              ],
              "serviceTypes": [
                "BULK_PICKUP"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-HAZARDOUS-WASTE",
              "title": "Household hazardous waste",
              "answer": "Paint, solvents, pesticides, pool chemicals, motor oil and car batteries are taken free at the county drop-off center on the first Saturday of each month. Never put them in any cart.",
              "keywords": [
                "paint",
                "chemicals",
                "motor oil",
                "batteries",
                "pesticide"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2026-10-31"
            },
            {
              "id": "KB-ELECTRONICS",
              "title": "Electronics recycling",
              "answer": "Televisions, computers, monitors and printers may not go in the trash. The county drop-off center takes them free from residents during its open hours.",
              "keywords": [
                "tv",
                "television",
                "computer",
                "monitor",
                "e-waste"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-DROP-OFF-CENTER",
              "title": "County drop-off center",
              "answer": "The drop-off center at 400 Quarry Road is open Wednesday to Saturday, 8 am to 4 pm. Residents bring proof of address; a car load of household items is free, a truck load costs $25.",
              "keywords": [
                "dump",
                "landfill",
                "transfer station",
                "drop off"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-MISSED-PICKUP-SCRIPT",
              "title": "Agent script: missed pickup reports",
              "answer": "Crews work until 6 pm. Before taking a missed-pickup report, confirm the zone's day, that the holiday shift did not move it, and that the cart was out by 6 am. Same-day reports before 6 pm are told to wait.",
              "keywords": [
                "missed pickup",
                "not collected",
                "trash not picked up"
              ],
              "serviceTypes": [
                "MISSED_TRASH",
                "MISSED_RECYCLING"
              ],
              "audience": "internal",
              "department": "SWR",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-DEAD-ANIMAL",
              "title": "Dead animal removal",
              "answer": "Solid Waste removes dead animals from streets and sidewalks, usually within a day. For an animal on private property, the owner may bag it and set it out with the trash.",
              "keywords": [
                "roadkill",
                "dead deer",
                "carcass"
              ],
              "serviceTypes": [
                "DEAD_ANIMAL"
              ],
              "audience": "public",
              "department": "SWR",
              "reviewBy": "2027-05-31"
            },
            {
              "id": "KB-SNOW-PRIORITY",
              "title": "Snow plowing order",
              "answer": "Main roads and bus routes are plowed first, then hills and school routes, then neighborhood streets once snow stops. Residential streets are usually cleared within 24 hours after the storm ends.",
              "keywords": [
                "snow",
                "plow",
                "plowing",
                "ice",
                "salt"
              ],
              "serviceTypes": [
                "SNOW_PLOW"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2026-11-15"
            },
            {
              "id": "KB-SWEEPING",
              "title": "Street sweeping schedule",
              "answer": "Sweepers visit each residential street once a month from April to November, on the day posted on the street's signs. Cars left on the swept side are ticketed.",
              "keywords": [
                "sweeper",
                "street cleaning",
                "parking ticket"
              ],
              "serviceTypes": [
                "STREET_SWEEPING"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-POTHOLE-CLAIM",
              "title": "Vehicle damage from a pothole",
              "answer": "A claim for damage from a county road defect goes to Risk Management within 90 days, with photos, the repair estimate and the location. Reporting the pothole through 311 first helps the claim.",
              "keywords": [
                "flat tire",
                "damage claim",
                "reimbursement"
              ],
              "serviceTypes": [
                "POTHOLE"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-02-28"
            },
            {
              "id": "KB-STREETLIGHT",
              "title": "Reporting a streetlight out",
              "answer": "Give the number on the metal tag of the pole, or the nearest address. The county's lighting contractor repairs most lights within a week; lights on state highways belong to the state.",
              "keywords": [
                "streetlight",
                "street lamp",
                "light out",
                "pole number"
              ],
              "serviceTypes": [
                "STREETLIGHT_OUT"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-SIDEWALK-WHO",
              "title": "Who repairs sidewalks",
              "answer": "The county repairs sidewalks lifted by street trees and along county buildings. Owners are responsible for the sidewalk in front of their property otherwise, including clearing snow within 24 hours.",
              "keywords": [
                "sidewalk",
                "trip hazard",
                "uneven pavement"
              ],
              "serviceTypes": [
                "SIDEWALK_REPAIR"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-05-31"
            },
            {
              "id": "KB-PERMIT-FENCE",
              "title": "Fences, sheds and decks",
              "answer": "Fences over six feet, sheds over 200 square feet and every deck need a building permit. Fences in front yards may be at most four feet high. Apply online with a site plan.",
              "keywords": [
                "fence",
                "shed",
                "height limit",
                "site plan"
              ],
              "audience": "public",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-PERMIT-DUMPSTER",
              "title": "Dumpsters and storage containers on the street",
              "answer": "A dumpster or storage container placed on a county street needs a right-of-way permit from Transportation, with reflectors on each corner. On a driveway no permit is needed.",
              "keywords": [
                "dumpster",
                "container",
                "right of way",
                "roll-off"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-PERMIT-BLOCK-PARTY",
              "title": "Block parties and street closures",
              "answer": "Apply for a block party permit at least 30 days ahead, with signatures from most households on the block. Permits are free and cover one day between 10 am and 10 pm.",
              "keywords": [
                "block party",
                "street closure",
                "event permit"
              ],
              "audience": "public",
              "department": "DOT",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-PERMIT-TREE",
              "title": "Trees on the strip between sidewalk and street",
              "answer": "Trees between the sidewalk and the street are county trees: only Parks and Forestry may prune or remove them. Ask for an inspection through 311; a free permit lets residents plant one.",
              "keywords": [
                "street tree",
                "tree removal",
                "pruning",
                "plant a tree"
              ],
              "serviceTypes": [
                "TREE_TRIM",
                "TREE_DOWN"
              ],
              "audience": "public",
              "department": "PKS",
              "reviewBy": "2027-05-31"
            },
            {
              "id": "KB-PERMIT-YARD-SALE",
              "title": "Yard sales",
              "answer": "Residents may hold up to four yard sales a year without a permit, each at most three days. Signs may not be attached to utility poles or traffic signs.",
              "keywords": [
                "garage sale",
                "yard sale",
                "signs"
              ],
              "audience": "public",
              "department": "HCE",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-HOURS-HOLIDAYS",
              "title": "County holidays",
              "answer": "County offices close on the eleven federal holidays and the day after Thanksgiving. Trash collection shifts by a day during a holiday week; 311 stays open.",
              "keywords": [
                "holiday",
                "closed",
                "thanksgiving",
                "christmas"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2026-12-31"
            },
            {
              "id": "KB-HOURS-PARKS",
              "title": "Park hours",
              "answer": "County parks open at dawn and close at dusk. Lit athletic fields close at 10 pm. Pavilions are reserved through Parks and Forestry.",
              "keywords": [
                "park",
                "dusk",
                "pavilion",
                "athletic field"
              ],
              "serviceTypes": [
                "PARK_MAINTENANCE"
              ],
              "audience": "public",
              "department": "PKS",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-HOURS-SHELTER",
              "title": "Animal shelter hours and adoptions",
              "answer": "The animal shelter is open for adoptions Tuesday to Sunday, noon to 6 pm. Lost pets are held five days; call the shelter with a description before visiting.",
              "keywords": [
                "adopt",
                "lost pet",
                "shelter",
                "found dog"
              ],
              "serviceTypes": [
                "STRAY_ANIMAL"
              ],
              "audience": "public",
              "department": "ANS",
              "reviewBy": "2027-02-28"
            },
            {
              "id": "KB-HEAT-RULES",
              "title": "Heat in rented homes",
              "answer": "From October 1 to May 15, landlords must keep rented homes at least 68 degrees by day and 62 at night. Tell the landlord first; if heat is not restored within 24 hours, report it to 311.",
              "keywords": [
                "heat",
                "heating",
                "cold apartment",
                "landlord",
                "furnace"
              ],
              "serviceTypes": [
                "NO_HEAT",
                "HOUSING_CODE"
              ],
              "audience": "public",
              "department": "HCE",
              "reviewBy": "2026-09-30"
            },
            {
              "id": "KB-GRASS-HEIGHT",
              "title": "Tall grass and weeds",
              "answer": "Grass and weeds over twelve inches on occupied or vacant lots break the property code. Inspectors give the owner ten days, then the county mows and bills the owner.",
              "keywords": [
                "tall grass",
                "weeds",
                "overgrown",
                "vacant lot"
              ],
              "serviceTypes": [
                "OVERGROWN_LOT"
              ],
              "audience": "public",
              "department": "HCE",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-RODENTS",
              "title": "Rats and mice",
              "answer": "The Health department baits public property and inspects reports of rats outdoors. Inside a rented home, the landlord must treat it; owners hire a licensed exterminator.",
              "keywords": [
                "rats",
                "mice",
                "rodent",
                "exterminator"
              ],
              "serviceTypes": [
                "RODENTS"
              ],
              "audience": "public",
              "department": "HHS",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-NOISE-HOURS",
              "title": "Quiet hours and noise limits",
              "answer": "Quiet hours are 10 pm to 7 am every night. Construction noise is allowed from 7 am to 7 pm on weekdays and 9 am to 5 pm on weekends. Police Non-Emergency takes noise reports at any hour.",
              "keywords": [
                "noise",
                "loud music",
                "party",
                "construction noise",
                "quiet hours"
              ],
              "serviceTypes": [
                "NOISE"
              ],
              "audience": "public",
              "department": "POL",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-ABANDONED-VEHICLE",
              "title": "Abandoned vehicles",
              "answer": "A vehicle parked on a county street for more than 72 hours, or without valid plates, may be tagged. Police tow it seven days after tagging if it has not moved.",
              "keywords": [
                "abandoned car",
                "junk car",
                "expired tags",
                "parked too long"
              ],
              "serviceTypes": [
                "ABANDONED_VEHICLE"
              ],
              "audience": "public",
              "department": "POL",
              "reviewBy": "2027-02-28"
            },
            {
              "id": "KB-WATER-BILL",
              "title": "Water and sewer bills",
              "answer": "Water and sewer bills come every quarter. Pay online, by phone or at the Water and Sewer counter. A sudden high bill is often a running toilet; ask for a free leak check.",
              "keywords": [
                "water bill",
                "sewer bill",
                "high bill",
                "payment"
              ],
              "audience": "public",
              "department": "WSS",
              "reviewBy": "2027-03-31"
            },
            {
              "id": "KB-WATER-MAIN",
              "title": "Water main breaks and low pressure",
              "answer": "Water rising from the street or a sudden loss of pressure may be a main break: report it to 311 at once, day or night. Crews flush hydrants after repairs, so brown water clears within a few hours.",
              "keywords": [
                "water main",
                "low pressure",
                "brown water",
                "flooding street"
              ],
              "serviceTypes": [
                "WATER_LEAK",
                "HYDRANT"
              ],
              "audience": "public",
              "department": "WSS",
              "reviewBy": "2027-04-30"
            },
            {
              "id": "KB-ANIMAL-BITE-SCRIPT",
              "title": "Agent script: animal bites",
              "answer": "Ask whether the person needs medical care now; if so, transfer to 911. Record where the bite happened and whether the animal is known. Every bite report goes to Animal Services the same day for a rabies follow-up.",
              "keywords": [
                "bite",
                "bitten",
                "rabies",
                "dog bite"
              ],
              "serviceTypes": [
                "ANIMAL_BITE"
              ],
              "audience": "internal",
              "department": "ANS",
              "reviewBy": "2027-01-31"
            },
            {
              "id": "KB-ESCALATION",
              "title": "Agent guide: escalating a call",
              "answer": "Offer a supervisor when a caller has reported the same problem three times, when a request is past its due date by more than a week, or when a caller mentions a threat to safety.",
              "keywords": [
                "supervisor",
                "escalate",
                "angry caller",
                "repeat caller"
              ],
              "audience": "internal",
              "department": "311",
              "reviewBy": "2026-08-31"
            },
            {
              "id": "KB-STATE-ROADS",
              "title": "State highways are not county roads",
              "answer": "Numbered state routes and the interstate are maintained by the State Highway Administration, including their potholes, signs, lights and plowing. 311 transfers the caller to the state's line.",
              "keywords": [
                "state route",
                "highway",
                "interstate",
                "state road"
              ],
              "serviceTypes": [
                "STATE_ROAD"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-SCHOOLS",
              "title": "School buses, crossing guards and school grounds",
              "answer": "Cedar Valley Public Schools runs school buses, crossing guards and school buildings and grounds. 311 transfers the caller to the school district's transportation office.",
              "keywords": [
                "school bus",
                "crossing guard",
                "school",
                "bus stop"
              ],
              "serviceTypes": [
                "SCHOOL_ZONE"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-MILLBROOK",
              "title": "Living in the Town of Millbrook",
              "answer": "The Town of Millbrook collects its own trash and maintains its own streets. Give Millbrook residents the town hall number, (555) 010-3002; county services such as health and animal control still apply.",
              "keywords": [
                "millbrook",
                "town",
                "town hall",
                "incorporated"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-POWER-OUTAGE",
              "title": "Power outages and downed lines",
              "answer": "Power outages are handled by the electric utility, not the county: call the number on the electric bill. Stay away from a downed power line and call 911.",
              "keywords": [
                "power outage",
                "electricity",
                "blackout",
                "power line"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-GAS-SMELL",
              "title": "A smell of gas",
              "answer": "If you smell gas, leave the building now, do not switch anything on or off, and call 911 or the gas utility's emergency line from outside. The county does not handle gas leaks.",
              "keywords": [
                "gas leak",
                "smell of gas",
                "natural gas"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-MAIL",
              "title": "Mail and post office problems",
              "answer": "Mail delivery, mailboxes and post offices are run by the United States Postal Service. Residents contact their local post office; the county cannot act on mail complaints.",
              "keywords": [
                "mail",
                "mailbox",
                "post office",
                "package"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-DMV",
              "title": "Driver's licenses and vehicle registration",
              "answer": "Driver's licenses, vehicle registration and license plates are handled by the state Motor Vehicle Administration, online or at its branch offices, not by the county.",
              "keywords": [
                "drivers license",
                "registration",
                "license plate",
                "dmv"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-CABLE",
              "title": "Cable, internet and telephone service",
              "answer": "Cable television, internet and telephone service problems go to the customer's provider. Cable boxes or wires damaged on a county street may also be reported to 311 for a hazard check.",
              "keywords": [
                "cable",
                "internet",
                "phone service",
                "outage"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            },
            {
              "id": "KB-EMERGENCY",
              "title": "When to call 911 instead",
              "answer": "Call 911 for a fire, a crime in progress, a medical emergency, a car crash with injuries, a downed power line or a smell of gas. 311 is for everything that can wait.",
              "keywords": [
                "emergency",
                "911",
                "fire",
                "crime"
              ],
              "audience": "public",
              "department": "311",
              "reviewBy": "2027-06-30"
            }
          ]
        }
        """#
}

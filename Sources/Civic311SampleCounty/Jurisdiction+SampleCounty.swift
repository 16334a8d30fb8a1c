import Civic311
import Foundation

// Cedar Valley County is fictional; its departments, service types, probing questions and
// targets are modelled on the catalogs of real 311 centers (New York, Chicago, Boston,
// Montgomery County). It is written as the same JSON document an integrator would load, so the
// sample also exercises the loader.

extension Jurisdiction {
    /// A realistic sample jurisdiction shared by the examples, the tests and the simulations:
    /// 14 departments (including two external agencies, a school district and a lighting
    /// contractor) and 35 service types with probing questions, carrying its own routing rules
    /// (``RoutingRuleSet/sampleCounty``) and service levels (``ServiceLevelEngine/sampleCounty``),
    /// so a center opened on it routes and sets due dates the county's way by default.
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
              ]
            },
            {
              "id": "KB-HOLIDAY",
              "title": "Holiday collection schedule",
              "answer": "When a holiday falls on a weekday, collection for the rest of that week moves one day later.",
              "keywords": [
                "holiday",
                "schedule"
              ]
            },
            {
              "id": "KB-BULK",
              "title": "Bulk item rules",
              "answer": "Up to four bulk items per pickup; appliances must have doors removed. Book a pickup through 311.",
              "keywords": [
                "bulk",
                "furniture",
                "mattress"
              ]
            },
            {
              "id": "KB-TAX",
              "title": "Property tax payments",
              "answer": "Property tax is billed twice a year and can be paid online, by mail or at the Treasury counter.",
              "keywords": [
                "property tax",
                "tax bill"
              ]
            },
            {
              "id": "KB-PERMIT",
              "title": "Building permits",
              "answer": "Permits are issued by the Permitting Office; most residential permits take five business days.",
              "keywords": [
                "permit",
                "building permit",
                "deck"
              ]
            },
            {
              "id": "KB-HOURS",
              "title": "Office hours",
              "answer": "County offices are open Monday to Friday, 8:30 am to 5 pm, except holidays. 311 answers around the clock.",
              "keywords": [
                "hours",
                "open",
                "closed"
              ]
            }
          ]
        }
        """#
}

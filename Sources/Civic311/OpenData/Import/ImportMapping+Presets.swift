extension ImportMapping {
    /// NYC 311 Service Requests (NYC Open Data `erm2-nwe9`), as the portal exports it: both the
    /// current 41-column layout and the older 52-column one, which lacks `Open Data Channel Type`
    /// and `Resolution Description` (those rows come in as phone calls without a note).
    ///
    /// Service types are derived from `Complaint Type`, departments from `Agency` (named by
    /// `Agency Name`); `Pending` is on hold; `Due Date` is the agency's update target.
    public static let newYorkCity = ImportMapping(
        name: "nyc311",
        referenceSystem: "nyc-open-data",
        timeZoneIdentifier: "America/New_York",
        sourceID: "Unique Key",
        created: DateColumn("Created Date", formats: [twelveHour]),
        closed: DateColumn("Closed Date", formats: [twelveHour]),
        due: DateColumn("Due Date", formats: [twelveHour]),
        status: StatusColumn(
            "Status",
            values: [
                "Unassigned": StatusOutcome(.new), "Open": StatusOutcome(.new), "Assigned": StatusOutcome(.assigned),
                "Started": StatusOutcome(.inProgress), "In Progress": StatusOutcome(.inProgress),
                "Pending": StatusOutcome(.onHold), "Closed": StatusOutcome(.closed),
            ]
        ),
        serviceType: CodeRule(columns: ["Complaint Type"], derivesCodes: true),
        department: CodeRule(columns: ["Agency"], derivesCodes: true, nameColumn: "Agency Name"),
        channel: ChannelColumn(
            "Open Data Channel Type",
            values: ["PHONE": .phone, "ONLINE": .web, "MOBILE": .mobileApp],
            fallback: .phone
        ),
        description: ["Descriptor"],
        address: ["Incident Address", "City"],
        coordinate: .latitudeLongitude(latitude: "Latitude", longitude: "Longitude"),
        resolutionNote: "Resolution Description"
    )

    /// Chicago 311 Service Requests (Chicago Data Portal `v6vf-nfxy`), with ISO-like local
    /// timestamps (`2021-01-01T00:00:09.000`) and no due date, so the jurisdiction's service
    /// levels set it.
    ///
    /// Service types are derived from `sr_short_code` (named by `sr_type`), departments from
    /// `owner_department`; `Canceled` closes without action (reason code `CANCELED`).
    public static let chicago = ImportMapping(
        name: "chicago311",
        referenceSystem: "chicago-open-data",
        timeZoneIdentifier: "America/Chicago",
        sourceID: "sr_number",
        created: DateColumn("created_date", formats: [isoMilliseconds]),
        closed: DateColumn("closed_date", formats: [isoMilliseconds]),
        status: StatusColumn(
            "status",
            values: [
                "Open": StatusOutcome(.new), "Open - Dup": StatusOutcome(.new), "Completed": StatusOutcome(.closed),
                "Canceled": StatusOutcome(.closed, closeReason: .closedWithoutAction(code: "CANCELED")),
            ]
        ),
        serviceType: CodeRule(columns: ["sr_short_code"], derivesCodes: true, nameColumn: "sr_type"),
        department: CodeRule(columns: ["owner_department"], derivesCodes: true),
        channel: ChannelColumn(
            "origin",
            values: [
                "Phone Call": .phone, "Internet": .web, "Open311 Interface": .web, "Mobile Device": .mobileApp,
                "Salesforce Mobile App": .mobileApp, "spot-open311-Chicago+Works": .mobileApp,
                "spot-open311-SeeClickFix": .mobileApp, "E-Mail": .email, "Mass Entry": .departmentSystem,
            ],
            fallback: .phone
        ),
        description: ["sr_type"],
        address: ["street_address"],
        coordinate: .latitudeLongitude(latitude: "latitude", longitude: "longitude")
    )

    /// San Francisco's "Case Data from SF311" (DataSF `vw6y-z8j6`, the layout before April 2017),
    /// whose timestamps come in two formats and whose coordinate is one `(lat, lon)` column.
    ///
    /// Service types are derived from `Category` and `Request.Type` together; departments and
    /// queues from `Responsible.Agency`; the status note is the resolution note.
    public static let sanFrancisco = ImportMapping(
        name: "sf311",
        referenceSystem: "sf-open-data",
        timeZoneIdentifier: "America/Los_Angeles",
        sourceID: "CaseID",
        created: DateColumn("Opened", formats: [twelveHour, isoSeconds]),
        closed: DateColumn("Closed", formats: [twelveHour, isoSeconds]),
        status: StatusColumn("Status", values: ["Open": StatusOutcome(.new), "Closed": StatusOutcome(.closed)]),
        serviceType: CodeRule(columns: ["Category", "Request.Type"], derivesCodes: true),
        department: CodeRule(columns: ["Responsible.Agency"], derivesCodes: true),
        queue: "Responsible.Agency",
        channel: ChannelColumn(
            "Source",
            values: [
                "Voice In": .phone, "Open311": .mobileApp, "Web Self Service": .web,
                "Integrated Agency": .departmentSystem, "Other Department": .departmentSystem,
                "Twitter": .socialMedia, "e-mail In": .email, "Mail In": .mail,
            ],
            fallback: .phone
        ),
        description: ["Request.Details"],
        address: ["Address"],
        coordinate: .point("Point"),
        resolutionNote: "Status.Notes"
    )

    /// Boston's 311 Service Requests (Analyze Boston), whose `TARGET_DT` is each case's SLA due
    /// date (its `OnTime_Status` agrees with it), with departments derived from `Department`
    /// (named by `SUBJECT`) and queues from `QUEUE`.
    public static let boston = ImportMapping(
        name: "boston311",
        referenceSystem: "boston-open-data",
        timeZoneIdentifier: "America/New_York",
        sourceID: "CASE_ENQUIRY_ID",
        created: DateColumn("OPEN_DT", formats: [isoSeconds]),
        closed: DateColumn("CLOSED_DT", formats: [isoSeconds]),
        due: DateColumn("TARGET_DT", formats: [isoSeconds]),
        status: StatusColumn("CASE_STATUS", values: ["Open": StatusOutcome(.new), "Closed": StatusOutcome(.closed)]),
        serviceType: CodeRule(columns: ["TYPE"], derivesCodes: true),
        department: CodeRule(columns: ["Department"], derivesCodes: true, nameColumn: "SUBJECT"),
        queue: "QUEUE",
        channel: ChannelColumn(
            "Source",
            values: [
                "Constituent Call": .phone, "Citizens Connect App": .mobileApp, "Self Service": .web,
                "City Worker App": .departmentSystem, "Employee Generated": .departmentSystem,
                "Maximo Integration": .departmentSystem, "Twitter": .socialMedia,
            ],
            fallback: .phone
        ),
        description: ["CASE_TITLE"],
        address: ["Location"],
        coordinate: .latitudeLongitude(latitude: "LATITUDE", longitude: "LONGITUDE"),
        resolutionNote: "CLOSURE_REASON"
    )

    /// The four presets, for tools that pick one by name.
    public static let presets: [ImportMapping] = [newYorkCity, chicago, sanFrancisco, boston]

    private static let twelveHour = DateFormat(known: "MM/dd/yyyy hh:mm:ss a")
    private static let isoSeconds = DateFormat(known: "yyyy-MM-dd HH:mm:ss")
    private static let isoMilliseconds = DateFormat(known: "yyyy-MM-dd'T'HH:mm:ss.SSS")
}

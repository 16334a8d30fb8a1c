import Foundation

/// Publishes a period's service requests as open data: CSV, JSON Lines or a JSON array, with the
/// columns of ``OpenDataColumn``, in constant memory however many rows there are, resumable where
/// it stopped.
///
/// ```
/// let export = try OpenDataExport(jurisdiction: county, store: store, format: .csv)
/// let sink = try OpenDataFileSink(creating: url)
/// let done = try await export.write(period: january, to: sink)
/// ```
///
/// **What is published.** Every request created in the period (its start included, its end
/// excluded), in ticket order, as the store holds it when its page is read, through
/// ``PublicServiceRequest`` (the one public view): no submitter, no internal notes, no free-text
/// answers; the description, the latest public note and the address scrubbed by
/// ``PersonalDataScrubber`` with every rule, the submitter's own name, phone number and e-mail
/// address included; the location as much as the service type's
/// ``ServiceType/publicLocation`` allows. Requests of private service types
/// (``ServiceType/isPrivate``), and of types no longer in the catalog, are left out and counted
/// in ``Position/withheld``.
///
/// **Memory.** The store is read a page at a time (``pageSize`` requests) and the sink is given
/// chunks of about ``chunkBytes``; nothing else grows with the export.
///
/// **Resuming.** After each chunk the sink accepts, the export reports a ``Position``: the last
/// ticket it covers, the rows and bytes written. Save it; after an interruption, pass it back as
/// `resumingFrom` (with an ``OpenDataFileSink`` opened by ``OpenDataFileSink/init(resuming:at:)``)
/// and the export goes on after that ticket, so the file ends exactly as an uninterrupted export
/// of the same data would: no row twice, none missing.
public struct OpenDataExport: Sendable {
    public let jurisdiction: Jurisdiction
    public let store: any RequestStore
    public let format: OpenDataFormat
    /// Where ``LocationPublishing/district`` locations, and the `district` column, come from.
    public let districts: DistrictMap?
    /// Which layer of ``districts`` names the district (council districts, say); `nil` takes the
    /// first district containing the point.
    public let districtKind: DistrictKind?
    /// What free text goes through; always every rule (placeholders may differ).
    public let scrubber: PersonalDataScrubber
    /// Requests read from the store per page.
    public let pageSize: Int
    /// About how many bytes the sink is given at a time.
    public let chunkBytes: Int
    /// Where the `asOf` instant of a new export comes from.
    public let clock: any WallClock

    /// The largest ``chunkBytes`` accepted: 64 MiB.
    public static var maximumChunkBytes: Int { 64 << 20 }

    /// - Parameters:
    ///   - jurisdiction: the catalog the requests belong to: names, privacy, location publishing,
    ///     and its service levels for the `on_time` column.
    ///   - store: where the requests are.
    ///   - format: CSV (the default), JSON Lines or a JSON array.
    ///   - districts: the district map, required when a service type publishes its location by
    ///     district; when given, the `district` column is filled for every published location.
    ///   - districtKind: the layer of `districts` to name; `nil` for the first district found.
    ///   - scrubber: the scrubber; its rules must be ``PersonalDataScrubber/Rules/all``.
    ///   - pageSize: requests per store page, 1...``PageRequest/maximumLimit``.
    ///   - chunkBytes: bytes per chunk handed to the sink, 1...``maximumChunkBytes``.
    ///   - clock: the source of a new export's `asOf` instant.
    /// - Throws: ``OpenDataExportError`` with code ``OpenDataExportError/Code/invalidArgument``
    ///   for a page or chunk size out of range or a scrubber without every rule, or
    ///   ``OpenDataExportError/Code/missingDistrictMap`` when a service type publishes by district
    ///   and `districts` is `nil` (the field names the first such type).
    public init(
        jurisdiction: Jurisdiction,
        store: any RequestStore,
        format: OpenDataFormat = .csv,
        districts: DistrictMap? = nil,
        districtKind: DistrictKind? = nil,
        scrubber: PersonalDataScrubber = PersonalDataScrubber(),
        pageSize: Int = PageRequest.maximumLimit,
        chunkBytes: Int = 1 << 16,
        clock: any WallClock = SystemWallClock()
    ) throws(OpenDataExportError) {
        guard (1...PageRequest.maximumLimit).contains(pageSize) else {
            throw OpenDataExportError(
                .invalidArgument,
                field: "pageSize",
                reason: "must be between 1 and \(PageRequest.maximumLimit), got \(pageSize)"
            )
        }
        guard (1...Self.maximumChunkBytes).contains(chunkBytes) else {
            throw OpenDataExportError(
                .invalidArgument,
                field: "chunkBytes",
                reason: "must be between 1 and \(Self.maximumChunkBytes), got \(chunkBytes)"
            )
        }
        guard scrubber.rules == .all else {
            throw OpenDataExportError(
                .invalidArgument,
                field: "scrubber.rules",
                reason: "open data is scrubbed with every rule (e-mail addresses, phone numbers, submitter details)"
            )
        }
        if districts == nil, let type = jurisdiction.serviceTypes.first(where: { $0.publicLocation == .district }) {
            throw OpenDataExportError(
                .missingDistrictMap,
                field: "serviceTypes[\(type.id.rawValue)].publicLocation",
                reason: "publishes its location by district, and the export was given no district map"
            )
        }
        self.jurisdiction = jurisdiction
        self.store = store
        self.format = format
        self.districts = districts
        self.districtKind = districtKind
        self.scrubber = scrubber
        self.pageSize = pageSize
        self.chunkBytes = chunkBytes
        self.clock = clock
    }

    /// What a row needs besides the request: one object, so a row borrows it rather than copying
    /// the jurisdiction's fields.
    final class RowSettings: Sendable {
        let jurisdiction: Jurisdiction
        /// The jurisdiction's service levels, for the `on_time` column, looked up once.
        let serviceLevels: ServiceLevelEngine?
        let scrubber: PersonalDataScrubber
        /// The submitter's-name rule alone, for addresses (``PublicServiceRequest`` scrubs them of
        /// phone numbers and e-mail addresses only).
        let nameScrubber: PersonalDataScrubber
        let districts: DistrictMap?
        let districtKind: DistrictKind?

        init(_ export: OpenDataExport) {
            jurisdiction = export.jurisdiction
            serviceLevels = export.jurisdiction.serviceLevels
            scrubber = export.scrubber
            nameScrubber = PersonalDataScrubber(rules: .submitterDetails, placeholders: export.scrubber.placeholders)
            districts = export.districts
            districtKind = export.districtKind
        }
    }
}

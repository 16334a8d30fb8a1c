/// How much of a request's location open data publishes for a service type.
///
/// Most problems are about a public place (a pothole, a dark streetlight) and can be published
/// where they are. Some are about a household or a person (a noise complaint, rodents in a
/// yard): publishing their address would say who complained, or about whom. Private service
/// types (``ServiceType/isPrivate``) are left out of open data entirely; this setting is for the
/// public ones. The catalog key is `"publicLocation"`.
public enum LocationPublishing: String, Hashable, Sendable, Codable, CaseIterable {
    /// The address as given (scrubbed of phone numbers and e-mail addresses) and the coordinate
    /// rounded to 5 decimal places (about 1 m).
    case exact
    /// The block: the house number becomes its hundred block ("1234 Oak St" is published as
    /// "1200 block of Oak St"), anything after the street (a unit, a note) is dropped, and the
    /// coordinate is rounded to 3 decimal places (a grid of about 110 m by 85 m at 40° N).
    case block
    /// Only the district the coordinate lies in, from the district map given to the export; no
    /// address, no coordinate.
    case district
    /// No location at all.
    case withheld
}

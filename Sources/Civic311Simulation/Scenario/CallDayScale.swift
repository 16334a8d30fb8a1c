import Civic311

/// The size of a simulated call day, after the jurisdictions in the domain notes.
public enum CallDayScale: String, Sendable, Hashable, CaseIterable {
    /// Washoe County, NV: 51 calls a day (421,407 residents, a staff of 2).
    case washoe
    /// Pittsburgh, PA: 341 calls a day.
    case pittsburgh
    /// Montgomery County, MD (MC311): about 1,300 calls a day, 470,000 a year.
    case montgomery
    /// New York City on an ordinary day: 61,000 contacts.
    case nyc
    /// New York City's peak day: 276,827 calls.
    case nycPeak = "nyc-peak"

    /// Contacts on the call day.
    public var contacts: Int {
        switch self {
        case .washoe: 51
        case .pittsburgh: 341
        case .montgomery: 1_300
        case .nyc: 61_000
        case .nycPeak: 276_827
        }
    }

    /// The share of general-information and referral calls the IVR resolves, when the scale has its
    /// own: on New York's peak days the IVR resolves 75–80 % of inquiries (the midpoint, 77.5 %, is
    /// used). `nil` keeps the scenario's deflection.
    public var inquiryDeflection: Double? { self == .nycPeak ? 0.775 : nil }
}

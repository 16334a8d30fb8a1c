/// What sort of area a district is: a council district, a state road corridor, a municipality…
///
/// Kinds let routing tell layers apart (a point is usually in one council district and one school
/// district at the same time). The set is open: any lowercase identifier is a kind, and the
/// common ones have names here.
public struct DistrictKind: Hashable, Sendable, CustomStringConvertible {
    /// The identifier, for example `"council_district"`.
    public let rawValue: String

    /// Creates a kind from a lowercase identifier (`a`–`z`, digits and `_`, starting with a letter,
    /// at most 64 characters), so that `"Council District"` and `"council_district"` cannot both
    /// appear in one map by accident.
    public init(_ rawValue: String) throws(ValidationError) {
        if let problem = Self.problem(with: rawValue) {
            throw ValidationError(.invalidValue, field: "kind", reason: problem)
        }
        self.rawValue = rawValue
    }

    private init(known rawValue: String) {
        self.rawValue = rawValue
    }

    /// Why `rawValue` cannot be a kind, or `nil`.
    package static func problem(with rawValue: String) -> String? {
        let bytes = Array(rawValue.utf8)
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = bytes.first, isLetter(first), bytes.count <= 64,
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        else {
            return "must be a lowercase identifier of at most 64 characters such as \"council_district\", "
                + "got \"\(rawValue)\""
        }
        return nil
    }

    /// A city council district (ward).
    public static var councilDistrict: Self { Self(known: "council_district") }
    /// A road owned by another authority (a state or national highway), drawn as a corridor polygon.
    public static var stateRoadCorridor: Self { Self(known: "state_road_corridor") }
    /// A city, town or other local authority area.
    public static var municipality: Self { Self(known: "municipality") }
    /// A school district.
    public static var schoolDistrict: Self { Self(known: "school_district") }

    /// The identifier, as written in GeoJSON `properties.kind`.
    public var description: String { rawValue }
}

import Foundation

/// When two reports of a service type are probably the same problem: how near, how recent, and
/// which related service types count.
///
/// A pothole reported forty metres and two days from an open pothole report is probably the same
/// hole; one reported a kilometre away or two months later is not. The rule is set per service
/// type because the distances differ: a streetlight out is one pole, a smell can cover a block.
public struct DuplicateRule: Hashable, Sendable, Codable {
    /// The largest allowed radius, 5 km: past that, "the same problem" stops meaning anything.
    public static var maximumRadius: Double { 5_000 }
    /// The longest allowed window, 365 days.
    public static var maximumWindow: TimeInterval { 365 * 86_400 }

    /// How far apart two reports may be, in metres, inclusive.
    public let radius: Double
    /// How much earlier the other report may have been made, in seconds, inclusive.
    public let window: TimeInterval
    /// Other service types whose open requests are the same kind of problem ("the family"):
    /// a cave-in reported as a pothole.
    public let related: [ServiceTypeCode]

    /// - Throws: ``ValidationError`` (field `radius` or `window`) for a radius outside
    ///   (0, ``maximumRadius``] metres or a window outside (0, ``maximumWindow``] seconds, and
    ///   (field `related`) for a type named twice.
    public init(radius: Double, window: TimeInterval, related: [ServiceTypeCode] = []) throws(ValidationError) {
        guard radius.isFinite, radius > 0, radius <= Self.maximumRadius else {
            throw ValidationError(
                .outOfRange,
                field: "radius",
                reason: "must be more than 0 and at most \(Self.maximumRadius.wholeNumberText) metres, got \(radius)"
            )
        }
        guard window.isFinite, window > 0, window <= Self.maximumWindow else {
            throw ValidationError(
                .outOfRange,
                field: "window",
                reason: "must be more than 0 seconds and at most 365 days, got \(window) seconds"
            )
        }
        guard Set(related).count == related.count else {
            throw ValidationError(.duplicate, field: "related", reason: "a related service type is named twice")
        }
        self.radius = radius
        self.window = window
        self.related = related
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                radius: try container.decode(Double.self, forKey: .radius),
                window: try container.decode(Double.self, forKey: .window),
                related: try container.decodeIfPresent([ServiceTypeCode].self, forKey: .related) ?? []
            )
        } catch let error as ValidationError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description)
            )
        }
    }
}

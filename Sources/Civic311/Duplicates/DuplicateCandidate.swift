import Foundation

/// An open request that a new report may be a duplicate of, with its score and why.
///
/// Offered to the call-taker or the app before a new ticket is made
/// (``ServiceCenter/duplicateCandidates(for:by:limit:)``), so the resident can say "yes, that is
/// the one" and the new report is merged into it instead of starting a second crew visit.
public struct DuplicateCandidate: Hashable, Sendable, CustomStringConvertible {
    /// One part of the score, in words.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The candidate is `metres` away; the type's rule allows `radius`.
        case distance(metres: Double, radius: Double)
        /// The candidate was reported `seconds` before now; the rule looks back `window`.
        case age(seconds: TimeInterval, window: TimeInterval)
        /// The candidate is of the same service type.
        case sameServiceType(ServiceTypeCode)
        /// The candidate is of a type the rule names as related ("the family").
        case relatedServiceType(ServiceTypeCode)
        /// Other reports are already merged into the candidate: a known, shared problem.
        case alreadyReported(times: Int)

        public var description: String {
            switch self {
            case .distance(let metres, let radius):
                "\(metres.rounded().wholeNumberText) m away (within \(radius.wholeNumberText) m)"
            case .age(let seconds, let window):
                "reported \(Self.duration(seconds)) ago (within \(Self.duration(window)))"
            case .sameServiceType(let code): "same service type \(code)"
            case .relatedServiceType(let code): "related service type \(code)"
            case .alreadyReported(let times): "already reported \(times + 1) times"
            }
        }

        private static func duration(_ seconds: TimeInterval) -> String {
            switch seconds {
            case ..<3_600: "\((seconds / 60).rounded(.down).wholeNumberText) min"
            case ..<172_800: "\((seconds / 3_600).rounded(.down).wholeNumberText) h"
            default: "\((seconds / 86_400).rounded(.down).wholeNumberText) d"
            }
        }
    }

    /// The candidate as a resident may see it: the public view, free text scrubbed.
    public let request: PublicServiceRequest
    /// Metres between the new report and the candidate.
    public let distance: Double
    /// Seconds since the candidate was reported.
    public let age: TimeInterval
    /// 0–100: half for nearness, three tenths for recency, a fifth for the same type (a tenth for
    /// a related one). Candidates are offered best first.
    public let score: Int
    /// What the score is made of, nearest first.
    public let reasons: [Reason]

    public var ticket: TicketNumber { request.ticket }

    public var description: String {
        "\(request.ticket) (\(score)): " + reasons.map(\.description).joined(separator: ", ")
    }

    init(_ request: PublicServiceRequest, distance: Double, age: TimeInterval, score: Int, reasons: [Reason]) {
        self.request = request
        self.distance = distance
        self.age = age
        self.score = score
        self.reasons = reasons
    }
}

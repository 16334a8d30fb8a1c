@_spi(Benchmarks) import Civic311
import Foundation

/// Valid drafts for every service type of a jurisdiction, answering each question with an allowed
/// value, so a benchmark measures intake rather than rejections.
enum SampleDrafts {
    /// Drafts numbered `first`, `first + 1`, …: with `clientRequestIDs`, each carries its own ID,
    /// as a caller that retries safely sends. All are placed at one corner (39.08, −77.15) unless
    /// `spreadOverCounty`, which places each at its own point of the sample county's extent, as
    /// residents' reports fall: one shared point is the nearby grid's cheapest case (one cell)
    /// and, on a district boundary, routing's dearest. A draft's point follows from its number
    /// alone, so drafts made a chunk at a time are the drafts made at once.
    static func make(
        for jurisdiction: Jurisdiction,
        count: Int,
        first: Int = 0,
        clientRequestIDs: Bool = false,
        spreadOverCounty: Bool = false
    ) throws -> [ServiceRequestDraft] {
        let types = jurisdiction.serviceTypes
        let corner = try Coordinate(latitude: 39.08, longitude: -77.15)
        return try (first..<first + count).map { index in
            var random = SplitMix64(seed: 0x5EED ^ UInt64(index))
            let coordinate =
                spreadOverCounty
                ? try Coordinate(
                    latitude: 39.0 + 0.15 * Double(random.next() >> 11) / 0x1p53,
                    longitude: -77.25 + 0.2 * Double(random.next() >> 11) / 0x1p53
                ) : corner
            let serviceType = types[index % types.count]
            var answers: [QuestionCode: AnswerValue] = [:]
            for question in serviceType.questions where question.isRequired || index % 2 == 0 {
                answers[question.id] = answer(question, index)
            }
            return ServiceRequestDraft(
                serviceType: serviceType.id,
                description: "Reported problem number \(index) near the corner",
                location: Location(address: "\(index % 900 + 1) Elm Street", coordinate: coordinate),
                answers: answers,
                submitter: serviceType.requiresContact ? Submitter(name: "Resident", phone: "555-010-0000") : nil,
                channel: index % 3 == 0 ? .web : .phone,
                clientRequestID: clientRequestIDs ? "intake-\(index)" : nil
            )
        }
    }

    static func answer(_ question: ProbingQuestion, _ index: Int) -> AnswerValue {
        switch question.kind {
        case .text: .text("Answer \(index)")
        case .number: .number(Double(index % 5 + 1))
        case .dateTime: .dateTime(Date(timeIntervalSince1970: 1_795_400_000))
        case .yesNo: .yesNo(index % 2 == 0)
        case .singleChoice: .choice(question.choices[index % question.choices.count].value)
        case .multipleChoice: .choices([question.choices[index % question.choices.count].value])
        }
    }
}

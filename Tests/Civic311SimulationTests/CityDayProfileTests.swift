import Civic311
import Civic311Simulation
import Foundation
import Testing

@Suite struct CityDayProfileTests {
    /// `../shared` next to the repository root, when it is there.
    private static let sharedData: URL? = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.path) ? data : nil
    }()

    @Test func sharesSumToOneAndPeakBeforeNoon() {
        let shares = ArrivalProfile.cityDayHourlyShares
        #expect(shares.count == 24)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-4)
        #expect(shares.firstIndex(of: shares.max()!) == 11)
        #expect(shares[3] == shares.min())
    }

    @Test(.enabled(if: sharedData != nil, "needs ../shared/data next to the repository"))
    func sharesMatchChicagosFirstOfJanuary2021() throws {
        let file = try #require(Self.sharedData).appendingPathComponent("chicago311_2021-01-01_Nandini1Bag.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let hourColumn = try #require(header.firstIndex(of: "created_hour"))
        let dateColumn = try #require(header.firstIndex(of: "created_date"))
        var counts = Array(repeating: 0, count: 24)
        for line in lines {
            // The columns before `location` hold no quoted commas.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > hourColumn, fields[dateColumn].hasPrefix("2021-01-01"),
                let hour = Int(fields[hourColumn])
            else { continue }
            counts[hour] += 1
        }
        let total = counts.reduce(0, +)
        #expect(total == 2_953)
        #expect(counts[3] == 26 && counts[11] == 233)
        for (hour, count) in counts.enumerated() {
            #expect(
                abs(Double(count) / Double(total) - ArrivalProfile.cityDayHourlyShares[hour]) < 5e-6,
                "hour \(hour)"
            )
        }
    }
}

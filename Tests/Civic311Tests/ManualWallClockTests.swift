import Civic311
import Foundation
import Testing

@Suite struct ManualWallClockTests {
    private static let start = Date(timeIntervalSince1970: 1_795_442_100)

    @Test func movesOnlyWhenTold() throws {
        let clock = try ManualWallClock(Self.start)
        #expect(clock.now() == Self.start)
        try clock.advance(by: 90)
        try clock.advance(by: -30)
        #expect(clock.now() == Self.start.addingTimeInterval(60))
        try clock.set(Self.start.addingTimeInterval(86_400))
        #expect(clock.now() == Self.start.addingTimeInterval(86_400))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteTimesAreRefusedAndChangeNothing(seconds: Double) throws {
        let start = #expect(throws: ValidationError.self) {
            try ManualWallClock(Date(timeIntervalSince1970: seconds))
        }
        #expect(start?.code == .outOfRange)
        #expect(start?.field == "start")

        let clock = try ManualWallClock(Self.start)
        let advance = #expect(throws: ValidationError.self) { try clock.advance(by: seconds) }
        #expect(advance?.code == .outOfRange)
        #expect(advance?.field == "seconds")
        let set = #expect(throws: ValidationError.self) { try clock.set(Date(timeIntervalSince1970: seconds)) }
        #expect(set?.code == .outOfRange)
        #expect(set?.field == "instant")
        #expect(clock.now() == Self.start)
    }

    @Test func aFiniteMoveThatOverflowsIsRefused() throws {
        let clock = try ManualWallClock(Self.start)
        try clock.advance(by: .greatestFiniteMagnitude)
        let moved = clock.now()
        #expect(throws: ValidationError.self) { try clock.advance(by: .greatestFiniteMagnitude) }
        #expect(clock.now() == moved)
    }
}

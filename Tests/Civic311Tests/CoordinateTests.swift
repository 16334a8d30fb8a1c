import Civic311
import Testing

@Suite struct CoordinateTests {
    @Test func rejectsOutOfRangeLatitude() {
        let error = #expect(throws: ValidationError.self) { try Coordinate(latitude: 91, longitude: 0) }
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "latitude")
    }

    @Test func rejectsNonFiniteLongitude() {
        #expect(throws: ValidationError.self) { try Coordinate(latitude: 0, longitude: .nan) }
    }

    @Test func acceptsCorners() throws {
        let corner = try Coordinate(latitude: -90, longitude: 180)
        #expect(corner.latitude == -90)
    }
}

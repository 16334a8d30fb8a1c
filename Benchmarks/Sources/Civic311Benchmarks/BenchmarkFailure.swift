/// A benchmark whose work did not come out right (records lost, a value that does not read back):
/// its figures would measure something else, so the run stops with this instead of printing them.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

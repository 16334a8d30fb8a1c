/// Builds a sample from its constant document. The test suite loads every sample, so a failure
/// here is a bug in the document, not bad input: it stops the program with the loader's issues.
func sample<Value>(_ what: String, _ build: () throws -> Value) -> Value {
    do {
        return try build()
    } catch {
        preconditionFailure("the sample county \(what) is invalid: \(error)")
    }
}

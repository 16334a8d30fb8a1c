import Foundation
import PostgresTestSupport

/// A `civic311-postgres-writer` process: started with its standard output in a file, waited
/// for or killed, and its acknowledged lines read back.
typealias WriterProcess = ChildProcess

extension ChildProcess {
    /// The writer built next to this test bundle, if it was built.
    static var executable: String? { builtBesideTests("civic311-postgres-writer") }

    /// The acknowledged lines, "<ticket> <version>", each ended by a newline (a line the kill
    /// cut off was never acknowledged).
    func acknowledged() throws -> [(ticket: String, version: Int)] {
        let text = try String(contentsOfFile: output, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let version = Int(parts[1]) else { return nil }
            return (String(parts[0]), version)
        }
    }
}

import ExampleCommandLine
import Foundation

/// The cities' files in a data folder, found by the names their exports carry.
struct OpenDataFiles {
    let boston: URL
    let newYorkCity: [URL]
    let chicago: URL
    let sanFrancisco: URL

    init(in folder: URL) throws(CommandFailure) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw CommandFailure(.failure, "cannot read the data folder \(folder.path): pass --data DIR")
        }
        func files(_ prefix: String) -> [URL] {
            names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".csv") }.map { folder.appendingPathComponent($0) }
        }
        func one(_ prefix: String) throws(CommandFailure) -> URL {
            guard let file = files(prefix).first else {
                throw CommandFailure(.failure, "no \(prefix)*.csv in \(folder.path)")
            }
            return file
        }
        boston = try one("boston311")
        chicago = try one("chicago311")
        sanFrancisco = try one("sf311")
        newYorkCity = files("nyc311")
        guard !newYorkCity.isEmpty else { throw CommandFailure(.failure, "no nyc311*.csv in \(folder.path)") }
    }
}

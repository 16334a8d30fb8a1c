import Civic311
import ExampleCommandLine
import Foundation

/// The `open-data` program: where the cities' files are, and where the exports go.
enum OpenDataProgram {
    static let usage = """
        usage: open-data [--data DIR] [--out DIR]
          --data DIR  the folder of the cities' CSV files (default ../shared/data)
          --out DIR   where the scrubbed exports are written (default: a new temporary folder)
        """

    /// Runs the tour; returns the exit status (1 when the data cannot be read, 2 for a usage
    /// mistake).
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("open-data", usage: usage, console: console) {
            var reader = ArgumentReader(arguments)
            var data = URL(fileURLWithPath: "../shared/data")
            var output: URL?
            do throws(ValidationError) {
                while let option = try reader.nextOption() {
                    switch option {
                    case "--data": data = URL(fileURLWithPath: try reader.value(for: option))
                    case "--out": output = URL(fileURLWithPath: try reader.value(for: option))
                    default:
                        throw ValidationError(.invalidValue, field: option, reason: "is not an option of open-data")
                    }
                }
            } catch {
                throw CommandFailure.usage(error)
            }
            let files = try OpenDataFiles(in: data)
            let folder =
                try output
                ?? FileManager.default.url(
                    for: .itemReplacementDirectory,
                    in: .userDomainMask,
                    appropriateFor: FileManager.default.temporaryDirectory,
                    create: true
                )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await OpenDataTour(files: files, output: folder, console: console).run()
        }
    }
}

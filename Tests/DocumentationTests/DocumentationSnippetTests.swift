import Foundation
import Testing

/// Every ```swift block of the README and the DocC articles is a region of a source that CI
/// builds and runs, so the documents cannot drift from code that works.
///
/// A region is marked in a snippet program under `Examples/Snippets/` (or in a test or a store that CI runs)
/// with `// docs: begin NAME` and `// docs: end`; the block must equal the region's lines, with the
/// region's common indentation removed. Snippet programs hide nothing: every line of theirs is in a
/// region, and a document shows a program's regions in the program's order, so a newcomer who
/// pastes the blocks of an article in turn has the program CI ran.
@Suite struct DocumentationSnippetTests {
    /// The repository's root, three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// One marked region of a source file.
    struct Region: CustomStringConvertible {
        let file: String
        let name: String
        /// The region's place in its file, from 0.
        let index: Int
        let text: String
        var description: String { "\(file) region '\(name)'" }
    }

    /// One ```swift block of a document.
    struct Block: CustomStringConvertible {
        let file: String
        let line: Int
        let text: String
        var description: String { "\(file):\(line)" }
    }

    static func files(under directory: String, extension fileExtension: String) -> [String] {
        let base = root.appendingPathComponent(directory)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".\(fileExtension)") }.sorted()
            .map { "\(directory)/\($0)" }
    }

    static func read(_ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }

    /// README.md and every article of every DocC catalog.
    static func documents() -> [String] {
        ["README.md"] + files(under: "Sources", extension: "md").filter { $0.contains(".docc/") }
    }

    static func blocks(in file: String) throws -> [Block] {
        var blocks: [Block] = []
        var current: (line: Int, lines: [String])?
        for (number, line) in try read(file).components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = (number + 2, [])
            } else if let open = current, trimmed == "```" {
                blocks.append(Block(file: file, line: open.line, text: open.lines.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.lines.append(line)
            }
        }
        return blocks
    }

    /// The regions of `file`, and the lines outside any region that are not blank.
    static func regions(in file: String) throws -> (regions: [Region], outside: [String]) {
        var regions: [Region] = []
        var outside: [String] = []
        var current: (name: String, lines: [String])?
        for line in try read(file).components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// docs: begin ") {
                current = (String(trimmed.dropFirst("// docs: begin ".count)), [])
            } else if trimmed == "// docs: end", let open = current {
                regions.append(Region(file: file, name: open.name, index: regions.count, text: dedent(open.lines)))
                current = nil
            } else if current != nil {
                current?.lines.append(line)
            } else if !trimmed.isEmpty {
                outside.append(line)
            }
        }
        return (regions, outside)
    }

    static func dedent(_ lines: [String]) -> String {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }
        let indent = indents.min() ?? 0
        return lines.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }.joined(separator: "\n")
    }

    /// Every source with a region: the snippet programs, the minimal store the backend article
    /// walks through, and any test that marks one.
    static func snippetSources() throws -> [String] {
        try ["Examples/Snippets", "Examples/MinimalStore", "Tests"].flatMap { files(under: $0, extension: "swift") }
            .filter { try read($0).contains("// docs: begin ") }
    }

    static func allRegions() throws -> [Region] { try snippetSources().flatMap { try regions(in: $0).regions } }

    @Test func everySwiftBlockIsARegionOfASnippet() throws {
        let regions = try Self.allRegions()
        var checked = 0
        for document in Self.documents() {
            for block in try Self.blocks(in: document) {
                checked += 1
                let isRegion = regions.contains { $0.text == block.text }
                #expect(
                    isRegion,
                    "\(block) is not the text of any marked snippet region; copy it from, or into, a snippet"
                )
            }
        }
        #expect(checked >= 10, "the README and the catalogs have code samples")
    }

    @Test func everyRegionIsShownSomewhere() throws {
        let shown = Set(try Self.documents().flatMap { try Self.blocks(in: $0).map(\.text) })
        for region in try Self.allRegions() {
            let isShown = shown.contains(region.text)
            #expect(isShown, "\(region) is in no document")
        }
    }

    @Test func snippetProgramsHideNothing() throws {
        let programs = Self.files(under: "Examples/Snippets", extension: "swift")
        #expect(!programs.isEmpty)
        for program in programs {
            let (regions, outside) = try Self.regions(in: program)
            #expect(!regions.isEmpty, "\(program) has no region")
            #expect(outside.isEmpty, "\(program) has code no document shows: \(outside)")
        }
    }

    @Test func documentsShowAProgramsRegionsInItsOrder() throws {
        let regions = try Self.allRegions()
        for document in Self.documents() {
            var last: [String: Int] = [:]
            for block in try Self.blocks(in: document) {
                guard let region = regions.first(where: { $0.text == block.text }) else { continue }
                #expect(
                    region.index > last[region.file, default: -1],
                    "\(block) shows \(region) out of its program's order"
                )
                last[region.file] = region.index
            }
        }
    }
}

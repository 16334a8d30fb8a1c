import Civic311
import Civic311Testing
import Foundation
import MinimalStore
import Testing

/// The minimal store of the backend article passes the kit: it is a specification that runs.
@Suite struct MinimalRequestStoreConformanceTests {
    static let conformance = RequestStoreConformance { MinimalRequestStore() }

    @Test(arguments: conformance.areas)
    func area(_ area: ConformanceArea) async { await Self.conformance.check(area) }
}

/// The backend article quotes the minimal store: its excerpts must be the store's code, so the
/// walk-through cannot drift from what the kit runs.
@Suite struct ImplementingAStorageBackendArticleTests {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Lines without their indentation, blank lines dropped, joined: how an excerpt is compared.
    static func normalised(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    @Test func everyExcerptIsInTheMinimalStore() throws {
        let article = try String(
            contentsOf: Self.root.appendingPathComponent(
                "Sources/Civic311Testing/Civic311Testing.docc/ImplementingAStorageBackend.md"
            ),
            encoding: .utf8
        )
        let store = Self.normalised(
            try String(
                contentsOf: Self.root.appendingPathComponent("Examples/MinimalStore/MinimalRequestStore.swift"),
                encoding: .utf8
            )
        )
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
        // Whole examples import modules or declare tests; everything else is an excerpt.
        let excerpts = blocks.filter { !$0.contains("import ") && !$0.contains("@Test") }
        #expect(excerpts.count >= 4)
        for excerpt in excerpts {
            #expect(store.contains(Self.normalised(excerpt)), "not in MinimalRequestStore.swift:\n\(excerpt)")
        }
    }
}

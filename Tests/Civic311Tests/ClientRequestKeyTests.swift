import Testing

@testable import Civic311

/// A key compares and hashes by its submitter and ID without building its scope text, so the
/// two must agree: keys are equal exactly when their scopes and IDs are, over submitters chosen to
/// collide if anything could (departments with `/` and `%`, staff names that look like a
/// department, combining marks, empty and look-alike identities).
@Suite struct ClientRequestKeyTests {
    static let submitters: [Participant] = [
        .resident(nil), .resident("sam@example.com"), .resident("resident"), .resident(""),
        .callTaker("maria"), .callTaker("call-taker:maria"), .callTaker("e\u{301}"), .callTaker("\u{e9}"),
        .departmentStaff("j.okafor", department: "DOT"), .departmentStaff("DOT/j.okafor", department: "X"),
        .departmentStaff("j.okafor", department: "DOT/X"), .departmentStaff("X/j.okafor", department: "DOT"),
        .departmentStaff("a", department: "B%2F"), .departmentStaff("a", department: "B/"),
        .departmentStaff("\u{301}a", department: "B"), .supervisor("chief"), .supervisor("staff:DOT/chief"),
        .integration("cityworks", department: "DOT"), .integration("DOT/cityworks", department: ""),
        .integration("", department: "DOT/cityworks"), .system,
    ]

    @Test func keysAreEqualExactlyWhenScopeAndIdentifierAre() {
        let ids = ["form-1", "form-1 ", "e\u{301}", "\u{e9}"]
        let keys = Self.submitters.flatMap { submitter in ids.map { ClientRequestKey(id: $0, submittedBy: submitter) } }
        for left in keys {
            for right in keys {
                let sameText = left.scope == right.scope && left.id == right.id
                #expect((left == right) == sameText, "\(left.scope) \(left.id) / \(right.scope) \(right.id)")
                if left == right { #expect(left.hashValue == right.hashValue) }
            }
        }
        // Canonically equivalent spellings are one key, as the scope text compares them.
        #expect(
            ClientRequestKey(id: "e\u{301}", submittedBy: .callTaker("e\u{301}"))
                == ClientRequestKey(id: "\u{e9}", submittedBy: .callTaker("\u{e9}"))
        )
    }

    @Test func theScopeIsTheDocumentedText() {
        #expect(ClientRequestKey(id: "1", submittedBy: .callTaker("maria")).scope == "call-taker:maria")
        #expect(ClientRequestKey(id: "1", submittedBy: .resident(nil)).scope == "resident")
        #expect(
            ClientRequestKey(id: "1", submittedBy: .departmentStaff("j", department: "A/B")).scope == "staff:A%2FB/j"
        )
    }
}

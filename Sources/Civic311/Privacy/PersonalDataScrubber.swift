/// Removes personal data from free text before the public sees it: e-mail addresses, phone
/// numbers, and the submitter's own name, phone number and e-mail address.
///
/// ``PublicServiceRequest`` runs every free-text field through the center's scrubber by default
/// (``PrivacySettings/publicTextScrubber``), and open-data exports use the same type:
///
/// ```swift
/// let scrubber = PersonalDataScrubber()
/// scrubber.scrub("Call me on (555) 010-7788 or sam@example.org")
/// // "Call me on [phone removed] or [email removed]"
/// scrubber.scrub("Sam Rivera says the hole is back", submitter: request.submitter)
/// // "[name removed] says the hole is back"
/// ```
///
/// The rules are pattern rules over UTF-8 bytes, with no regular expressions, so a short text
/// costs well under a microsecond; text with nothing to remove is returned as it was, without a
/// copy. The *Privacy* article lists each rule and, as plainly, what no pattern can catch.
public struct PersonalDataScrubber: Hashable, Sendable {
    /// Which kinds of personal data are removed.
    public struct Rules: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Any e-mail address, also written `sam [at] example [dot] org` or
        /// `sam at example dot org`.
        public static let emailAddresses = Rules(rawValue: 1 << 0)
        /// Any run of 7 to 15 digits written as a phone number (North American and international
        /// forms, with an extension), and longer digit runs such as card or account numbers.
        /// Dates, ZIP+4 codes, year ranges, decimals and valid ticket numbers are left alone.
        public static let phoneNumbers = Rules(rawValue: 1 << 1)
        /// The submitter's own name (each part, capitalized as names are written, or the whole
        /// name in any case), phone number and e-mail address, in whatever spelling they appear.
        public static let submitterDetails = Rules(rawValue: 1 << 2)

        /// Every rule: the default.
        public static let all: Rules = [.emailAddresses, .phoneNumbers, .submitterDetails]
    }

    /// What replaces each kind of removed text.
    public struct Placeholders: Hashable, Sendable {
        public var email: String
        public var phone: String
        public var name: String

        public init(
            email: String = "[email removed]",
            phone: String = "[phone removed]",
            name: String = "[name removed]"
        ) {
            self.email = email
            self.phone = phone
            self.name = name
        }
    }

    public var rules: Rules
    public var placeholders: Placeholders

    /// A scrubber applying `rules` (every rule by default). An empty set of rules turns scrubbing
    /// off.
    public init(rules: Rules = .all, placeholders: Placeholders = Placeholders()) {
        self.rules = rules
        self.placeholders = placeholders
    }

    /// `text` with every e-mail address and phone number replaced by its placeholder.
    public func scrub(_ text: String) -> String { scrub(text, submitter: nil) }

    /// `text` with every e-mail address and phone number replaced, and with `submitter`'s own
    /// name, phone number and e-mail address replaced wherever they appear.
    public func scrub(_ text: String, submitter: Submitter?) -> String {
        scrub(text, known: prepared(submitter))
    }

    /// `submitter`'s details prepared for searching, or `nil` when the rules do not search for
    /// them: preparing is most of the cost of a short text, so a caller scrubbing several texts of
    /// one request (a public view, an open-data row) prepares once.
    func prepared(_ submitter: Submitter?) -> KnownPersonalData? {
        rules.contains(.submitterDetails) ? submitter.map(KnownPersonalData.init) : nil
    }

    /// ``scrub(_:submitter:)`` with the submitter's details already prepared by ``prepared(_:)``.
    func scrub(_ text: String, known: KnownPersonalData?) -> String {
        guard !rules.isEmpty, !text.isEmpty else { return text }
        if let scrubbed = text.utf8.withContiguousStorageIfAvailable({ scrub($0, known: known) }) {
            return scrubbed ?? text
        }
        // A bridged string without contiguous UTF-8: copy once.
        var copy = text
        return copy.withUTF8 { scrub($0, known: known) } ?? text
    }

    /// The scrubbed text, or `nil` when nothing was found (so the caller keeps its own string).
    private func scrub(_ bytes: UnsafeBufferPointer<UInt8>, known: KnownPersonalData?) -> String? {
        var finder = PersonalDataFinder(bytes, rules: rules, known: known)
        let findings = finder.findAll()
        guard !findings.isEmpty else { return nil }
        return Self.replacing(findings, in: bytes, with: placeholders)
    }

    /// Writes `bytes` with each finding replaced by its placeholder; the findings are sorted and
    /// do not overlap.
    private static func replacing(
        _ findings: [PersonalDataFinder.Finding],
        in bytes: UnsafeBufferPointer<UInt8>,
        with placeholders: Placeholders
    ) -> String {
        func placeholder(_ kind: PersonalDataFinder.Kind) -> String {
            switch kind {
            case .email: placeholders.email
            case .phone: placeholders.phone
            case .name: placeholders.name
            }
        }
        var length = bytes.count
        for finding in findings { length += placeholder(finding.kind).utf8.count - (finding.end - finding.start) }
        return String(unsafeUninitializedCapacity: length) { output in
            var written = 0
            var copied = 0
            func append(_ slice: UnsafeBufferPointer<UInt8>.SubSequence) {
                for byte in slice {
                    output[written] = byte
                    written += 1
                }
            }
            for finding in findings {
                append(bytes[copied..<finding.start])
                var replacement = placeholder(finding.kind)
                replacement.withUTF8 { append($0[...]) }
                copied = finding.end
            }
            append(bytes[copied...])
            return written
        }
    }
}

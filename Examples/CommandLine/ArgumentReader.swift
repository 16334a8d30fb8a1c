import Civic311

/// Walks an argument list option by option; values follow their option as the next argument or
/// after `=` (`--seed=7`). Every mistake is a `ValidationError` whose field names the option.
package struct ArgumentReader {
    private let arguments: [String]
    private var index = 0
    private var pendingValue: String?
    private var seen: Set<String> = []

    package init(_ arguments: [String]) { self.arguments = arguments }

    /// The next option, or `nil` at the end; an option outside `repeatable` may appear once.
    package mutating func nextOption(repeatable: Set<String> = []) throws(ValidationError) -> String? {
        if let pendingValue {
            throw ValidationError(.invalidValue, field: "arguments", reason: "unexpected value \"\(pendingValue)\"")
        }
        guard index < arguments.count else { return nil }
        var option = arguments[index]
        index += 1
        guard option.hasPrefix("-") else {
            throw ValidationError(.invalidValue, field: "arguments", reason: "unexpected argument \"\(option)\"")
        }
        // By scalar: a value starting with a combining mark joins the "=" into one Character,
        // which a Character search would miss (found by the call-day-arguments fuzz target).
        let scalars = option.unicodeScalars
        if let equals = scalars.firstIndex(of: "=") {
            pendingValue = String(scalars[scalars.index(after: equals)...])
            option = String(scalars[..<equals])
        }
        guard repeatable.contains(option) || seen.insert(option).inserted else {
            throw ValidationError(.duplicate, field: option, reason: "is given more than once")
        }
        return option
    }

    /// The value of `option`.
    package mutating func value(for option: String) throws(ValidationError) -> String {
        if let pending = pendingValue {
            pendingValue = nil
            return pending
        }
        guard index < arguments.count, !arguments[index].hasPrefix("--") else {
            throw ValidationError(.missingValue, field: option, reason: "needs a value")
        }
        index += 1
        return arguments[index - 1]
    }

    /// A whole number in `range`.
    package mutating func integer(for option: String, in range: ClosedRange<Int>) throws(ValidationError) -> Int {
        let text = try value(for: option)
        guard let number = Int(text) else {
            throw ValidationError(.invalidValue, field: option, reason: "expected a whole number, got \"\(text)\"")
        }
        guard range.contains(number) else {
            throw ValidationError(
                .outOfRange,
                field: option,
                reason: "must lie between \(range.lowerBound) and \(range.upperBound), got \(number)"
            )
        }
        return number
    }

    /// A whole number from zero up, as wide as a seed.
    package mutating func unsigned(for option: String) throws(ValidationError) -> UInt64 {
        let text = try value(for: option)
        guard let number = UInt64(text) else {
            throw ValidationError(
                .invalidValue,
                field: option,
                reason: "expected a whole number from 0, got \"\(text)\""
            )
        }
        return number
    }

    /// A finite number, greater than zero when `positive`, else zero or more.
    package mutating func number(for option: String, positive: Bool) throws(ValidationError) -> Double {
        let text = try value(for: option)
        guard let number = Double(text), number.isFinite else {
            throw ValidationError(.invalidValue, field: option, reason: "expected a number, got \"\(text)\"")
        }
        guard positive ? number > 0 : number >= 0 else {
            let bound = positive ? "must be greater than zero" : "must not be negative"
            throw ValidationError(.outOfRange, field: option, reason: "\(bound), got \(text)")
        }
        return number
    }
}

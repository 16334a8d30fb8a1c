extension Double {
    /// The value rounded to a whole number, for messages and reports: digits while an `Int` holds it
    /// exactly, Swift's own form beyond (`1e+300`), and `∞`, `-∞` or `n/a` for what is not a number.
    /// A message about an extreme value must not trap converting it.
    package var wholeNumberText: String {
        let rounded = self.rounded()
        if abs(rounded) < 1e15 { return String(Int(rounded)) }
        if rounded.isNaN { return "n/a" }
        if rounded.isInfinite { return rounded > 0 ? "∞" : "-∞" }
        return "\(rounded)"
    }
}

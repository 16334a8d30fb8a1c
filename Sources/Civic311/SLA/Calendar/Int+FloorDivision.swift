extension Int {
    /// The quotient rounded towards negative infinity, so that day and week numbers before 1970 stay
    /// consistent with those after it.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder that goes with ``floorDivided(by:)``: always in `0..<divisor` for a positive divisor.
    func floorModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder != 0 && (remainder < 0) != (divisor < 0) ? remainder + divisor : remainder
    }
}

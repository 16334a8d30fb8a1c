import Civic311

/// `log` and `exp` written with IEEE-754 basic operations only.
///
/// The C library's `log` and `exp` differ in the last bit between platforms (glibc, Apple's libm,
/// musl…). The samplers use these instead, so a seed gives bit-identical simulations everywhere.
/// Both are accurate to about one unit in the last place; the tests compare them with the C library.
enum PortableMath {
    private static let ln2High = 6.93147180369123816490e-01  // ln 2 with the low 32 bits zero, so k·ln2High is exact
    private static let ln2Low = 1.90821492927058770002e-10  // ln 2 − ln2High
    private static let inverseLn2 = 1.44269504088896338700e+00

    /// The natural logarithm. `log(0) = −∞`; negative arguments and NaN give NaN.
    static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else {
            if x == 0 { return -.infinity }
            return x == .infinity ? .infinity : .nan
        }
        var value = x
        var exponent = 0
        if !value.isNormal {
            // Subnormal: scale into the normal range first (exact).
            value *= 0x1p54
            exponent = -54
        }
        // value = m·2^e with m in [√½, √2), so f = m − 1 is small in both directions. The fields are
        // taken from the bit pattern directly (the `exponent`/`significand` accessors are not inlined).
        let bits = value.bitPattern
        var e = Int((bits >> 52) & 0x7FF) - 1_023
        var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if m > 1.4142135623730951 {
            m *= 0.5
            e += 1
        }
        exponent += e
        let f = m - 1
        // log(1 + f) = 2·atanh(s) with s = f/(2 + f), written as f − (f²/2 − s(f²/2 + R)) where
        // R = Σ_{k≥1} 2·s^{2k}/(2k + 1); |s| < 0.1716, so twelve terms reach 1e−19.
        let s = f / (2 + f)
        let z = s * s
        var r = 2.0 / 25.0
        r = r * z + 2.0 / 23.0
        r = r * z + 2.0 / 21.0
        r = r * z + 2.0 / 19.0
        r = r * z + 2.0 / 17.0
        r = r * z + 2.0 / 15.0
        r = r * z + 2.0 / 13.0
        r = r * z + 2.0 / 11.0
        r = r * z + 2.0 / 9.0
        r = r * z + 2.0 / 7.0
        r = r * z + 2.0 / 5.0
        r = r * z + 2.0 / 3.0
        r *= z
        let halfSquare = 0.5 * f * f
        let k = Double(exponent)
        return k * ln2High - ((halfSquare - (s * (halfSquare + r) + k * ln2Low)) - f)
    }

    /// The exponential function; overflows to `+∞` above 709.78 and underflows to 0 below −745.13.
    static func exp(_ x: Double) -> Double {
        guard x.isFinite else {
            if x.isNaN { return x }
            return x > 0 ? .infinity : 0
        }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        // x = k·ln 2 + r with |r| ≤ ½ ln 2; e^r by its Taylor series to degree 14 (error below 1e−18).
        let k = (x * inverseLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2High) - k * ln2Low
        var p = 1.0 / 87_178_291_200.0
        p = p * r + 1.0 / 6_227_020_800.0
        p = p * r + 1.0 / 479_001_600.0
        p = p * r + 1.0 / 39_916_800.0
        p = p * r + 1.0 / 3_628_800.0
        p = p * r + 1.0 / 362_880.0
        p = p * r + 1.0 / 40_320.0
        p = p * r + 1.0 / 5_040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let n = Int(k)
        // Scale in two steps when 2^n alone would leave the normal range; 2^n is built from its bits.
        if n > 1000 { return p * 0x1p1000 * powerOfTwo(n - 1000) }
        if n < -1000 { return p * 0x1p-1000 * powerOfTwo(n + 1000) }
        return p * powerOfTwo(n)
    }

    /// 2^n for n in the normal range −1022…1023.
    @inline(__always)
    private static func powerOfTwo(_ n: Int) -> Double {
        Double(bitPattern: UInt64(n + 1_023) << 52)
    }
}

import Civic311

extension ArrivalProfile {
    /// The share of a day's contacts in each hour (00:00–01:00 first) of a real city's 311 day.
    ///
    /// Derived once from Chicago's open 311 data (Chicago Data Portal, dataset v6vf-nfxy): the
    /// `created_hour` of the 2,953 service requests created on Friday 1 January 2021, from 26 an hour at
    /// 3–4 am to 233 at 11 am–noon, divided by 2,953 and rounded to five decimals. The data itself is
    /// not part of this package.
    public static let cityDayHourlyShares: [Double] = [
        0.03793, 0.02811, 0.01896, 0.00880, 0.00880, 0.01219, 0.02066, 0.03623,
        0.04639, 0.05892, 0.07416, 0.07890, 0.07789, 0.04639, 0.04673, 0.06603,
        0.05215, 0.04605, 0.04064, 0.06299, 0.03759, 0.03928, 0.03048, 0.02370,
    ]

    /// A day shaped like a real city's (``cityDayHourlyShares``), linear between hour midpoints, every
    /// day of the week alike.
    ///
    /// - Throws: ``SimulationError`` when `contactsPerDay` is negative or not finite.
    public static func cityDay(contactsPerDay: Double) throws(SimulationError) -> ArrivalProfile {
        try ArrivalProfile(contactsPerDay: contactsPerDay, hourlyWeights: cityDayHourlyShares, shape: .linear)
    }
}

import Foundation

/// One fuzz target: a parser of outside input and the properties its results must keep.
///
/// `run` feeds one input and stops the process through ``PropertyCheck/fail(_:_:)`` when a property
/// is broken; libFuzzer reports that as a crash and keeps the input, as it does for a trap.
struct FuzzTarget: Sendable {
    /// The name given in `CIVIC311_FUZZ_TARGET` and used for the corpus folder.
    let name: String
    /// Feeds one input.
    let run: @Sendable (Data) -> Void

    /// Every target, in the order the run script fuzzes them.
    static let all: [FuzzTarget] = [
        .ticketNumber, .intake, .jurisdiction, .calendar, .serviceLevels, .routing, .geoJSON,
        .storeOption, .callDayArguments, .sqliteFile, .open311JSON, .open311XML, .open311Form,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

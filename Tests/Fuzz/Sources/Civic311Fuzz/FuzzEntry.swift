import Foundation

// libFuzzer's entry points. One binary holds every target, so the fuzz build links once; the
// environment variable CIVIC311_FUZZ_TARGET chooses the target (see Documentation/Fuzzing.md).
// libFuzzer's own `main` drives them: the binary is built with `-sanitize=fuzzer` only.

/// The target chosen at start-up; set once, before the first input, on libFuzzer's thread.
nonisolated(unsafe) private var chosenTarget: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let environment = ProcessInfo.processInfo.environment
    if let directory = environment["CIVIC311_FUZZ_WRITE_SEEDS"] {
        exit(SeedWriter.writeAll(into: directory))
    }
    guard let name = environment["CIVIC311_FUZZ_TARGET"], let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("set CIVIC311_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    chosenTarget = target
    // The SQLite target's scratch directory belongs to this process; leave nothing behind.
    atexit { try? FileManager.default.removeItem(atPath: SQLiteScratchFile.directory) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let target = chosenTarget else { return 0 }
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    target.run(data)
    return 0
}

// SwiftPM links an executable with its entry point renamed (`main` is defined as
// `civic311_fuzz_main`, so that tests could link it), which keeps libFuzzer's own `main` out of the
// link. This entry point hands control to libFuzzer's driver, as its `main` would.

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("civic311_fuzz_main")
public func fuzzMain(
    _ argc: CInt,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzerTestOneInput)
}

import Foundation

/// The command line: `--port N` (required), `--store memory|sqlite:PATH`, `--api-key KEY`.
struct ServerOptions {
    static let usage = "usage: open311-server --port N [--store memory|sqlite:PATH] [--api-key KEY]"

    var port: Int
    /// The SQLite file requests are kept in, or `nil` for memory.
    var sqlitePath: String?
    /// The key submissions must carry (`OPEN311_API_KEY`, or `demo-key`).
    var apiKey: String

    /// The options the arguments give; prints the usage and exits 2 on anything else.
    static func parse(_ arguments: [String], environment: [String: String]) -> ServerOptions {
        var port: Int?
        var sqlitePath: String?
        var apiKey = environment["OPEN311_API_KEY"] ?? "demo-key"
        var index = 0
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--port":
                guard let text = value(), let number = Int(text), (1...65_535).contains(number) else {
                    fail("--port takes a port number from 1 to 65535")
                }
                port = number
            case "--store":
                guard let text = value() else { fail("--store takes memory or sqlite:PATH") }
                if text == "memory" {
                    sqlitePath = nil
                } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
                    sqlitePath = String(text.dropFirst("sqlite:".count))
                } else {
                    fail("--store takes memory or sqlite:PATH, not '\(text)'")
                }
            case "--api-key":
                guard let text = value(), !text.isEmpty else { fail("--api-key takes a key") }
                apiKey = text
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                fail("unrecognised argument '\(arguments[index])'")
            }
            index += 1
        }
        guard let port else { fail("--port is required") }
        return ServerOptions(port: port, sqlitePath: sqlitePath, apiKey: apiKey)
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("open311-server: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

import Civic311
import Foundation
import FuzzExampleCommandLine

extension FuzzTarget {
    /// The examples' `--store` value (`memory`, `sqlite:PATH`, `postgres:URL`): an accepted value
    /// prints back to itself, and a refused one is an error about `--store` with a reason. The
    /// store is never opened: that is the SQLite target (a PostgreSQL URL is read by libpq when
    /// the store opens).
    static let storeOption = FuzzTarget(name: "store-option") { data in
        let text = String(decoding: data, as: UTF8.self)
        let option: StoreOption
        do throws(ValidationError) {
            option = try StoreOption(parsing: text)
        } catch {
            PropertyCheck.expect(
                error.field == "--store" && !error.reason.isEmpty,
                "a refused --store names the option and a reason",
                "\(error)"
            )
            return
        }
        let written =
            switch option {
            case .memory: "memory"
            case .sqlite(let path): "sqlite:" + path
            case .postgres(let url): "postgres:" + url
            }
        PropertyCheck.expect(written == text, "an accepted --store value is exactly what was given", text)
        PropertyCheck.expect(
            (try? StoreOption(parsing: written)) == option,
            "a --store value parses back to itself",
            text
        )
    }
}

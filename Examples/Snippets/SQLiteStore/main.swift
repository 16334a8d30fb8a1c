// docs: begin sqlite-store
import Civic311
import Civic311SQLite
import Civic311SampleCounty
import Foundation

// A database file that outlives the process. `.create` makes a new store and refuses a path
// where anything exists; `.open` opens a store and never creates one.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("center-\(UUID()).sqlite").path
let store = try SQLiteRequestStore(path: path, mode: .create)
let center = try await ServiceCenter(
    jurisdiction: .sampleCounty,
    store: store,
    configuration: .init(node: 1)
)
let ack = try await center.submit(
    ServiceRequestDraft(
        serviceType: "GRAFFITI",
        description: "Tags on the library wall",
        location: Location(address: "1 Library Plaza"),
        answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
        channel: .web
    ),
    by: .resident(nil)
)
store.close()
let reopened = try SQLiteRequestStore(path: path, mode: .open)
let survivor = try await reopened.request(ack.ticket)
print(survivor?.state == .new)  // true: the request survived the restart
// docs: end

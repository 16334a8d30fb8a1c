// One day in the life of Cedar Valley 311, narrated: every kind of contact, a pothole from
// phone call to close-out and back, a hold, a rejected input and a refused operation.
//
//     swift run lifecycle [--store memory|sqlite:PATH|postgres:URL]
//
// With postgres:URL (a libpq URI such as postgresql://user@/db?host=/socket/dir&port=N) the
// process leases a free ticket node from the database, so several may run on it at once.
//
// A store that cannot be opened, or arguments that are not understood, print a message and exit
// with status 1 or 2.

import ExampleCommandLine
import Foundation

exit(await LifecycleProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))

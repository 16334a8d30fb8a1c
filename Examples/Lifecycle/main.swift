// One day in the life of Cedar Valley 311, narrated: every kind of contact, a pothole from
// phone call to close-out and back, a hold, a rejected input and a refused operation.
//
//     swift run lifecycle [--store memory|sqlite:PATH]
//
// A store that cannot be opened, or arguments that are not understood, print a message and exit
// with status 1 or 2.

import ExampleCommandLine
import Foundation

exit(await LifecycleProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))

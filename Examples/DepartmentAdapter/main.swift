// A public-works work-order system connected to Cedar Valley 311 both ways, narrated: requests
// pile up in a department outbox while the back office is down and are delivered once when it
// recovers; the back office's status updates close requests with the crew's notes; an unknown
// status is parked, a re-keyed work order still finds its request, and a request returned as not
// theirs is rerouted and cancelled in the back office.
//
//     swift run department-adapter [--store memory|sqlite:PATH|postgres:URL]
//
// A store that cannot be opened, or arguments that are not understood, print a message and exit
// with status 1 or 2.

import ExampleCommandLine
import Foundation

exit(await DepartmentAdapterProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))

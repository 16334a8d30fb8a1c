// Closing the loop at Cedar Valley 311, narrated: a question answered from the knowledge base, a
// water leak reported twice and merged, the department's real note reaching both residents (one
// in Spanish, by text message), and a "not fixed" survey that reopens the request.
//
//     swift run closing-the-loop

import ExampleCommandLine
import Foundation

exit(await ClosingTheLoopProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))

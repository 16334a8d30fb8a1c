// Real 311 records, imported and published again: Boston's, with the SDK's on-time figure beside
// the city's own flag; New York's, Chicago's and San Francisco's, counted by agency and channel;
// and all of them exported again as open data, scrubbed.
//
//     swift run open-data                      # reads ../shared/data
//     swift run open-data --data DIR --out DIR

import ExampleCommandLine
import Foundation

exit(await OpenDataProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))

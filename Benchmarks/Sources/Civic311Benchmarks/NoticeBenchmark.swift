import Civic311
import Civic311SampleCounty
import Foundation

/// Notice rendering (issue 13's figure: at least 1M notices a second): the sample county's
/// templates for every kind and channel in English and Spanish, filled with varied values, beside
/// the same text joined by hand with `+` in the same run (the least any renderer does). Values are
/// made before the clock starts: a dispatcher makes them once per notice, from the request.
enum NoticeBenchmark {
    static func run() throws {
        let catalog = NoticeCatalog.sampleCounty
        let templates = catalog.templates.sorted { "\($0.key)" < "\($1.key)" }.map(\.value)
        let notes = [
            "", "Filled with hot asphalt, 2 by 3 feet.", "Rellenamos el bache con asfalto caliente.",
            "Crew 7 will come on Tuesday morning; please move the car.",
        ]
        let values = (0..<1_000).map { index in
            NoticeValues(
                ticket: "02518-46980-\(String(10_000 + index).suffix(5))",
                serviceType: index % 2 == 0 ? "Pothole" : "Graffiti",
                department: index % 3 == 0 ? "Transportation and Streets" : "Public Works",
                expectedBy: index % 2 == 0 ? "November 26, 2026" : "26 de noviembre de 2026",
                status: index % 2 == 0 ? "in progress" : "en curso",
                note: notes[index % notes.count]
            )
        }
        let count = 2_000_000
        var checksum = 0
        let times = try Measurement.interleaved(
            runs: 5,
            [
                {
                    for index in 0..<count {
                        let rendered = templates[index % templates.count].render(values[index % values.count])
                        checksum &+= rendered.body.utf8.count
                    }
                },
                {
                    for index in 0..<count {
                        let value = values[index % values.count]
                        let body = "311 " + value.ticket + ": " + value.status + ". " + value.note
                        checksum &+= body.utf8.count
                    }
                },
            ]
        )
        print(
            "notices: \(templates.count) templates, \(values.count) value sets, \(count) renders a run; \(Measurement.load())"
        )
        Measurement.report("notices: render a template", Measurement.spread(count, times[0]), target: "≥ 1M/s")
        Floor.rate("notices: render a template", Floor.medianRate(count, times[0]), target: 1_000_000)
        Measurement.report("notices: the same joined by hand (baseline)", Measurement.spread(count, times[1]))
        print(Measurement.ratio("rendering", times[0], per: count, "joining by hand", times[1], per: count))
        if checksum == 42 { print("") }  // keeps the work observable to the optimiser
    }
}

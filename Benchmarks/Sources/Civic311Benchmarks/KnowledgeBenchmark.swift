@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// Knowledge search (issue 13's figure: p99 under 100 µs over 10,000 articles): the latency of one
/// `KnowledgeBase.search` over a generated base of 10,000 articles, for residents' questions with
/// typos and other word forms.
///
/// The base is made from a seed, so every run searches the same one. Its words are the sample
/// county's: the vocabulary of its 48 articles, drawn with the skew of natural text (a few words
/// often, most rarely). Each article takes its title, keyword and answer lengths from one of the
/// sample county's articles, so the sizes vary as a real base's do, and (in the base "by topic")
/// most of its words too. A tenth are internal. Latency is reported as each search's thread CPU
/// time (what it costs) and wall time (what a caller waits, including the moments another
/// process held the core: on a loaded machine that is most of the tail).
/// The queries are the questions of a call day: words of the sample county's titles and keywords,
/// some in another form (plural, -ing, -ed) and some with a typo (a swap, a dropped, doubled or
/// wrong letter), with stop words around them ("when is my …").
enum KnowledgeBenchmark {
    static let articleCount = 10_000
    static let queryCount = 2_000
    static let runs = 5

    static func run() throws {
        var random = SplitMix64(seed: 20_251_207)
        let sample = Jurisdiction.sampleCounty.knowledgeArticles
        let queries = questions(from: sample, using: &random)
        for topical in [true, false] {
            let base = try KnowledgeBase(articles: articles(from: sample, topical: topical, using: &random))
            try measure(base, queries, name: topical ? "by topic" : "one vocabulary")
        }
    }

    private static func measure(_ base: KnowledgeBase, _ queries: [String], name: String) throws {
        // Each search's wall time (what a caller waits, preemption by other processes included)
        // and its thread's CPU time (what the search costs).
        var wall: [Double] = []
        var cpu: [Double] = []
        var runCPU: [Double] = []
        var matched = 0
        wall.reserveCapacity(queries.count * runs)
        cpu.reserveCapacity(queries.count * runs)
        for run in 0..<runs {
            let time = Measurement.cpuSeconds {
                for (index, query) in queries.enumerated() {
                    let audience: KnowledgeArticle.Audience = index % 4 == 0 ? .internal : .public
                    let startCPU = Measurement.threadCPUTime()
                    let start = ContinuousClock.now
                    let found = base.search(query, for: audience)
                    wall.append((ContinuousClock.now - start).seconds)
                    cpu.append(Measurement.threadCPUTime() - startCPU)
                    if run == 0, !found.isEmpty { matched += 1 }
                }
            }
            runCPU.append(time.cpu)
        }
        wall.sort()
        cpu.sort()
        let words = base.articles.reduce(0) { $0 + $1.answer.split(separator: " ").count }
        print(
            "knowledge, \(name): \(base.articles.count) articles (\(words) answer words), \(queries.count) queries a run "
                + "(\(matched) found something), \(runs) runs; \(Measurement.load())"
        )
        let micro = { (seconds: Double) in String(format: "%.1f µs", seconds * 1e6) }
        Floor.latency("knowledge, \(name): p99 (CPU)", Measurement.percentile(cpu, 0.99), target: 100e-6)
        for (figure, samples) in [("CPU", cpu), ("wall", wall)] {
            Measurement.report(
                "knowledge, \(name): search latency (\(figure))",
                "p50 \(micro(Measurement.percentile(samples, 0.5))) / p99 \(micro(Measurement.percentile(samples, 0.99)))"
                    + " / max \(micro(samples.last ?? .nan))",
                target: figure == "CPU" ? "p99 < 100 µs" : nil
            )
        }
        Measurement.report(
            "knowledge, \(name): searches per CPU second",
            Measurement.spread(queries.count, runCPU.map { ($0, $0) }).replacingOccurrences(
                of: " CPU (wall median",
                with: " CPU (median"
            )
        )
    }

    /// Words of the sample county's articles, each field's own, with their counts.
    private static func vocabulary(_ texts: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for text in texts {
            for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                counts[String(word), default: 0] += 1
            }
        }
        // The most frequent first, so drawing low indexes more often makes the skew of real text.
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }

    /// A word drawn with a Zipf-like skew: index ⌊n^u⌋ - 1 for u uniform in [0, 1).
    private static func draw(_ words: [String], using random: inout SplitMix64) -> String {
        let u = Double(random.next() >> 11) * 0x1p-53
        return words[min(words.count - 1, Int(pow(Double(words.count), u)) - 1)]
    }

    /// The base. By topic, each article is about one of the sample county's: most of its words
    /// are that article's, the rest the whole vocabulary's, as a real base's articles each keep to
    /// their matter. In one vocabulary, every word is drawn from the whole vocabulary, so the most
    /// frequent words are in nearly every article: the worst case for an inverted index.
    private static func articles(
        from sample: [KnowledgeArticle],
        topical: Bool,
        using random: inout SplitMix64
    ) -> [KnowledgeArticle] {
        let titleWords = vocabulary(sample.map(\.title))
        let keywordWords = vocabulary(sample.flatMap(\.keywords))
        let answerWords = vocabulary(sample.map(\.answer))
        func text(
            _ count: Int,
            from words: [String],
            topic: [String],
            using random: inout SplitMix64
        ) -> String {
            (0..<max(1, count)).map { _ in
                topical && !topic.isEmpty && random.next() % 10 < 7
                    ? topic[Int(random.next() % UInt64(topic.count))] : draw(words, using: &random)
            }
            .joined(separator: " ")
        }
        return (0..<articleCount).map { index in
            // Sizes as one of the sample's articles, give or take a fifth.
            let model = sample[Int(random.next() % UInt64(sample.count))]
            func vary(_ count: Int) -> Int { count + Int(random.next() % UInt64(count / 5 + 1)) - count / 10 }
            func words(_ text: String) -> [String] {
                text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            }
            let titleCount = vary(words(model.title).count)
            let answerCount = vary(words(model.answer).count)
            let modelKeywords = model.keywords.flatMap(words)
            let keywords = (0..<vary(model.keywords.count)).map { _ in
                text(1 + Int(random.next() % 2), from: keywordWords, topic: modelKeywords, using: &random)
            }
            return KnowledgeArticle(
                id: KnowledgeArticleID("KB-\(String(100_000 + index).dropFirst())"),
                title: text(titleCount, from: titleWords, topic: words(model.title) + modelKeywords, using: &random),
                answer: text(answerCount, from: answerWords, topic: words(model.answer), using: &random) + ".",
                keywords: keywords,
                audience: index % 10 == 0 ? .internal : .public
            )
        }
    }

    private static func questions(from sample: [KnowledgeArticle], using random: inout SplitMix64) -> [String] {
        let words = vocabulary(sample.map(\.title) + sample.flatMap(\.keywords)).filter { $0.count >= 3 }
        let openings = ["", "when is my", "how do I", "where can I", "is there a", "what about the", "I need"]
        return (0..<queryCount).map { _ in
            var query = openings[Int(random.next() % UInt64(openings.count))]
            for _ in 0..<(1 + random.next() % 4) {
                var word = draw(words, using: &random).lowercased()
                switch random.next() % 10 {
                case 0, 1: word = inflect(word, using: &random)
                case 2, 3: word = misspell(word, using: &random)
                default: break
                }
                query += (query.isEmpty ? "" : " ") + word
            }
            return query
        }
    }

    /// Another form of `word`: plural, -ing or -ed.
    private static func inflect(_ word: String, using random: inout SplitMix64) -> String {
        switch random.next() % 3 {
        case 0: word.hasSuffix("s") ? word : word + "s"
        case 1: word.hasSuffix("e") ? word.dropLast() + "ing" : word + "ing"
        default: word.hasSuffix("e") ? word + "d" : word + "ed"
        }
    }

    /// `word` with one typo: two neighbours swapped, a letter dropped, doubled or replaced.
    private static func misspell(_ word: String, using random: inout SplitMix64) -> String {
        var letters = Array(word)
        guard letters.count >= 4 else { return word }
        let at = 1 + Int(random.next() % UInt64(letters.count - 2))
        switch random.next() % 4 {
        case 0: letters.swapAt(at, at + 1)
        case 1: letters.remove(at: at)
        case 2: letters.insert(letters[at], at: at)
        default: letters[at] = Array("etaoinsrhl")[Int(random.next() % 10)]
        }
        return String(letters)
    }
}

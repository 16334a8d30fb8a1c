import Civic311
import Civic311Simulation
import Testing

@Suite struct DiscreteEventEngineTests {
    @Test func deliversInTimeOrderWithTiesInInsertionOrder() {
        var queue = EventQueue<String>()
        queue.insert("c", at: 3)
        queue.insert("a1", at: 1)
        queue.insert("b", at: 2)
        queue.insert("a2", at: 1)
        queue.insert("a3", at: 1)
        var order: [String] = []
        while let (_, event) = queue.removeNext() { order.append(event) }
        #expect(order == ["a1", "a2", "a3", "b", "c"])
    }

    @Test func heapOrderHoldsUnderRandomLoad() {
        var generator = Xoshiro256StarStar(seed: 11)
        var queue = EventQueue<Int>()
        var reference: [(time: Double, sequence: Int)] = []
        for sequence in 0..<2_000 {
            // Coarse times force many ties.
            let time = Double(generator.next() % 200)
            queue.insert(sequence, at: time)
            reference.append((time, sequence))
            if sequence % 3 == 0 {
                let removed = queue.removeNext()!
                let expected = reference.min { ($0.time, $0.sequence) < ($1.time, $1.sequence) }!
                #expect(removed.time == expected.time && removed.event == expected.sequence)
                reference.removeAll { $0.sequence == expected.sequence }
            }
        }
        var last = (time: -1.0, sequence: -1)
        while let (time, event) = queue.removeNext() {
            #expect(time > last.time || (time == last.time && event > last.sequence))
            last = (time, event)
        }
    }

    @Test func engineClockAdvancesWithEvents() {
        var engine = DiscreteEventEngine<Int>()
        engine.schedule(1, at: 5)
        engine.schedule(2, after: 2)
        #expect(engine.nextEvent() == 2)
        #expect(engine.now == 2)
        engine.schedule(3, after: 1)
        #expect(engine.nextEvent() == 3)
        #expect(engine.now == 3)
        #expect(engine.nextEvent(notAfter: 4) == nil)
        #expect(engine.now == 4)
        #expect(engine.pendingEvents == 1)
        #expect(engine.nextEvent() == 1)
        #expect(engine.deliveredEvents == 3)
        #expect(engine.nextEvent() == nil)
    }
}

import StarlingCore
import StarlingTestKit
import HTTPTypes
import Testing

@Suite struct IDGeneratorTests {
    @Test func anIDIsItsCreationTimeAndStrictlyIncreases() {
        let clock = ManualClock()
        let ids = IDGenerator(clock: clock)
        let first = ids.next()
        #expect(first == clock.nowMicros())
        #expect(ids.next() == first + 1, "two ids in one microsecond stay unique")
        clock.advance(seconds: 1)
        #expect(ids.next() == clock.nowMicros())
    }

    @Test func realIDsStayBelowTwoToThe53() {
        let ids = IDGenerator(clock: SystemWallClock())
        var previous: Int64 = 0
        for _ in 0..<10_000 {
            let id = ids.next()
            #expect(id > previous && id <= IDGenerator.maximum)
            previous = id
        }
    }
}

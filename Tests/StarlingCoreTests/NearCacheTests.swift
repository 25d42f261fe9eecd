import NIOCore
import StarlingCore
import StarlingTestKit
import Testing

/// The near cache's rules: what a read may store, judged against the invalidations seen since it
/// began; nothing held while no listener is connected; bounded by bytes and by age.
struct NearCacheTests {
    func enabled(budget: Int = 1 << 20, clock: any WallClock = ManualClock(), logLimit: Int = 1_000) -> NearCache {
        let near = NearCache(byteBudget: budget, clock: clock, logLimit: logLimit)
        near.enable()
        return near
    }

    func text(_ values: [ByteBuffer?]) -> [String?] {
        values.map { $0.map { String(buffer: $0) } }
    }

    @Test func aStoredValueIsAnsweredWithoutTheServer() throws {
        let near = enabled()
        let (values, ticket) = near.lookUp(["user:1", "user:2"])
        #expect(text(values) == [nil, nil])
        near.store(["user:1", "user:2"], [ByteBuffer(string: "ada"), nil], ticket: try #require(ticket))
        #expect(text(near.lookUp(["user:2", "user:1"]).values) == [nil, "ada"], "an absence is not kept")
        #expect(text(near.lookUp(kind: "user", ids: [1]).values) == ["ada"], "a numbered key is the same key")
    }

    @Test func aReadThatBeganBeforeAnInvalidationDoesNotStore() throws {
        let near = enabled()
        let before = try #require(near.lookUp(["tweet:7"]).ticket)
        near.invalidate(["tweet:7"])  // the change's message overtook the server's answer
        near.store(["tweet:7"], [ByteBuffer(string: "old")], ticket: before)
        #expect(text(near.lookUp(["tweet:7"]).values) == [nil])

        let after = try #require(near.lookUp(["tweet:7"]).ticket)
        near.store(["tweet:7"], [ByteBuffer(string: "new")], ticket: after)
        #expect(text(near.lookUp(["tweet:7"]).values) == ["new"], "a read that began after the invalidation stores")
    }

    @Test func anInvalidationOfAnotherKeyDoesNotStopAStore() throws {
        let near = enabled()
        let ticket = try #require(near.lookUp(["tweet:1"]).ticket)
        near.invalidate(["tweet:2"])
        near.store(kind: "tweet", ids: [1], [ByteBuffer(string: "one")], ticket: ticket)
        #expect(text(near.lookUp(["tweet:1"]).values) == ["one"])
    }

    @Test func anInvalidationDropsAHeldValue() throws {
        let near = enabled()
        near.store(["session:abc"], [ByteBuffer(string: "1:99")], ticket: try #require(near.lookUp([]).ticket))
        near.invalidate(["session:abc"])
        #expect(text(near.lookUp(["session:abc"]).values) == [nil])
    }

    @Test func nothingIsHeldWhileDisabled() throws {
        let near = NearCache(byteBudget: 1 << 20, clock: ManualClock())
        #expect(near.lookUp(["user:1"]).ticket == nil, "disabled until a listener enables it")
        near.enable()
        let ticket = try #require(near.lookUp(["user:1"]).ticket)
        near.store(["user:1"], [ByteBuffer(string: "ada")], ticket: ticket)
        near.disable()
        #expect(near.lookUp(["user:1"]).ticket == nil)
        near.enable()
        #expect(text(near.lookUp(["user:1"]).values) == [nil], "disabling dropped what was held")
        near.store(["user:1"], [ByteBuffer(string: "ada")], ticket: ticket)
        #expect(text(near.lookUp(["user:1"]).values) == [nil], "a read that began before the listener reconnected stores nothing")
    }

    @Test func aFlushDropsEverythingAndStopsReadsInFlight() throws {
        let near = enabled()
        let ticket = try #require(near.lookUp([]).ticket)
        near.store(["user:1"], [ByteBuffer(string: "ada")], ticket: ticket)
        near.invalidateAll()
        #expect(text(near.lookUp(["user:1"]).values) == [nil])
        near.store(["user:2"], [ByteBuffer(string: "bob")], ticket: ticket)
        #expect(text(near.lookUp(["user:2"]).values) == [nil])
    }

    @Test func aFullLogStopsTheReadsThatBeganBeforeIt() throws {
        let near = enabled(logLimit: 4)
        let ticket = try #require(near.lookUp([]).ticket)
        near.invalidate(["a:1", "a:2", "a:3"])
        near.invalidate(["a:4", "a:5"])  // past the limit: the log is cleared, so it no longer knows
        near.store(["a:1", "b:1"], [ByteBuffer(string: "x"), ByteBuffer(string: "y")], ticket: ticket)
        #expect(text(near.lookUp(["a:1", "b:1"]).values) == [nil, nil])
    }

    @Test func anEntryLivesAtMostItsMaximumAge() throws {
        let clock = ManualClock()
        let near = NearCache(byteBudget: 1 << 20, clock: clock, maximumAgeSeconds: 10)
        near.enable()
        near.store(["user:1"], [ByteBuffer(string: "ada")], ticket: try #require(near.lookUp([]).ticket))
        clock.advance(seconds: 9)
        #expect(text(near.lookUp(["user:1"]).values) == ["ada"])
        clock.advance(seconds: 2)
        #expect(text(near.lookUp(["user:1"]).values) == [nil])
    }

    @Test func keysReadInTurnBeyondTheBudgetStillHit() throws {
        let near = enabled(budget: 256 * 1024)
        let value = ByteBuffer(repeating: 7, count: 300)
        let ids = (0..<1_200).map(Int64.init)  // some 1.5 times what fits
        var hits = 0
        for turn in 0..<4 {
            for id in ids {
                let (found, ticket) = near.lookUp(kind: "tweet", ids: [id])
                if found[0] != nil {
                    if turn > 0 { hits += 1 }
                } else {
                    near.store(kind: "tweet", ids: [id], [value], ticket: try #require(ticket))
                }
            }
        }
        #expect(hits > ids.count, "a plain LRU finds none of a turn larger than it again: \(hits) hits in 3 turns")
    }

    @Test func entriesAreBoundedByBytes() throws {
        let near = enabled(budget: 64 * 1024)
        let value = ByteBuffer(repeating: 7, count: 1_000)
        for id in 0..<1_000 {
            near.store(kind: "tweet", ids: [Int64(id)], [value], ticket: try #require(near.lookUp([]).ticket))
        }
        let usage = near.usage
        #expect(usage.bytes <= usage.budget)
        #expect(usage.entries < 64)
        #expect(usage.entries > 32, "full, not emptied")
    }
}

import StarlingCore
import StarlingTestKit
import Synchronization
import Testing

struct StoreDown: Error {}

/// Switches in a shared store that another process changes, and that can fail.
final class SharedSwitches: FeatureSwitches {
    let base = MemoryFeatureSwitches()
    private let down = Atomic(false)

    var isDown: Bool {
        get { down.load(ordering: .relaxed) }
        set { down.store(newValue, ordering: .relaxed) }
    }

    func percentage(_ name: String) async throws -> Int {
        if isDown { throw StoreDown() }
        return await base.percentage(name)
    }

    func set(_ name: String, percentage: Int) async throws {
        if isDown { throw StoreDown() }
        try await base.set(name, percentage: percentage)
    }
}

/// The in-process cache of switches: fresh for its TTL, read again after it, and holding the last
/// known value while the store fails. The clock is moved by hand.
@Suite struct CachedFeatureSwitchesTests {
    @Test func aSwitchIsReadAgainOnceItsTTLIsOverAndKeepsItsLastValueWhileTheStoreFails() async throws {
        let clock = ManualClock()
        let shared = SharedSwitches()
        let cached = CachedFeatureSwitches(shared, clock: clock, ttlSeconds: 5)
        try await shared.set("x", percentage: 50)
        #expect(try await cached.percentage("x") == 50)

        try await shared.base.set("x", percentage: 70)  // another process turns it up
        clock.advance(seconds: 4)
        #expect(try await cached.percentage("x") == 50, "still fresh")
        clock.advance(seconds: 2)
        #expect(try await cached.percentage("x") == 70, "read again after five seconds")

        shared.isDown = true
        clock.advance(seconds: 6)
        #expect(try await cached.percentage("x") == 70, "the last known value, not off")
        shared.isDown = false
        try await shared.base.set("x", percentage: 10)
        #expect(try await cached.percentage("x") == 10, "and the store's value once it answers again")
    }
}

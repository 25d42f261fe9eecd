import Synchronization

/// Reads switches from a shared store (Redis) through a short in-process cache, so checking a
/// switch on every request costs no round trip; a store that fails keeps the last values.
public final class CachedFeatureSwitches: FeatureSwitches {
    private let backing: any FeatureSwitches
    private let clock: any WallClock
    private let ttlMicros: Int64
    private let cache = Mutex<[String: (value: Int, fetchedAt: Int64)]>([:])

    public init(_ backing: any FeatureSwitches, clock: any WallClock, ttlSeconds: Double = 5) {
        self.backing = backing
        self.clock = clock
        self.ttlMicros = Int64(ttlSeconds * 1_000_000)
    }

    public func percentage(_ name: String) async throws -> Int {
        let now = clock.nowMicros()
        let cached = cache.withLock { $0[name] }
        if let cached, now - cached.fetchedAt < ttlMicros { return cached.value }
        do {
            let value = try await backing.percentage(name)
            cache.withLock { $0[name] = (value, now) }
            return value
        } catch {
            return cached?.value ?? 0
        }
    }

    public func set(_ name: String, percentage: Int) async throws {
        try await backing.set(name, percentage: percentage)
        cache.withLock { $0[name] = nil }
    }
}

import Synchronization

/// The embedded `RateLimiter`: fixed-window counters in this process.
public final class MemoryRateLimiter: RateLimiter {
    private struct Window: Hashable {
        let key: String
        let seconds: Int
        let index: Int64
    }

    private let clock: any WallClock
    private let counters = Mutex<[Window: Int]>([:])

    public init(clock: any WallClock) {
        self.clock = clock
    }

    public func hit(_ key: String, limits: [RateLimit]) async -> Int? {
        let nowSeconds = clock.nowMicros() / 1_000_000
        return counters.withLock { counters -> Int? in
            if counters.count > 100_000 { counters = counters.filter { $0.key.index >= nowSeconds / Int64($0.key.seconds) } }
            var wait: Int?
            var windows: [Window] = []
            for limit in limits {
                let index = nowSeconds / Int64(limit.seconds)
                let window = Window(key: key, seconds: limit.seconds, index: index)
                windows.append(window)
                if counters[window, default: 0] >= limit.count {
                    let remaining = Int((index + 1) * Int64(limit.seconds) - nowSeconds)
                    wait = max(wait ?? 0, remaining)
                }
            }
            // A refused hit uses up nothing: the limits count what was let through.
            if wait == nil {
                for window in windows { counters[window, default: 0] += 1 }
            }
            return wait
        }
    }
}

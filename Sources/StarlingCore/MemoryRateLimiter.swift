import Synchronization

/// The embedded `RateLimiter`: a sliding-window log per key and limit, in this process.
///
/// Each limit keeps the times of the last `count` hits it let through; a hit is allowed when fewer
/// than `count` of them lie within the last `seconds`. Unlike fixed windows, no burst across a
/// window's edge gets more than `count` hits into any `seconds`-long stretch.
public final class MemoryRateLimiter: RateLimiter {
    private struct LogKey: Hashable {
        let key: String
        let seconds: Int
    }

    /// The default budget: 8 MB, some 30,000 logs of ten hits.
    public static let defaultByteBudget = 8 << 20

    private let clock: any WallClock
    /// Hit times in microseconds, oldest first, at most `count` per log; bounded by bytes, the
    /// least recently hit logs dropped first (a log whose hits all left its window holds nothing
    /// worth keeping).
    private let logs: Mutex<ByteBoundedLRU<LogKey, [Int64]>>

    public init(clock: any WallClock, byteBudget: Int = MemoryRateLimiter.defaultByteBudget) {
        self.clock = clock
        self.logs = Mutex(ByteBoundedLRU(budget: byteBudget))
    }

    public func hit(_ key: String, limits: [RateLimit]) async -> Int? {
        let now = clock.nowMicros()
        return logs.withLock { logs -> Int? in
            var waitMicros: Int64 = 0
            for limit in limits {
                // A refused hit counts as a use too: a client being refused keeps its log.
                let log = logs.value(forKey: LogKey(key: key, seconds: limit.seconds)) ?? []
                let recent = log.drop { $0 <= now - limit.seconds.secondsAsMicroseconds }
                if recent.count >= limit.count {
                    // The hit that must leave the window before another fits.
                    let blocking = recent[recent.endIndex - limit.count]
                    waitMicros = max(waitMicros, blocking + limit.seconds.secondsAsMicroseconds - now)
                }
            }
            // A refused hit uses up nothing: the logs hold what was let through.
            guard waitMicros == 0 else { return Int((waitMicros + 999_999) / 1_000_000) }
            for limit in limits {
                let logKey = LogKey(key: key, seconds: limit.seconds)
                let kept = logs.update(logKey, touching: true) { log in
                    log.append(now)
                    if log.count > limit.count { log.removeFirst(log.count - limit.count) }
                    return Self.cost(key: key, log)
                }
                if !kept { logs.set(logKey, [now], bytes: Self.cost(key: key, [now])) }
            }
            return nil
        }
    }

    /// What one log is charged: its bookkeeping, its key's heap and its hit times' storage.
    private static func cost(key: String, _ log: [Int64]) -> Int {
        MemoryCost.tableEntry + MemoryCost.string(key) + MemoryCost.array(capacity: log.capacity, stride: 8)
    }
}

extension Int {
    /// These seconds in microseconds, saturating (limits are configuration, never this large).
    public var secondsAsMicroseconds: Int64 {
        let (value, overflow) = Int64(self).multipliedReportingOverflow(by: 1_000_000)
        return overflow ? .max / 2 : value
    }
}

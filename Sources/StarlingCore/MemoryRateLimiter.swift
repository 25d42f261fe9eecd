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

    private let clock: any WallClock
    /// Hit times in microseconds, oldest first, at most `count` per log.
    private let logs = Mutex<[LogKey: [Int64]]>([:])

    public init(clock: any WallClock) {
        self.clock = clock
    }

    public func hit(_ key: String, limits: [RateLimit]) async -> Int? {
        let now = clock.nowMicros()
        return logs.withLock { logs -> Int? in
            if logs.count > 100_000 {
                logs = logs.filter { entry in (entry.value.last ?? 0) > now - entry.key.seconds.secondsAsMicroseconds }
            }
            var waitMicros: Int64 = 0
            for limit in limits {
                let log = logs[LogKey(key: key, seconds: limit.seconds)] ?? []
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
                var log = logs[logKey] ?? []
                log.append(now)
                if log.count > limit.count { log.removeFirst(log.count - limit.count) }
                logs[logKey] = log
            }
            return nil
        }
    }
}

extension Int {
    /// These seconds in microseconds, saturating (limits are configuration, never this large).
    public var secondsAsMicroseconds: Int64 {
        let (value, overflow) = Int64(self).multipliedReportingOverflow(by: 1_000_000)
        return overflow ? .max / 2 : value
    }
}

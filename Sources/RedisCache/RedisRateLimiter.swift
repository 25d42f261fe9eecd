import RESP
import StarlingCore

/// The `RateLimiter` on Redis: fixed windows shared by every server process, counted with one
/// atomic script per hit, with the same rules as `MemoryRateLimiter` (a refused hit counts
/// nothing). When Redis fails, the in-process `fallback` decides, so requests are neither all
/// refused nor unlimited while it is down.
public struct RedisRateLimiter: RateLimiter {
    /// KEYS one window counter per limit; ARGV for each limit its count, then its window in ms.
    /// Returns the 1-based positions of the limits already reached (then nothing is counted),
    /// or an empty array after counting the hit in every window.
    private static let hitAllWindows = RedisScript("""
        local reached = {}
        for i, key in ipairs(KEYS) do
          if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i - 1]) then reached[#reached + 1] = i end
        end
        if #reached > 0 then return reached end
        for i, key in ipairs(KEYS) do
          if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
        end
        return reached
        """)

    private let client: RedisClient
    private let fallback: any RateLimiter
    private let prefix: String
    private let clock: any WallClock

    public init(client: RedisClient, fallback: any RateLimiter, prefix: String = "rl:") {
        self.init(client: client, fallback: fallback, prefix: prefix, clock: SystemWallClock())
    }

    /// With a clock that says which windows are current (tests move it by hand).
    init(client: RedisClient, fallback: any RateLimiter, prefix: String, clock: any WallClock) {
        self.client = client
        self.fallback = fallback
        self.prefix = prefix
        self.clock = clock
    }

    public func hit(_ key: String, limits: [RateLimit]) async -> Int? {
        guard !limits.isEmpty else { return nil }
        let nowSeconds = clock.nowMicros() / 1_000_000
        let windows = limits.map { limit in (limit: limit, index: nowSeconds / Int64(limit.seconds)) }
        // One hash tag per key keeps all of its windows in one Redis Cluster slot.
        let keys = windows.map { "\(prefix){\(key)}:\($0.limit.seconds):\($0.index)" }
        // A window's counter lives until its window is over, plus a few seconds for clock skew
        // between the processes that share it.
        let arguments = windows.flatMap { [String($0.limit.count), String(($0.limit.seconds + 5) * 1_000)] }
        do {
            let reached = try await client.evaluate(Self.hitAllWindows, keys: keys, arguments: arguments)
            guard let positions = reached.array?.compactMap(\.int) else {
                throw RedisError.protocolError("unexpected rate-limit reply \(reached)")
            }
            let waits = positions.compactMap { position -> Int? in
                guard windows.indices.contains(position - 1) else { return nil }
                let (limit, index) = windows[position - 1]
                return Int((index + 1) * Int64(limit.seconds) - nowSeconds)
            }
            return waits.max()
        } catch {
            return await fallback.hit(key, limits: limits)
        }
    }
}

import RESP
import StarlingCore

/// The `RateLimiter` on Redis: sliding-window logs shared by every server process, one sorted
/// set of hit times per key and limit, checked and updated by one atomic script per hit, with the
/// same rules as `MemoryRateLimiter` (a refused hit counts nothing). When Redis fails, the
/// in-process `fallback` decides, so requests are neither all refused nor unlimited while it is down.
public struct RedisRateLimiter: RateLimiter {
    /// KEYS one log per limit; ARGV the time now (µs), this hit's unique member, then for each
    /// limit its count and its window (µs). Returns the microseconds to wait (then nothing is
    /// recorded), or 0 after recording the hit in every log.
    private static let hitAllWindows = RedisScript("""
        local now = tonumber(ARGV[1])
        local wait = 0
        for i, key in ipairs(KEYS) do
          local count = tonumber(ARGV[2 * i + 1])
          local window = tonumber(ARGV[2 * i + 2])
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          local n = redis.call('ZCARD', key)
          if n >= count then
            local blocking = redis.call('ZRANGE', key, n - count, n - count, 'WITHSCORES')
            local w = tonumber(blocking[2]) + window - now
            if w > wait then wait = w end
          end
        end
        if wait > 0 then return wait end
        for i, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[2])
          redis.call('PEXPIRE', key, math.floor(tonumber(ARGV[2 * i + 2]) / 1000) + 5000)
        end
        return 0
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
        let now = clock.nowMicros()
        // One hash tag per key keeps all of its logs in one Redis Cluster slot.
        let keys = limits.map { "\(prefix){\(key)}:\($0.seconds)" }
        let member = "\(now)-\(UInt64.random(in: 0...UInt64.max))"
        let arguments = [String(now), member] + limits.flatMap { [String($0.count), String($0.seconds.secondsAsMicroseconds)] }
        do {
            let reply = try await client.evaluate(Self.hitAllWindows, keys: keys, arguments: arguments)
            guard let waitMicros = reply.int else {
                throw RedisError.protocolError("unexpected rate-limit reply \(reply)")
            }
            return waitMicros > 0 ? Int((Int64(waitMicros) + 999_999) / 1_000_000) : nil
        } catch {
            return await fallback.hit(key, limits: limits)
        }
    }
}

import RESP

extension RedisFeedCache {
    /// KEYS[1] a list; ARGV id, cap, sentinel. Adds the id only to a cached list (others are
    /// rebuilt on their next read), then trims it to the cap from the lowest scores: the
    /// sentinel goes first, so an overflowing list becomes incomplete.
    static let pushIfCached = RedisScript("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
        local size = redis.call('ZCARD', KEYS[1])
        local ids = size
        if redis.call('ZSCORE', KEYS[1], ARGV[3]) then ids = size - 1 end
        local cap = tonumber(ARGV[2])
        if ids > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, size - cap - 1) end
        return 1
        """)

    /// KEYS[1] a lease; ARGV token. Deletes the lease only while it holds this token.
    static let deleteIfHeld = RedisScript("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """)
}

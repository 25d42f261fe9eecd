import NIOCore
import RESP
import StarlingCore

/// The `KeyValueCache` on Redis: plain string keys under a prefix, with a time to live.
public struct RedisKeyValueCache: KeyValueCache {
    /// INCRBY only when the key exists (and holds an integer): an absent counter stays absent.
    private static let incrementIfPresent = RedisScript("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        local value = redis.pcall('INCRBY', KEYS[1], ARGV[1])
        if type(value) == 'table' then return false end
        return value
        """)

    private let client: RedisClient
    private let prefix: String

    public init(client: RedisClient, prefix: String = "kv:") {
        self.client = client
        self.prefix = prefix
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        var found: [String: ByteBuffer] = [:]
        for (key, value) in zip(keys, try await values(for: keys)) where value != nil {
            found[key] = value
        }
        return found
    }

    public func values(for keys: [String]) async throws -> [ByteBuffer?] {
        try await client.mget(keys.map { prefix + $0 })
    }

    /// The keys are written straight into the command (`prefix`, the kind, `:`, the digits).
    public func values(kind: String, ids: [Int64]) async throws -> [ByteBuffer?] {
        let keyPrefix = prefix + kind + ":"
        return try await client.mget(ids.map { RESPNumberedKey(prefix: keyPrefix, number: $0) })
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        let commands = entries.map { RESPCommand.set(prefix + $0.key, $0.value, expireMilliseconds: max(1, ttlSeconds) * 1_000) }
        try await client.pipeline(commands).throwingFirstError()
    }

    public func delete(_ keys: [String]) async throws {
        try await client.del(keys.map { prefix + $0 })
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        try await client.evaluate(Self.incrementIfPresent, keys: [prefix + key], arguments: [String(delta)]).int
    }
}

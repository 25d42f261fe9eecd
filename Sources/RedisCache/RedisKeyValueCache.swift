import NIOCore
import RESP
import StarlingCore

/// The `KeyValueCache` on Redis: plain string keys under a prefix, with a time to live. A deleted
/// key's hold is the key set to `held` for `CacheKeys.holdSeconds`: `add` is `SET NX`, which it
/// stops, and reads answer it as absent.
public struct RedisKeyValueCache: KeyValueCache {
    /// The value of a held key: no value the application stores looks like it.
    static let held: [UInt8] = Array("\u{0}starling:held\u{0}".utf8)

    /// INCRBY only when the key exists (and holds an integer): an absent counter stays absent.
    private static let incrementIfPresent = RedisScript("""
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        local value = redis.pcall('INCRBY', KEYS[1], ARGV[1])
        if type(value) == 'table' then return false end
        return value
        """)

    private let client: RedisClient
    private let prefix: String
    private let near: NearCache?

    /// The in-process copy of recent values, if any.
    public var nearCache: NearCache? { near }

    /// - Parameter near: an in-process copy of recent values, kept coherent by a
    ///   `RedisInvalidationListener` for `prefix` (reads it first; writes drop from it).
    public init(client: RedisClient, prefix: String = "kv:", near: NearCache? = nil) {
        self.client = client
        self.prefix = prefix
        self.near = near
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        var found: [String: ByteBuffer] = [:]
        for (key, value) in zip(keys, try await values(for: keys)) where value != nil {
            found[key] = value
        }
        return found
    }

    public func values(for keys: [String]) async throws -> [ByteBuffer?] {
        guard let near else { return Self.unheld(try await client.mget(keys.map { prefix + $0 })) }
        let (held, ticket) = near.lookUp(keys)
        return try await Self.merging(held) { missing in
            let keys = missing.map { keys[$0] }
            let values = Self.unheld(try await client.mget(keys.map { prefix + $0 }))
            if let ticket { near.store(keys, values, ticket: ticket) }
            return values
        }
    }

    /// The keys are written straight into the command (`prefix`, the kind, `:`, the digits).
    public func values(kind: String, ids: [Int64]) async throws -> [ByteBuffer?] {
        let keyPrefix = prefix + kind + ":"
        guard let near else { return Self.unheld(try await client.mget(ids.map { RESPNumberedKey(prefix: keyPrefix, number: $0) })) }
        let (held, ticket) = near.lookUp(kind: kind, ids: ids)
        return try await Self.merging(held) { missing in
            let ids = missing.map { ids[$0] }
            let values = Self.unheld(try await client.mget(ids.map { RESPNumberedKey(prefix: keyPrefix, number: $0) }))
            if let ticket { near.store(kind: kind, ids: ids, values, ticket: ticket) }
            return values
        }
    }

    /// `held` with its gaps filled by `read` (given their positions, answering in that order); no
    /// read when nothing is missing.
    private static func merging(_ held: [ByteBuffer?], read: ([Int]) async throws -> [ByteBuffer?]) async throws -> [ByteBuffer?] {
        let missing = held.indices.filter { held[$0] == nil }
        guard !missing.isEmpty else { return held }
        let read = try await read(missing)
        guard missing.count < held.count else { return read }
        var merged = held
        for (index, value) in zip(missing, read) { merged[index] = value }
        return merged
    }

    /// The values with holds read as absent.
    private static func unheld(_ values: [ByteBuffer?]) -> [ByteBuffer?] {
        guard values.contains(where: { $0.map(isHeld) ?? false }) else { return values }
        return values.map { value in value.flatMap { isHeld($0) ? nil : $0 } }
    }

    private static func isHeld(_ value: ByteBuffer) -> Bool {
        value.readableBytes == held.count && value.readableBytesView.elementsEqual(held)
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        try await store(entries, ttlSeconds: ttlSeconds, onlyIfAbsent: false)
    }

    public func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        try await store(entries, ttlSeconds: ttlSeconds, onlyIfAbsent: true)
    }

    public func delete(_ keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        let hold = ByteBuffer(bytes: Self.held)
        try await store(Dictionary(keys.map { ($0, hold) }, uniquingKeysWith: { first, _ in first }),
                        ttlSeconds: CacheKeys.holdSeconds, onlyIfAbsent: false)
    }

    /// A write drops its keys from the near cache once the server has it (or failed): this
    /// process reads its own writes whether or not their invalidation has arrived, and a read that
    /// began before cannot store what it found.
    private func store(_ entries: [String: ByteBuffer], ttlSeconds: Int, onlyIfAbsent: Bool) async throws {
        guard !entries.isEmpty else { return }
        defer { near?.invalidate(Array(entries.keys)) }
        let milliseconds = min(max(1, ttlSeconds), Int(Int32.max)) * 1_000
        let commands = entries.map {
            RESPCommand.set(prefix + $0.key, $0.value, expireMilliseconds: milliseconds, onlyIfAbsent: onlyIfAbsent)
        }
        try await client.pipeline(commands).throwingFirstError()
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        defer { near?.invalidate([key]) }
        return try await client.evaluate(Self.incrementIfPresent, keys: [prefix + key], arguments: [String(delta)]).int
    }
}

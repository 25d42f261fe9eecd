import NIOCore

/// The object-cache port: bytes by key with a time to live, read many keys per round trip.
/// In-process by default; Redis (and later Memcached) in production. A cache is a speed-up:
/// callers fall back to the store when it fails.
public protocol KeyValueCache: Sendable {
    /// The values of those `keys` that are present, in one round trip.
    func get(_ keys: [String]) async throws -> [String: ByteBuffer]
    /// The value of each of `keys` in order (nil where absent), in one round trip: what `get`
    /// answers, without a dictionary keyed by the strings for the caller to look up again.
    func values(for keys: [String]) async throws -> [ByteBuffer?]
    /// `values(for:)` of the keys `CacheKeys.numbered(kind, id)` of `ids`.
    func values(kind: String, ids: [Int64]) async throws -> [ByteBuffer?]
    /// Stores every entry with the same time to live, in one round trip (over a hold, too).
    func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws
    /// Stores each entry whose key holds nothing — no value and no hold — in one round trip;
    /// the others are left as they are. What a read-through fill uses: see `delete`.
    func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws
    /// Removes keys after a change (missing keys are not an error), and holds each for
    /// `CacheKeys.holdSeconds`: meanwhile it reads as absent, `increment` leaves it absent, and
    /// `add` does not store it. So a reader that loaded the store before the change and fills
    /// after this delete cannot put its stale copy back; without the hold, a fill that lost that
    /// race would be served until its entry expired.
    func delete(_ keys: [String]) async throws
    /// Adds `delta` to the integer stored at `key` (stored as its decimal text) and returns the
    /// new value — only when the key is present; an absent key stays absent and gives nil.
    func increment(_ key: String, by delta: Int) async throws -> Int?
}

extension KeyValueCache {
    public func values(for keys: [String]) async throws -> [ByteBuffer?] {
        let found = try await get(keys)
        return keys.map { found[$0] }
    }

    public func values(kind: String, ids: [Int64]) async throws -> [ByteBuffer?] {
        try await values(for: ids.map { CacheKeys.numbered(kind, $0) })
    }
}

import NIOCore
import StarlingCore

/// A cache that is down: every call throws. The application must answer from the store.
public struct FailingCache: KeyValueCache, FeedCache {
    public struct Down: Error {}

    public init() {}

    public var cap: Int { 800 }
    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] { throw Down() }
    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws { throw Down() }
    public func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws { throw Down() }
    public func delete(_ keys: [String]) async throws { throw Down() }
    public func increment(_ key: String, by delta: Int) async throws -> Int? { throw Down() }
    public func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup { throw Down() }
    public func fill(_ key: String, ids: [Int64], complete: Bool) async throws { throw Down() }
    public func push(_ id: Int64, to keys: [String]) async throws { throw Down() }
    public func remove(_ id: Int64, from keys: [String]) async throws { throw Down() }
    public func invalidate(_ keys: [String]) async throws { throw Down() }
    public func acquireLease(_ key: String, milliseconds: Int) async throws -> String? { throw Down() }
    public func releaseLease(_ key: String, token: String) async throws { throw Down() }
}

import StarlingCore

/// A feed cache for tests that wraps another and changes only what it implements itself: every
/// other call goes to `base` as it is.
public protocol FeedCacheDecorator: FeedCache {
    var base: any FeedCache { get }
}

extension FeedCacheDecorator {
    public var cap: Int { base.cap }
    public func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup { try await base.page(key, page) }
    public func fill(_ key: String, ids: [Int64], complete: Bool) async throws { try await base.fill(key, ids: ids, complete: complete) }
    public func push(_ id: Int64, to keys: [String]) async throws { try await base.push(id, to: keys) }
    public func remove(_ id: Int64, from keys: [String]) async throws { try await base.remove(id, from: keys) }
    public func invalidate(_ keys: [String]) async throws { try await base.invalidate(keys) }
    public func acquireLease(_ key: String, milliseconds: Int) async throws -> String? {
        try await base.acquireLease(key, milliseconds: milliseconds)
    }
    public func releaseLease(_ key: String, token: String) async throws { try await base.releaseLease(key, token: token) }
}

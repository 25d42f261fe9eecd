import StarlingCore

/// A `CelebrityRepository` that forgets the celebrity generation right after a flag was set or
/// cleared (by the sweep or an admin): every cached feed plan was stored under the old one, so
/// every follower's next read asks the store which celebrities they follow — one key deleted,
/// however many followers the user has.
public struct CachedCelebrityRepository: CelebrityRepository {
    let base: any CelebrityRepository
    let forget: @Sendable ([String]) async -> Void

    /// Forgets through the object cache (pending and retried while it cannot be reached).
    public init(_ base: any CelebrityRepository, objects: ObjectCache) {
        self.init(base) { await objects.invalidate($0) }
    }

    /// Forgets by `forget`: a process without the servers' caches records a job that one of them
    /// runs (`starling admin celebrity`).
    public init(_ base: any CelebrityRepository, forget: @escaping @Sendable ([String]) async -> Void) {
        self.base = base
        self.forget = forget
    }

    public func celebritySince(_ userID: Int64) async throws -> Int64? {
        try await base.celebritySince(userID)
    }

    public func flag(_ userID: Int64, since: Int64, pinned: Bool) async throws -> Bool {
        let added = try await base.flag(userID, since: since, pinned: pinned)
        if added { await forget([CacheKeys.celebrityGeneration]) }
        return added
    }

    public func unflag(_ userID: Int64, backfill: @escaping @Sendable (Int64) -> Job) async throws -> Bool {
        let cleared = try await base.unflag(userID, backfill: backfill)
        if cleared { await forget([CacheKeys.celebrityGeneration]) }
        return cleared
    }

    public func risen(followers: Int) async throws -> [Int64] {
        try await base.risen(followers: followers)
    }

    public func fallen(followers: Int) async throws -> [Int64] {
        try await base.fallen(followers: followers)
    }
}

import NIOCore
import StarlingCore

/// A `FeedSourceRepository` that answers `plan` from the object cache: a warm hybrid read sends
/// the store no plan statement, only one multi-get of three keys — the user's `FeedPlanEntry`,
/// their generation and the celebrity generation. Timelines are read from the store as before.
///
/// Why a cached plan is never wrong:
/// - A follow, an unfollow, a returning user's feed marked stale and a restored one marked
///   current delete that user's generation (`CachedFriendshipRepository`,
///   `CachedActivityRepository`); a celebrity flag set or cleared deletes the celebrity generation
///   (`CachedCelebrityRepository`). Each deletes right after its change committed, in whichever
///   process made it; every process reads the same cache, so the next read anywhere misses.
/// - A miss writes the missing generations (fresh random numbers) *before* it reads the store,
///   and stores its entry under them. A change committed after that read deletes a generation
///   the entry names, so an entry a slow read stores late is never read; a change committed
///   before it is in what the read saw.
/// - A generation that is absent (deleted, expired, evicted) makes every entry under it a miss,
///   so losing keys can only cost a store read.
/// - An invalidation that could not reach the cache is pending in this process, as for every
///   object (`ObjectCache`): a read delivers it before using the cache, or reads the store.
/// - The activity part is a lower bound on the user's last activity, which only grows; and a feed
///   only turns stale for a user whose last activity is older than the threshold, which that
///   bound then fails too. The TTL (`CacheKeys.feedPlanTTLSeconds`) bounds what no invalidation
///   reaches (a flag changed by a process with its own in-process cache).
public struct CachedFeedSourceRepository: FeedSourceRepository {
    let base: any FeedSourceRepository
    let objects: ObjectCache
    let ttlSeconds: Int

    public init(_ base: any FeedSourceRepository, objects: ObjectCache, ttlSeconds: Int = CacheKeys.feedPlanTTLSeconds) {
        self.base = base
        self.objects = objects
        self.ttlSeconds = ttlSeconds
    }

    public func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let keys = Keys(owner: owner)
        guard await pendingDelivered(keys), let found = try? await objects.cache.values(for: keys.all), found.count == 3 else {
            return try await base.plan(owner: owner, activeSince: activeSince, celebrityLimit: celebrityLimit)
        }
        // In the order of `keys.all`: the entry, the user's generation, the celebrity generation.
        let generation = found[1].flatMap(Self.generation)
        let celebrityGeneration = found[2].flatMap(Self.generation)
        if var bytes = found[0], let entry = FeedPlanEntry(from: &bytes),
           entry.generation == generation, entry.celebrityGeneration == celebrityGeneration,
           let plan = entry.facts.plan(activeSince: activeSince, celebrityLimit: celebrityLimit) {
            StarlingMetrics.objectCache(hits: 1, misses: 0, key: keys.entry)
            return plan
        }
        StarlingMetrics.objectCache(hits: 0, misses: 1, key: keys.entry)
        return try await load(keys, activeSince: activeSince, celebrityLimit: celebrityLimit,
                              generations: (generation, celebrityGeneration))
    }

    public func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        try await base.tweetIDs(by: authors, page: page)
    }

    public func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        try await base.pulledFeed(owner: owner, page: page)
    }

    /// A miss: the missing generations first, then the store, then the entry under them. The store
    /// is asked whether the feed is current for a threshold one entry lifetime ahead, so that the
    /// bound it confirms holds for every read while the entry lives.
    private func load(_ keys: Keys, activeSince: Int64, celebrityLimit: Int,
                      generations: (Int64?, Int64?)) async throws -> FeedPlan {
        var fresh: [String: ByteBuffer] = [:]
        let generation = generations.0 ?? Self.newGeneration(keys.generation, into: &fresh)
        let celebrityGeneration = generations.1 ?? Self.newGeneration(keys.celebrityGeneration, into: &fresh)
        if !fresh.isEmpty {
            do {
                try await objects.cache.set(fresh, ttlSeconds: CacheKeys.generationTTLSeconds)
            } catch {
                return try await base.plan(owner: keys.owner, activeSince: activeSince, celebrityLimit: celebrityLimit)
            }
        }
        let (ahead, overflow) = activeSince.addingReportingOverflow(Int64(ttlSeconds) * 1_000_000)
        let bound = overflow ? Int64.max : ahead
        let stored = try await base.plan(owner: keys.owner, activeSince: bound, celebrityLimit: celebrityLimit)
        let facts = FeedPlanFacts(activeAtOrAfter: stored.pushedFeedIsCurrent ? bound : nil, celebrityLimit: celebrityLimit,
                                  celebrities: stored.celebrities)
        var bytes = ByteBuffer()
        FeedPlanEntry(generation: generation, celebrityGeneration: celebrityGeneration, facts: facts).write(to: &bytes)
        try? await objects.cache.set([keys.entry: bytes], ttlSeconds: ttlSeconds)
        return facts.plan(activeSince: activeSince, celebrityLimit: celebrityLimit) ?? stored
    }

    /// Whether the cache may be read for these keys: an invalidation of one of them that could not
    /// reach the cache earlier (pending in this process) is delivered first; until it can be, the
    /// store answers.
    private func pendingDelivered(_ keys: Keys) async -> Bool {
        let pending = objects.pending(among: keys.all)
        guard !pending.isEmpty else { return true }
        do {
            try await objects.invalidateOrThrow(pending.sorted())
            return true
        } catch {
            return false
        }
    }

    private static func generation(_ bytes: ByteBuffer) -> Int64? {
        var bytes = bytes
        return bytes.readFields { $0.int64() }
    }

    private static func newGeneration(_ key: String, into entries: inout [String: ByteBuffer]) -> Int64 {
        let generation = Int64.random(in: 1...Int64.max)
        var bytes = ByteBuffer()
        bytes.writeField(generation)
        entries[key] = bytes
        return generation
    }

    /// The three keys a plan is read with.
    private struct Keys {
        let owner: Int64
        let entry: String
        let generation: String
        let celebrityGeneration = CacheKeys.celebrityGeneration

        init(owner: Int64) {
            self.owner = owner
            entry = CacheKeys.feedPlan(owner)
            generation = CacheKeys.feedPlanGeneration(owner)
        }

        /// The entry, the user's generation, the celebrity generation: `plan` reads them by position.
        var all: [String] { [entry, generation, celebrityGeneration] }
    }
}

import Logging

/// Reads pages of an id list (a newsfeed, a user's tweets) through the `FeedCache`, with the
/// store as the truth: a hit costs no store query; a miss loads the list once — one load per key
/// in this process (single-flight) and, across processes, one per lease, others waiting briefly
/// for it — and fills the cache; pages past the cap, and any cache failure, go to the store.
public struct CachedListReader: Sendable {
    /// Loads a page of ids from the store, newest first.
    public typealias Load = @Sendable (PageRequest) async throws -> Page<Int64>

    let cache: any FeedCache
    let flights = SingleFlight<[Int64]?>()
    let logger: Logger
    /// How long a process holding the lease may take to fill the list.
    let leaseMilliseconds: Int
    /// How long others wait for the lease holder's list before reading the store themselves.
    let waitMilliseconds: Int

    public init(cache: any FeedCache, logger: Logger, leaseMilliseconds: Int = 2_000, waitMilliseconds: Int = 500) {
        self.cache = cache
        self.logger = logger
        self.leaseMilliseconds = leaseMilliseconds
        self.waitMilliseconds = waitMilliseconds
    }

    /// One page of the list under `key`.
    public func page(_ key: String, _ page: PageRequest, load: @escaping Load) async throws -> Page<Int64> {
        let lookup: FeedCacheLookup
        do {
            lookup = try await cache.page(key, page)
        } catch {
            logger.debug("feed cache unavailable", metadata: ["error": "\(error)"])
            return try await load(page)
        }
        switch lookup {
        case .hit(let ids, let hasNextPage):
            StarlingMetrics.feedCacheHit(key: key)
            return Page(items: ids, hasNextPage: hasNextPage)
        case .beyondCache:
            return try await load(page)
        case .miss:
            StarlingMetrics.feedCacheMiss(key: key)
            if let list = try await flights.run(key, { try await fill(key, load: load) }) {
                let candidates = list.filter(page.contains).prefix(page.limit + 1)
                if candidates.count > page.limit || list.count < cache.cap {
                    return page.page(fromNewestFirst: Array(candidates))
                }
                return try await load(page)
            }
            // Another process filled the list (or its lease ran out): read the cache once more.
            if case .hit(let ids, let hasNextPage) = try? await cache.page(key, page) {
                return Page(items: ids, hasNextPage: hasNextPage)
            }
            return try await load(page)
        }
    }

    /// The page when the cache holds it, else nil — a miss, a page past the cap, a failing cache
    /// — without loading or filling anything: a read ahead of knowing whether the list applies.
    public func cachedPage(_ key: String, _ page: PageRequest) async -> Page<Int64>? {
        guard case .hit(let ids, let hasNextPage)? = try? await cache.page(key, page) else { return nil }
        StarlingMetrics.feedCacheHit(key: key)
        return Page(items: ids, hasNextPage: hasNextPage)
    }

    /// Loads the list (the newest `cap` ids) and fills the cache. Returns nil when another process
    /// holds the lease: then it only waits (briefly) for that process's list to appear.
    private func fill(_ key: String, load: @escaping Load) async throws -> [Int64]? {
        let cap = cache.cap
        let lease: String?
        do {
            lease = try await cache.acquireLease(key, milliseconds: leaseMilliseconds)
        } catch {
            return try await load(PageRequest(limit: cap)).items  // the cache is failing: read, do not fill
        }
        guard let lease else {
            let deadline = ContinuousClock.now + .milliseconds(waitMilliseconds)
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
                if let lookup = try? await cache.page(key, PageRequest(limit: 1)), lookup != .miss { break }
            }
            return nil
        }
        defer { Task { try? await cache.releaseLease(key, token: lease) } }
        let loaded = try await load(PageRequest(limit: cap))
        do {
            try await cache.fill(key, ids: loaded.items, complete: !loaded.hasNextPage)
            StarlingMetrics.feedCacheFill(key: key)
            // A fanout that wrote its rows after our load but pushed before our fill found no list
            // to push into: read what arrived since (everything, when the list was empty), and
            // push it now.
            for id in try await load(PageRequest(newerThan: loaded.items.first ?? 0, limit: cap)).items.reversed() {
                try await cache.push(id, to: [key])
            }
        } catch {
            logger.debug("feed cache fill failed", metadata: ["error": "\(error)"])
            try? await cache.invalidate([key])
        }
        return loaded.items
    }
}

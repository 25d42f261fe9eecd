import Accounts
import App
import Foundation
import Memcached
import Newsfeeds
import ServiceLifecycle
import StarlingCore
import StarlingTesting

/// The store's feed sources, counting the plans and pulled pages asked of them: a plan asked of
/// the store is a plan the cache did not answer.
final class CountingFeedSources: FeedSourceRepository {
    let base: any FeedSourceRepository
    let plans = Counter()
    let pulls = Counter()

    init(_ base: any FeedSourceRepository) { self.base = base }

    func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        plans.add()
        return try await base.plan(owner: owner, activeSince: activeSince, celebrityLimit: celebrityLimit)
    }

    func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        try await base.tweetIDs(by: authors, page: page)
    }

    func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        pulls.add()
        return try await base.pulledFeed(owner: owner, page: page)
    }
}

/// A point where callers wait until a test opens it; it counts who arrived. With `hold(_:)`, only
/// the calls for that user wait (others pass at once).
actor Gate {
    private var isOpen = false
    private var held: Int64?
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private(set) var arrivals = 0

    func hold(_ userID: Int64) { held = userID }

    func pass(for userID: Int64? = nil) async {
        if let held, userID != held { return }
        arrivals += 1
        guard !isOpen else { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}

/// The store's feed sources, whose plans wait at `gate` after reading the store: a read in
/// flight, holding what the store said, while the test changes it.
struct GatedFeedSources: FeedSourceRepository {
    let base: any FeedSourceRepository
    let gate: Gate

    func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let plan = try await base.plan(owner: owner, activeSince: activeSince, celebrityLimit: celebrityLimit)
        await gate.pass()
        return plan
    }

    func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        try await base.tweetIDs(by: authors, page: page)
    }

    func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        try await base.pulledFeed(owner: owner, page: page)
    }
}

/// The store's activity, whose `markFeedCurrent` (the end of a restore) waits at `gate`.
struct GatedActivity: ActivityRepository {
    let base: any ActivityRepository
    let gate: Gate

    func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool {
        try await base.recordActivity(userID: userID, at: now, inactiveBefore: inactiveBefore, restore: restore)
    }

    func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64> {
        try await base.active(among: userIDs, since: since)
    }

    func feedStaleSince(userID: Int64) async throws -> Int64? {
        try await base.feedStaleSince(userID: userID)
    }

    func markFeedCurrent(userID: Int64, staleSince since: Int64) async throws {
        await gate.pass(for: userID)
        try await base.markFeedCurrent(userID: userID, staleSince: since)
    }
}

/// An object cache that processes share: one in-process cache (as two Starlings in one process
/// would), Redis, or memcached.
enum SharedCache: String, CaseIterable, Sendable, CustomStringConvertible {
    case inProcess
    case redis
    case memcached

    var description: String { rawValue }

    /// Caches for every process, and the services to run once (by the first).
    func make() throws -> (Caches, [any Service]) {
        switch self {
        case .inProcess: return try CacheBackend.inProcess.make()
        case .redis: return try CacheBackend.redis.make()
        case .memcached:
            guard TestMemcached.isEnabled else {
                try skipTestCase("on memcached: no servers (set STARLING_TEST_MEMCACHED_SERVERS; scripts/test starts them)")
            }
            let client = MemcachedClient(configuration: try TestMemcached.patientConfiguration())
            let caches = Caches.inProcess(clock: SystemWallClock()).objects(on: client, namespace: "test-\(UUID().uuidString.prefix(8)):")
            return (caches, [client])
        }
    }
}

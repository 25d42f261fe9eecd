import App
import Foundation
import NIOCore
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A page of tweets reads the viewer's cached marks beside its ids, not after its tweets: one
/// round trip fewer one after the other.
/// (The in-memory store has no `ViewerMarksLookup`, so nothing is cached or read ahead there.)
@Suite(.testDatabases) struct MarksAheadTests {
    @Test(arguments: Backend.durableCases, ["/api/newsfeeds/", "/api/tweets/?user_id=AUTHOR"])
    func aPageReadsTheViewersMarksBesideItsIDs(_ backend: Backend, _ path: String) async throws {
        let repositories = try await backend.repositories()
        var caches = Caches.inProcess(clock: SystemWallClock())
        let marksRead = MarksReadSignal()
        caches.keyValue = MarksSignallingCache(base: caches.keyValue, signal: marksRead)
        let feeds = FeedsWaitingForMarks(base: caches.feeds, signal: marksRead)
        caches.feeds = feeds
        let app = TestStarling(repositories: repositories, caches: caches)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            try await api.follow(author, by: reader)
            let liked = try await api.post("liked", as: author)
            _ = try await api.post("not liked", as: author)
            #expect(try await api.like("tweet", liked, as: reader).status == .created)
            try await app.settle()  // both tweets fanned out to the reader's feed
            marksRead.watch(reader.id)
            let reply = try await api.call(.get, path.replacingOccurrences(of: "AUTHOR", with: "\(author.id)"), token: reader.token)
            try #require(reply.status == .ok)
            let tweets = try reply.results().map { ($0["tweet"] as? [String: Any]) ?? $0 }
            #expect(tweets.count == 2)
            #expect(tweets.map { $0["has_liked"] as? Bool } == [false, true])
            #expect(feeds.sawMarksReadDuringPage, "the ids were read before the viewer's marks were asked for")
        }
    }
}

/// Raised once the watched viewer's marks are asked of the object cache.
final class MarksReadSignal: Sendable {
    private let key = Mutex<String?>(nil)
    private let raised = Atomic(false)

    func watch(_ viewerID: Int64) {
        raised.store(false, ordering: .releasing)
        key.withLock { $0 = CacheKeys.viewerMarks(viewerID) }
    }

    func note(_ keys: [String]) {
        guard let watched = key.withLock({ $0 }), keys.contains(watched) else { return }
        raised.store(true, ordering: .releasing)
    }

    var isRaised: Bool { raised.load(ordering: .acquiring) }
    var isWatching: Bool { key.withLock { $0 != nil } }
}

struct MarksSignallingCache: KeyValueCache {
    let base: any KeyValueCache
    let signal: MarksReadSignal

    func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        signal.note(keys)
        return try await base.get(keys)
    }
    func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws { try await base.set(entries, ttlSeconds: ttlSeconds) }
    func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws { try await base.add(entries, ttlSeconds: ttlSeconds) }
    func delete(_ keys: [String]) async throws { try await base.delete(keys) }
    func increment(_ key: String, by delta: Int) async throws -> Int? { try await base.increment(key, by: delta) }
}

/// A feed cache whose page reads, once a viewer is watched, wait (two seconds at most) for that
/// viewer's marks to be asked for, and note whether they were.
final class FeedsWaitingForMarks: FeedCacheDecorator {
    let base: any FeedCache
    let signal: MarksReadSignal
    private let saw = Atomic(false)

    init(base: any FeedCache, signal: MarksReadSignal) {
        self.base = base
        self.signal = signal
    }

    var sawMarksReadDuringPage: Bool { saw.load(ordering: .relaxed) }

    func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup {
        if signal.isWatching {
            let deadline = ContinuousClock.now + .seconds(2)
            while !signal.isRaised, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
            saw.store(signal.isRaised, ordering: .relaxed)
        }
        return try await base.page(key, page)
    }
}

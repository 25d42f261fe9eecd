import App
import Foundation
import HTTPTypes
import RESP
import StarlingCore
import StarlingTesting
import Testing

/// Redis is a speed-up, never the truth: stopping it mid-run costs speed, not answers, and
/// caching resumes by itself when it is back.
@Suite struct RedisDownTests {
    @Test(.enabled(if: TestRedis.canStartServers)) func requestsKeepAnsweringFromTheStoreAndCachingResumes() async throws {
        try await TestRedis.withPrivateServer { server in
            let client = RedisClient(configuration: try RedisConfiguration(url: try server.url))
            let caches = Caches.redis(client: client, clock: SystemWallClock(), feedCap: 800)
            let app = TestStarling(repositories: try await Backend.sqlite.repositories(), caches: caches, services: [client])
            try await app.test { api in
                let alice = try await api.signUp("alice_01")
                let bob = try await api.signUp("bob_0001")
                try await api.follow(alice, by: bob)
                let first = try await api.post("before the outage", as: alice)
                try await app.settle()
                #expect(try await api.newsfeed(bob).ids == [first])
                #expect(try await caches.feeds.page(CacheKeys.newsfeed(bob.id), .first) == .hit(ids: [first], hasNextPage: false),
                        "the feed is cached in Redis")

                try await server.stop()
                let started = ContinuousClock.now
                let carol = try await api.signUp("carol_01")
                let second = try await api.post("during the outage", as: alice)
                var feed: [Int64] = []
                for _ in 0..<300 where feed.first != second {
                    feed = try await api.newsfeed(bob).ids
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(feed == [second, first], "fanout wrote the rows; the feed is read from the store")
                #expect(try await api.like("tweet", second, as: carol).status == .created)
                #expect(try await api.call(.get, "/api/tweets/\(second)/", token: carol.token).object()["likes_count"] as? Int == 1)
                #expect(try await api.call(.get, "/api/profiles/\(alice.id)/").object()["followers_count"] as? Int == 1)
                #expect(try await api.call(.get, "/api/accounts/login_status/", token: bob.token).object()["has_logged_in"] as? Bool == true)
                #expect(ContinuousClock.now - started < .seconds(10), "bounded waits, not hangs")
                await #expect(throws: (any Error).self) { try await caches.feeds.page(CacheKeys.newsfeed(bob.id), .first) }

                try await server.start()
                var reachable = false
                for _ in 0..<200 where !reachable {
                    reachable = (try? await caches.feeds.page(CacheKeys.newsfeed(bob.id), .first)) != nil
                    if !reachable { try await Task.sleep(for: .milliseconds(25)) }
                }
                #expect(reachable, "the client reconnects by itself")
                #expect(try await api.newsfeed(bob).ids == [second, first])
                #expect(try await caches.feeds.page(CacheKeys.newsfeed(bob.id), .first) == .hit(ids: [second, first], hasNextPage: false),
                        "caching resumed: the feed was filled again")
            }
        }
    }
}

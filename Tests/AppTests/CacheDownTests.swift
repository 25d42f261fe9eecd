import App
import Foundation
import HTTPTypes
import StarlingCore
import StarlingTesting
import Testing

/// The caches are a speed-up, never the truth: with every cache call failing, every endpoint
/// still answers correctly from the store.
@Suite(.testDatabases) struct CacheDownTests {
    @Test(arguments: Backend.allCases) func everyEndpointAnswersFromTheStoreWhenTheCacheIsDown(_ backend: Backend) async throws {
        let down = FailingCache()
        let caches = Caches(keyValue: down, feeds: down, rateLimiter: MemoryRateLimiter(clock: SystemWallClock()),
                            switches: MemoryFeatureSwitches(defaults: FeatureSwitch.defaults))
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            let tweet = try await api.post("still here", as: alice)
            var feed: [Int64] = []
            for _ in 0..<200 where feed.isEmpty {
                feed = try await api.newsfeed(bob).ids
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(feed == [tweet], "fanout wrote the rows even though its cache pushes failed")
            #expect(try await api.newsfeed(alice).ids == [tweet])
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").results().count == 1)
            #expect(try await api.like("tweet", tweet, as: bob).status == .created)
            _ = try await api.comment(on: tweet, "hi", as: bob)
            let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: bob.token).object()
            #expect(detail["likes_count"] as? Int == 1 && detail["comments_count"] as? Int == 1 && detail["has_liked"] as? Bool == true)
            let profile = try await api.call(.get, "/api/profiles/\(alice.id)/").object()
            #expect(profile["followers_count"] as? Int == 1)
            #expect(try await api.call(.get, "/api/accounts/login_status/", token: bob.token).object()["has_logged_in"] as? Bool == true)
            #expect(try await api.call(.delete, "/api/tweets/\(tweet)/", token: alice.token).status == .ok)
            #expect(try await api.newsfeed(bob).ids == [], "no stale entry once the tweet is deleted")
            #expect(try await api.call(.post, "/api/accounts/logout/", token: bob.token).status == .ok)
            #expect(try await api.call(.get, "/api/accounts/login_status/", token: bob.token).object()["has_logged_in"] as? Bool == false)
        }
    }
}

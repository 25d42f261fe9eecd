import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// The follower counters kept in the cache move with the friendships, and only with them.
@Suite(.testDatabases) struct FollowCountsTests {
    @Test(arguments: Backend.allCases, CacheBackend.available)
    func aRepeatedFollowLeavesTheCachedCountersAlone(_ backend: Backend, _ cacheBackend: CacheBackend) async throws {
        let (caches, services) = try cacheBackend.make()
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, services: services)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            func counts(_ account: API.Account) async throws -> (followers: Int?, followings: Int?) {
                let profile = try await api.call(.get, "/api/profiles/\(account.id)/").object()
                return ((profile["followers_count"] as? NSNumber)?.intValue, (profile["followings_count"] as? NSNumber)?.intValue)
            }
            try await api.follow(bob, by: alice)
            #expect(try await counts(bob) == (1, 0))
            #expect(try await counts(alice) == (0, 1), "both users' counters are now cached")
            for _ in 0..<2 { try await api.follow(bob, by: alice) }
            #expect(try await counts(bob) == (1, 0), "a duplicate follow counts nothing")
            #expect(try await counts(alice) == (0, 1))
            #expect(try await api.call(.post, "/api/friendships/\(bob.id)/unfollow/", token: alice.token).status == .ok)
            #expect(try await api.call(.post, "/api/friendships/\(bob.id)/unfollow/", token: alice.token).status == .ok)
            #expect(try await counts(bob) == (0, 0), "nor does a repeated unfollow")
            #expect(try await counts(alice) == (0, 0))
        }
    }
}

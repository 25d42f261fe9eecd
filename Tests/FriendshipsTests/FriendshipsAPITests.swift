import App
import Foundation
import StarlingCore
import StarlingTesting
import HTTPTypes
import Testing

@Suite(.testDatabases) struct FriendshipsAPITests {
    @Test(arguments: Backend.allCases) func followAnswersTheFollowedUserAndDuplicatesAreHarmless(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let reply = try await api.call(.post, "/api/friendships/\(bob.id)/follow/", token: alice.token)
            #expect(reply.status == .created)
            let body = try reply.object()
            #expect((body["user"] as? [String: Any])?["username"] as? String == "bob_0001")
            #expect(body["has_followed"] as? Bool == true)
            #expect(body["created_at"] is String)
            let again = try await api.call(.post, "/api/friendships/\(bob.id)/follow/", token: alice.token)
            #expect(again.status == .created)
            #expect(try again.object()["duplicate"] as? Bool == true)
            #expect(try await api.call(.get, "/api/friendships/\(bob.id)/followers/").results().count == 1)
        }
    }

    @Test func badFollowsAreRefused() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            #expect(try await api.call(.post, "/api/friendships/\(alice.id)/follow/", token: alice.token).status == .badRequest)
            #expect(try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: alice.token).status == .badRequest)
            #expect(try await api.call(.post, "/api/friendships/424242/follow/", token: alice.token).status == .notFound)
            #expect(try await api.call(.post, "/api/friendships/abc/follow/", token: alice.token).status == .badRequest)
            #expect(try await api.call(.post, "/api/friendships/\(alice.id)/follow/").status == .forbidden)
            #expect(try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/").status == .forbidden)
            #expect(try await api.call(.post, "/api/friendships/424242/unfollow/", token: alice.token).status == .notFound)
            #expect(try await api.call(.post, "/api/friendships/0/unfollow/", token: alice.token).status == .badRequest)
            #expect(try await api.call(.get, "/api/friendships/\(alice.id)/follow/", token: alice.token).status == .methodNotAllowed)
            #expect(try await api.call(.get, "/api/friendships/424242/followers/").status == .notFound)
            #expect(try await api.call(.get, "/api/friendships/\(alice.id)/followings/?limit=0").status == .badRequest)
        }
    }

    @Test(arguments: Backend.allCases) func unfollowSaysWhetherAnythingWasDeleted(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(bob, by: alice)
            let first = try await api.call(.post, "/api/friendships/\(bob.id)/unfollow/", token: alice.token)
            #expect(first.status == .ok)
            #expect(try first.object()["deleted"] as? Int == 1)
            #expect(try await api.call(.post, "/api/friendships/\(bob.id)/unfollow/", token: alice.token).object()["deleted"] as? Int == 0)
            #expect(try await api.call(.get, "/api/friendships/\(alice.id)/followings/").results().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases) func listsPageNewestFirstWithHasFollowed(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let star = try await api.signUp("star_0001")
            var fans: [API.Account] = []
            for n in 0..<5 {
                let fan = try await api.signUp("fan_000\(n)")
                try await api.follow(star, by: fan)
                fans.append(fan)
            }
            try await api.follow(fans[1], by: fans[0])
            let page = try await api.call(.get, "/api/friendships/\(star.id)/followers/?limit=3", token: fans[0].token).object()
            let rows = page["results"] as! [[String: Any]]
            let names = rows.map { ($0["user"] as! [String: Any])["username"] as! String }
            #expect(names == ["fan_0004", "fan_0003", "fan_0002"])
            #expect(page["has_next_page"] as? Bool == true)
            #expect(rows.allSatisfy { $0["has_followed"] as? Bool == false })
            let cursor = rows.last!["created_at"] as! String
            let rest = try await api.call(.get, "/api/friendships/\(star.id)/followers/?created_at__lt=\(cursor)", token: fans[0].token).object()
            let restRows = rest["results"] as! [[String: Any]]
            #expect(restRows.map { ($0["user"] as! [String: Any])["username"] as! String } == ["fan_0001", "fan_0000"])
            #expect(restRows.map { $0["has_followed"] as! Bool } == [true, false], "fan_0000 follows fan_0001")
            #expect(rest["has_next_page"] as? Bool == false)

            let followings = try await api.call(.get, "/api/friendships/\(fans[0].id)/followings/").results()
            #expect(followings.map { ($0["user"] as! [String: Any])["username"] as! String } == ["fan_0001", "star_0001"])
            #expect(followings.allSatisfy { $0["has_followed"] as? Bool == false }, "anonymous follows nobody")
        }
    }

    @Test(arguments: Backend.allCases) func aProfileShowsCountsThatFollowAndUnfollowKeepRight(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            func counts(_ account: API.Account) async throws -> (Int?, Int?) {
                let profile = try await api.call(.get, "/api/profiles/\(account.id)/").object()
                return (profile["followers_count"] as? Int, profile["followings_count"] as? Int)
            }
            #expect(try await counts(alice) == (0, 0), "counted from the store, then cached")
            try await api.follow(alice, by: bob)
            try await api.follow(alice, by: carol)
            try await api.follow(bob, by: alice)
            #expect(try await counts(alice) == (2, 1), "the cached counters moved with the follows")
            #expect(try await counts(bob) == (1, 1))
            try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: carol.token)
            #expect(try await counts(alice) == (1, 1))
            try await app.starling.caches.keyValue.delete([CacheKeys.followersCount(alice.id), CacheKeys.followingsCount(alice.id)])
            #expect(try await counts(alice) == (1, 1), "backfilled from the store")
            let profile = try await api.call(.get, "/api/profiles/\(alice.id)/").object()
            #expect((profile["user"] as? [String: Any])?["username"] as? String == "alice_01")
            #expect(try await api.call(.get, "/api/profiles/424242/").status == .notFound)
        }
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await FriendshipRepositoryContract.run(try await backend.repositories())
    }
}

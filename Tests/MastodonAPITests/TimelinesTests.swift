import Foundation
import HTTPTypes
import StarlingTesting
import Testing

/// Timelines and notifications through the router.
@Suite struct TimelinesTests {
    @Test func theHomeTimelinePagesWithLinkHeaders() async throws {
        let starling = try await TestStarling.make(.memory)
        try await starling.test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_t")
            let bob = try await client.user("bobby_t")
            let follow = try await client.call(.post, "/api/v1/accounts/\(alice.id)/follow", token: bob.token)
            #expect(try follow.object()["following"] as? Bool == true)
            var posted: [String] = []
            for index in 0..<5 { posted.append(try #require(try await client.post("post \(index)", token: alice.token)["id"] as? String)) }
            try await starling.settle()
            let first = try await client.call(.get, "/api/v1/timelines/home?limit=2", token: bob.token)
            #expect(try first.array().map { $0["id"] as? String } == [posted[4], posted[3]])
            let link = try #require(first.header("Link"))
            #expect(link.hasPrefix("<") && link.contains("max_id=\(posted[3])>; rel=\"next\""))
            #expect(link.contains("limit=2"))
            let second = try await client.call(.get, "/api/v1/timelines/home?limit=2&max_id=\(posted[3])", token: bob.token)
            #expect(try second.array().map { $0["id"] as? String } == [posted[2], posted[1]])
            let newer = try await client.call(.get, "/api/v1/timelines/home?limit=2&min_id=\(posted[1])", token: bob.token)
            #expect(try newer.array().map { $0["id"] as? String } == [posted[3], posted[2]], "min_id: the page just above, newest first")
            let clamped = try await client.call(.get, "/api/v1/timelines/home?limit=100000", token: bob.token)
            #expect(clamped.status == .ok, "limits are clamped, never refused")
            let nonsense = try await client.call(.get, "/api/v1/timelines/home?limit=abc", token: bob.token)
            #expect(nonsense.status == .ok)
            let publicTimeline = try await client.call(.get, "/api/v1/timelines/public?local=true&limit=3")
            #expect(try publicTimeline.array().count == 3)
            let account = try await client.call(.get, "/api/v1/accounts/\(alice.id)/statuses?exclude_replies=True&limit=10")
            #expect(try account.array().count == 5)
        }
    }

    @Test func accountsAreFoundByLookupSearchAndRelationships() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_a")
            let bob = try await client.user("bobby_a")
            #expect(try await client.call(.get, "/api/v1/accounts/lookup?acct=@alice_a").object()["id"] as? String == alice.id)
            #expect(try await client.call(.get, "/api/v1/accounts/lookup?acct=nobody_here").status == .notFound)
            let search = try await client.call(.get, "/api/v2/search?q=alice_a&resolve=true&type=accounts", token: bob.token).object()
            #expect((search["accounts"] as? [[String: Any]])?.first?["acct"] as? String == "alice_a")
            #expect(try await client.call(.get, "/api/v1/accounts/search?q=alice_a", token: bob.token).array().count == 1)
            _ = try await client.call(.post, "/api/v1/accounts/\(alice.id)/follow", token: bob.token)
            let one = try await client.call(.get, "/api/v1/accounts/relationships?id=\(alice.id)", token: bob.token).array()
            #expect(one.first?["following"] as? Bool == true && one.first?["followed_by"] as? Bool == false)
            let followers = try await client.call(.get, "/api/v1/accounts/\(alice.id)/followers").array()
            #expect(followers.map { $0["id"] as? String } == [bob.id])
            let following = try await client.call(.get, "/api/v1/accounts/\(bob.id)/following").array()
            #expect(following.map { $0["id"] as? String } == [alice.id])
            let unfollow = try await client.call(.post, "/api/v1/accounts/\(alice.id)/unfollow", token: bob.token).object()
            #expect(unfollow["following"] as? Bool == false)
            #expect(try await client.call(.get, "/api/v1/accounts/999").status == .notFound)
        }
    }

    @Test func notificationsHaveMastodonTypesAndCanBeFilteredDismissedAndCleared() async throws {
        let starling = try await TestStarling.make(.memory)
        try await starling.test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_n")
            let bob = try await client.user("bobby_n")
            let id = try #require(try await client.post("notice me", token: alice.token)["id"] as? String)
            _ = try await client.call(.post, "/api/v1/accounts/\(alice.id)/follow", token: bob.token)
            _ = try await client.call(.post, "/api/v1/statuses/\(id)/favourite", token: bob.token)
            _ = try await client.post("a reply", token: bob.token, inReplyTo: id)
            try await starling.settle()
            let all = try await client.call(.get, "/api/v1/notifications", token: alice.token).array()
            #expect(all.map { $0["type"] as? String } == ["mention", "favourite", "follow"])
            #expect(all.allSatisfy { ($0["account"] as? [String: Any])?["id"] as? String == bob.id })
            let mentions = try await client.call(.get, "/api/v1/notifications?types[]=mention", token: alice.token).array()
            #expect(mentions.count == 1)
            #expect((mentions.first?["status"] as? [String: Any])?["in_reply_to_id"] as? String == id)
            let noFollows = try await client.call(.get, "/api/v1/notifications?exclude_types[]=follow", token: alice.token).array()
            #expect(noFollows.count == 2)
            let first = try #require(all.first?["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/notifications/\(first)", token: alice.token).object()["type"] as? String == "mention")
            #expect(try await client.call(.post, "/api/v1/notifications/\(first)/dismiss", token: alice.token).status == .ok)
            #expect(try await client.call(.get, "/api/v1/notifications", token: alice.token).array().count == 2)
            #expect(try await client.call(.post, "/api/v1/notifications/clear", token: alice.token).status == .ok)
            #expect(try await client.call(.get, "/api/v1/notifications", token: alice.token).array().isEmpty)
        }
    }
}

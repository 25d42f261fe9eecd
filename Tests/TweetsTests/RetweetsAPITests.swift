import App
import Foundation
import HTTPTypes
import StarlingTesting
import Testing

/// Starling's retweets through the course face: `POST /api/tweets/{id}/retweet/` and `/unretweet/`,
/// and the `retweet_of`, `retweets_count` and `has_retweeted` members of every tweet.
@Suite(.testDatabases) struct RetweetsAPITests {
    func id(_ object: [String: Any]?) -> Int64? {
        (object?["id"] as? NSNumber)?.int64Value
    }

    @Test(arguments: Backend.allCases) func aRetweetReachesTheRetweetersFollowersAndCounts(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            try await api.follow(bob, by: carol)
            let tweet = try await api.post("worth sharing", as: alice)

            let first = try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token)
            #expect(first.status == .created, "\(first.text)")
            let retweet = try first.object()
            let retweetID = try #require(id(retweet))
            #expect(retweetID != tweet && retweet["content"] as? String == "")
            #expect(id(retweet["user"] as? [String: Any]) == bob.id)
            let original = try #require(retweet["retweet_of"] as? [String: Any])
            #expect(id(original) == tweet && original["content"] as? String == "worth sharing")
            #expect(original["retweets_count"] as? Int == 1 && original["has_retweeted"] as? Bool == true)
            #expect(original["retweet_of"] is NSNull, "nested one level")
            #expect(id(original["user"] as? [String: Any]) == alice.id)

            let again = try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token)
            #expect(again.status == .ok, "retweeting again answers the existing retweet")
            #expect(id(try again.object()) == retweetID)
            let viaRetweet = try await api.call(.post, "/api/tweets/\(retweetID)/retweet/", token: bob.token)
            #expect(viaRetweet.status == .ok, "a retweet's id names its original")
            #expect(id(try viaRetweet.object()) == retweetID)
            try await app.settle()

            let feed = try await api.call(.get, "/api/newsfeeds/", token: carol.token).results()
            let item = try #require(feed.first?["tweet"] as? [String: Any])
            #expect(feed.count == 1 && id(item) == retweetID, "a follower of the retweeter gets it through the fanout")
            #expect(id(item["retweet_of"] as? [String: Any]) == tweet)
            #expect((item["retweet_of"] as? [String: Any])?["has_retweeted"] as? Bool == false, "as carol sees it")
            #expect(try await api.newsfeed(bob).ids == [retweetID], "and the retweeter's own feed")

            let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: bob.token).object()
            #expect(detail["retweets_count"] as? Int == 1 && detail["has_retweeted"] as? Bool == true && detail["retweet_of"] is NSNull)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["has_retweeted"] as? Bool == false, "anonymous")
            let timeline = try await api.call(.get, "/api/tweets/?user_id=\(bob.id)").results()
            #expect(timeline.map { id($0) } == [retweetID], "a retweet is one of its retweeter's tweets")
            let retweetDetail = try await api.call(.get, "/api/tweets/\(retweetID)/").object()
            #expect(id(retweetDetail["retweet_of"] as? [String: Any]) == tweet)

            let notifications = try await api.call(.get, "/api/notifications/", token: alice.token).results()
            let notice = try #require(notifications.first)
            #expect(notifications.count == 1 && notice["verb"] as? String == "retweeted your tweet")
            #expect((notice["action_object_object_id"] as? NSNumber)?.int64Value == retweetID)
            #expect((notice["target_object_id"] as? NSNumber)?.int64Value == tweet)
        }
    }

    @Test(arguments: Backend.allCases) func unretweetingTakesItBackFromTheFeeds(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            try await api.follow(bob, by: carol)
            let tweet = try await api.post("for a while", as: alice)
            let retweetID = try #require(id(try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token).object()))
            try await app.settle()
            #expect(try await api.newsfeed(carol).ids == [retweetID])

            let undone = try await api.call(.post, "/api/tweets/\(tweet)/unretweet/", token: bob.token)
            #expect(undone.status == .ok, "\(undone.text)")
            let original = try undone.object()
            #expect(id(original) == tweet && original["retweets_count"] as? Int == 0 && original["has_retweeted"] as? Bool == false)
            try await app.settle()
            #expect(try await api.newsfeed(carol).ids.isEmpty)
            #expect(try await api.newsfeed(bob).ids.isEmpty)
            #expect(try await api.call(.get, "/api/tweets/\(retweetID)/").status == .notFound)

            let twice = try await api.call(.post, "/api/tweets/\(tweet)/unretweet/", token: bob.token)
            #expect(twice.status == .badRequest && twice.text.contains("not retweeted"), "\(twice.text)")
            #expect(try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token).status == .created, "retweeted again")
        }
    }

    @Test(arguments: Backend.allCases) func deletingTheOriginalRemovesItsRetweets(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            try await api.follow(bob, by: carol)
            let tweet = try await api.post("regrettable", as: alice)
            let byBob = try #require(id(try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token).object()))
            let byAlice = try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: alice.token)
            #expect(byAlice.status == .created, "one's own tweet may be retweeted")
            try await app.settle()
            #expect(try await api.newsfeed(carol).ids == [byBob])

            #expect(try await api.call(.delete, "/api/tweets/\(tweet)/", token: alice.token).status == .ok)
            try await app.settle()
            #expect(try await api.call(.get, "/api/tweets/\(byBob)/").status == .notFound)
            #expect(try await api.newsfeed(carol).ids.isEmpty, "the retweets' feed rows went with them")
            #expect(try await api.newsfeed(bob).ids.isEmpty)
            #expect(try await api.newsfeed(alice).ids.isEmpty)
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(bob.id)").results().isEmpty)
            #expect(try await api.call(.get, "/api/notifications/", token: alice.token).results().count == 1,
                    "bob's retweet notified alice; her own did not")
        }
    }

    @Test func retweetsNeedALoginAndAKnownTweet() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            for action in ["retweet", "unretweet"] {
                let anonymous = try await api.call(.post, "/api/tweets/\(tweet)/\(action)/")
                #expect(anonymous.status == .forbidden)
                #expect(try anonymous.object()["detail"] as? String == "Authentication credentials were not provided.")
                #expect(try await api.call(.post, "/api/tweets/424242/\(action)/", token: alice.token).status == .notFound)
                #expect(try await api.call(.post, "/api/tweets/abc/\(action)/", token: alice.token).status == .badRequest)
                #expect(try await api.call(.get, "/api/tweets/\(tweet)/\(action)/", token: alice.token).status == .methodNotAllowed)
                var headers: HTTPFields = [.cookie: "sessionid=\(alice.token)"]
                headers[.origin] = "https://evil.example"
                #expect(try await api.call(.post, "/api/tweets/\(tweet)/\(action)/", headers: headers).status == .forbidden,
                        "a cookie needs the same origin, as for likes")
            }
        }
    }

    @Test func retweetsAreRateLimitedPerUser() async throws {
        let clock = ManualClock()
        try await TestStarling.make(.memory, rateLimits: true, clock: clock).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<11 { statuses.append(try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: alice.token).status) }
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 1, "10 per second: \(statuses)")
            clock.advance(seconds: 1)
            #expect(try await api.call(.post, "/api/tweets/\(tweet)/unretweet/", token: alice.token).status == .ok)
        }
    }
}

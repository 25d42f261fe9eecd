import App
import Foundation
import HTTPTypes
import Likes
import StarlingTesting
import Testing
import Tweets

@Suite(.testDatabases) struct LikesAPITests {
    @Test(arguments: Backend.allCases) func likingTwiceCountsOnceAndHasLikedFollows(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            let tweet = try await api.post("like me", as: alice)
            let first = try await api.like("tweet", tweet, as: bob)
            #expect(first.status == .created)
            let body = try first.object()
            #expect((body["user"] as? [String: Any])?["username"] as? String == "bob_0001")
            let again = try await api.like("tweet", tweet, as: bob)
            #expect(again.status == .created, "liking twice is not an error")
            #expect(try again.object()["created_at"] as? String == body["created_at"] as? String)
            try await app.settle()

            let asBob = try await api.call(.get, "/api/tweets/\(tweet)/", token: bob.token).object()
            #expect(asBob["likes_count"] as? Int == 1)
            #expect(asBob["has_liked"] as? Bool == true)
            let likes = try #require(asBob["likes"] as? [[String: Any]])
            #expect(likes.count == 1 && (likes[0]["user"] as? [String: Any])?["id"] as? NSNumber == NSNumber(value: bob.id))
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/", token: alice.token).object()["has_liked"] as? Bool == false)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["has_liked"] as? Bool == false, "anonymous")
            let feed = try await api.call(.get, "/api/newsfeeds/", token: bob.token).results()
            #expect((feed.first?["tweet"] as? [String: Any])?["has_liked"] as? Bool == true)
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(alice.id)", token: bob.token).results().first?["has_liked"] as? Bool == true)

            let cancel = try await api.call(.post, "/api/likes/cancel/", token: bob.token, json: ["content_type": "tweet", "object_id": tweet])
            #expect(try cancel.object()["deleted"] as? Int == 1)
            let cancelAgain = try await api.call(.post, "/api/likes/cancel/", token: bob.token, json: ["content_type": "tweet", "object_id": tweet])
            #expect(try cancelAgain.object()["deleted"] as? Int == 0)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/", token: bob.token).object()["likes_count"] as? Int == 0)
        }
    }

    /// The detail's `likes` come from the tweet's cached latest likes: each like and unlike shows
    /// on the next read.
    @Test(arguments: Backend.allCases) func theDetailsLikesShowEachLikeAndUnlikeAtOnce(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            let tweet = try await api.post("like me", as: alice)
            func likers() async throws -> [Int64] {
                let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: alice.token).object()
                return ((detail["likes"] as? [[String: Any]]) ?? []).compactMap { (($0["user"] as? [String: Any])?["id"] as? NSNumber)?.int64Value }
            }
            #expect(try await likers() == [], "the empty list is cached from here on")
            #expect(try await api.like("tweet", tweet, as: bob).status == .created)
            #expect(try await likers() == [bob.id])
            #expect(try await api.like("tweet", tweet, as: carol).status == .created)
            #expect(try await likers() == [carol.id, bob.id], "newest first")
            let cancel = try await api.call(.post, "/api/likes/cancel/", token: bob.token, json: ["content_type": "tweet", "object_id": tweet])
            #expect(try cancel.object()["deleted"] as? Int == 1)
            #expect(try await likers() == [carol.id])
        }
    }

    @Test(arguments: Backend.allCases) func commentsAreLikedToo(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweet = try await api.post("hello", as: alice)
            let comment = try await api.comment(on: tweet, "first", as: alice)
            #expect(try await api.like("comment", comment, as: bob).status == .created)
            let listed = try await api.call(.get, "/api/comments/?tweet_id=\(tweet)", token: bob.token).object()
            let item = try #require((listed["comments"] as? [[String: Any]])?.first)
            #expect(item["likes_count"] as? Int == 1 && item["has_liked"] as? Bool == true)
            let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: alice.token).object()
            #expect(((detail["comments"] as? [[String: Any]])?.first)?["has_liked"] as? Bool == false)
            #expect(detail["likes_count"] as? Int == 0, "a comment's like is not the tweet's")
        }
    }

    @Test func badLikesAreRefused() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            let cases: [[String: any Sendable]] = [
                [:], ["content_type": "tweet"], ["object_id": tweet], ["content_type": "user", "object_id": alice.id],
                ["content_type": "photo", "object_id": tweet], ["content_type": "tweet", "object_id": 424242],
                ["content_type": "comment", "object_id": tweet], ["content_type": "tweet", "object_id": "abc"],
            ]
            for json in cases {
                #expect(try await api.call(.post, "/api/likes/", token: alice.token, json: json).status == .badRequest, "\(json)")
                #expect(try await api.call(.post, "/api/likes/cancel/", token: alice.token, json: json).status == .badRequest, "\(json)")
            }
            #expect(try await api.call(.post, "/api/likes/", json: ["content_type": "tweet", "object_id": tweet]).status == .forbidden)
            #expect(try await api.call(.get, "/api/likes/", token: alice.token).status == .methodNotAllowed)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["likes_count"] as? Int == 0)
        }
    }

    @Test(arguments: Backend.durableCases) func fiftyUsersLikingAndUnlikingAtOnceLeaveCountsEqualToRows(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories)
        try await app.test { api in
            let author = try await api.signUp("author_01")
            let tweet = try await api.post("contested", as: author)
            let comment = try await api.comment(on: tweet, "also contested", as: author)
            var users: [API.Account] = []
            for n in 0..<50 { users.append(try await api.signUp("user_\(String(format: "%04d", n))")) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, user) in users.enumerated() {
                    group.addTask {
                        for round in 0..<3 {
                            try await api.like("tweet", tweet, as: user)
                            try await api.like("comment", comment, as: user)
                            if (n + round) % 2 == 0 {
                                try await api.call(.post, "/api/likes/cancel/", token: user.token, json: ["content_type": "tweet", "object_id": tweet])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await repositories.likes.likes(of: LikeTarget(.tweet, tweet), limit: 1_000).count
            #expect(try await repositories.tweets.tweet(id: tweet)?.likesCount == rows)
            #expect(try await repositories.comments.comment(id: comment)?.likesCount == 50)
            let report = try await verifyCounters(repositories, repair: false)
            #expect(report.mismatches.isEmpty, "\(report.text)")
        }
    }

    @Test(arguments: Backend.durableCases) func theCounterAuditFindsAndRepairsDrift(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        // The bulk loader writes counters as given: a tweet whose counters disagree with its rows.
        try await #require(repositories.bulkLoader).insert(tweets: [Tweet(id: 10, userID: 1, content: "hello", likesCount: 6, commentsCount: 2)])
        _ = try await repositories.likes.like(Like(userID: 1, target: LikeTarget(.tweet, 10), createdAt: 11), jobs: [])
        let found = try await verifyCounters(repositories, repair: false)
        #expect(found.mismatches.map(\.column).sorted() == ["comments_count", "likes_count"])
        #expect(found.text.contains("likes_count is 7, rows say 1"))
        _ = try await verifyCounters(repositories, repair: true)
        #expect(try await verifyCounters(repositories, repair: false).mismatches.isEmpty)
        #expect(try await repositories.tweets.tweet(id: 10)?.likesCount == 1)
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await LikeRepositoryContract.run(try await backend.repositories())
    }
}

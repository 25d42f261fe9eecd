import App
import Foundation
import HTTPTypes
import StarlingCore
import StarlingTesting
import Testing

@Suite(.testDatabases) struct CommentsAPITests {
    @Test(arguments: Backend.allCases) func commentsArePostedListedEditedAndDeleted(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweet = try await api.post("hello", as: alice)
            let reply = try await api.call(.post, "/api/comments/", token: bob.token, json: ["tweet_id": tweet, "content": " nice "])
            #expect(reply.status == .created)
            let comment = try reply.object()
            #expect(comment["content"] as? String == "nice")
            #expect((comment["tweet_id"] as? NSNumber)?.int64Value == tweet)
            #expect((comment["user"] as? [String: Any])?["username"] as? String == "bob_0001")
            #expect(comment["likes_count"] as? Int == 0 && comment["has_liked"] as? Bool == false)
            #expect(comment["created_at"] is String)
            let id = try #require((comment["id"] as? NSNumber)?.int64Value)
            let second = try await api.comment(on: tweet, "second", as: alice)

            let list = try await api.call(.get, "/api/comments/?tweet_id=\(tweet)").object()
            let items = try #require(list["comments"] as? [[String: Any]])
            #expect(items.map { ($0["id"] as! NSNumber).int64Value } == [id, second], "oldest first")
            #expect(list["has_next_page"] as? Bool == false)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["comments_count"] as? Int == 2)

            let edited = try await api.call(.put, "/api/comments/\(id)/", token: bob.token, json: ["content": "very nice"])
            #expect(edited.status == .ok)
            #expect(try edited.object()["content"] as? String == "very nice")
            #expect(try await api.call(.put, "/api/comments/\(id)/", token: alice.token, json: ["content": "hijack"]).status == .forbidden)
            #expect(try await api.call(.delete, "/api/comments/\(id)/", token: alice.token).status == .forbidden)
            #expect(try await api.call(.delete, "/api/comments/\(id)/").status == .forbidden)

            let detail = try await api.call(.get, "/api/tweets/\(tweet)/").object()
            let shown = try #require(detail["comments"] as? [[String: Any]])
            #expect(shown.first?["content"] as? String == "very nice")

            let deleted = try await api.call(.delete, "/api/comments/\(id)/", token: bob.token)
            #expect(try deleted.object()["success"] as? Bool == true)
            #expect(try await api.call(.delete, "/api/comments/\(id)/", token: bob.token).status == .notFound)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["comments_count"] as? Int == 1)
        }
    }

    /// The detail's `comments` (and the list's first page) come from the tweet's cached first
    /// page: each comment, edit, like, unlike and deletion shows on the next read.
    /// Each change is read after its hold on the cached page is over (the clock moved on), so
    /// only the change's invalidation keeps the next read fresh.
    @Test(arguments: Backend.allCases) func theDetailsCommentsShowEachChangeAtOnce(_ backend: Backend) async throws {
        let clock = ManualClock()
        let app = TestStarling(repositories: try await backend.repositories(), caches: Caches.inProcess(clock: clock))
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweet = try await api.post("talk to me", as: alice)
            func shown(to viewer: API.Account? = nil) async throws -> [(content: String, likes: Int, liked: Bool)] {
                clock.advance(seconds: Double(CacheKeys.holdSeconds + 1))
                let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: (viewer ?? alice).token).object()
                return try #require(detail["comments"] as? [[String: Any]]).map {
                    ($0["content"] as? String ?? "", $0["likes_count"] as? Int ?? -1, $0["has_liked"] as? Bool ?? false)
                }
            }
            #expect(try await shown().isEmpty, "the empty page is cached from here on")
            let comment = try await api.comment(on: tweet, "first", as: bob)
            #expect(try await shown().map(\.content) == ["first"])
            _ = try await api.comment(on: tweet, "second", as: alice)
            #expect(try await shown().map(\.content) == ["first", "second"])
            #expect(try await api.call(.put, "/api/comments/\(comment)/", token: bob.token, json: ["content": "edited"]).status == .ok)
            #expect(try await shown().map(\.content) == ["edited", "second"])

            #expect(try await api.like("comment", comment, as: alice).status == .created)
            #expect(try await shown().first.map { [$0.likes] } == [1])
            #expect(try await shown(to: alice).first?.liked == true)
            #expect(try await shown(to: bob).first?.liked == false)
            let cancel = try await api.call(.post, "/api/likes/cancel/", token: alice.token, json: ["content_type": "comment", "object_id": comment])
            #expect(try cancel.object()["deleted"] as? Int == 1)
            #expect(try await shown(to: alice).first.map { [$0.likes] } == [0])
            #expect(try await shown(to: alice).first?.liked == false)

            #expect(try await api.call(.delete, "/api/comments/\(comment)/", token: bob.token).status == .ok)
            #expect(try await shown().map(\.content) == ["second"])
            let listed = try await api.call(.get, "/api/comments/?tweet_id=\(tweet)").object()["comments"] as? [[String: Any]]
            #expect(listed?.map { $0["content"] as? String } == ["second"])

            #expect(try await api.call(.delete, "/api/tweets/\(tweet)/", token: alice.token).status == .ok)
            let afterTweet = try await api.call(.get, "/api/comments/?tweet_id=\(tweet)")
            let remaining = afterTweet.status == .ok ? try afterTweet.object()["comments"] as? [Any] : []
            #expect(remaining?.isEmpty == true, "a deleted tweet's comments went with it")
        }
    }

    @Test func badCommentsAreRefused() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            let cases: [[String: any Sendable]] = [
                ["content": "no tweet"], ["tweet_id": tweet], ["tweet_id": tweet, "content": "   "],
                ["tweet_id": tweet, "content": String(repeating: "c", count: 141)], ["tweet_id": 424242, "content": "unknown tweet"],
                ["tweet_id": "abc", "content": "bad id"],
            ]
            for json in cases {
                let reply = try await api.call(.post, "/api/comments/", token: alice.token, json: json)
                #expect(reply.status == .badRequest, "\(json): \(reply.text)")
            }
            #expect(try await api.call(.post, "/api/comments/", json: ["tweet_id": tweet, "content": "anonymous"]).status == .forbidden)
            #expect(try await api.call(.get, "/api/comments/").status == .badRequest, "tweet_id is required")
            #expect(try await api.call(.get, "/api/comments/?tweet_id=424242").status == .badRequest)
            #expect(try await api.call(.get, "/api/comments/?tweet_id=\(tweet)&limit=101").status == .badRequest)
            #expect(try await api.call(.put, "/api/comments/424242/", token: alice.token, json: ["content": "x"]).status == .notFound)
            let id = try await api.comment(on: tweet, "fine", as: alice)
            #expect(try await api.call(.put, "/api/comments/\(id)/", token: alice.token, json: ["content": ""]).status == .badRequest)
            #expect(try await api.call(.put, "/api/comments/\(id)/", token: alice.token, json: [:]).status == .badRequest)
            #expect(try await api.call(.get, "/api/comments/\(id)/").status == .methodNotAllowed)
            #expect(try await api.call(.get, "/api/tweets/\(tweet)/").object()["comments_count"] as? Int == 1, "nothing partial")
        }
    }

    @Test(arguments: Backend.allCases) func aLongThreadIsPagedForward(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("popular", as: alice)
            var posted: [Int64] = []
            for n in 0..<7 { posted.append(try await api.comment(on: tweet, "c\(n)", as: alice)) }
            var seen: [Int64] = []
            var query = "tweet_id=\(tweet)&limit=3"
            while true {
                let page = try await api.call(.get, "/api/comments/?\(query)").object()
                let items = try #require(page["comments"] as? [[String: Any]])
                seen += items.map { ($0["id"] as! NSNumber).int64Value }
                guard page["has_next_page"] as? Bool == true, let last = items.last?["created_at"] as? String else { break }
                query = "tweet_id=\(tweet)&limit=3&created_at__gt=\(last.replacingOccurrences(of: ":", with: "%3A"))"
            }
            #expect(seen == posted)
            let bounded = try await api.call(.get, "/api/comments/?tweet_id=\(tweet)").object()["comments"] as? [Any]
            #expect(bounded?.count == 7, "the default page is 100")
        }
    }

    @Test func commentWritesAreRateLimited() async throws {
        try await TestStarling.make(.memory, rateLimits: true, clock: ManualClock()).test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("hello", as: alice)
            for n in 0..<3 { _ = try await api.comment(on: tweet, "c\(n)", as: alice) }
            let limited = try await api.call(.post, "/api/comments/", token: alice.token, json: ["tweet_id": tweet, "content": "4th"])
            #expect(limited.status == .tooManyRequests)
            #expect(try await api.call(.delete, "/api/comments/1/", token: alice.token).status == .tooManyRequests,
                    "edits and deletes count too")
        }
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await CommentRepositoryContract.run(try await backend.repositories())
    }
}

import App
import Foundation
import HTTPTypes
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

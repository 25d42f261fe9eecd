import App
import Foundation
import StarlingTesting
import HTTPTypes
import Testing

@Suite(.testDatabases) struct TweetsAPITests {
    @Test(arguments: Backend.allCases) func postingAnswersTheTweet(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let reply = try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "  hello world \n"])
            #expect(reply.status == .created)
            let tweet = try reply.object()
            #expect(tweet["content"] as? String == "hello world", "trimmed")
            #expect((tweet["user"] as? [String: Any])?["id"] as? NSNumber == NSNumber(value: alice.id))
            #expect(tweet["likes_count"] as? Int == 0 && tweet["comments_count"] as? Int == 0)
            #expect(tweet["has_liked"] as? Bool == false)
            #expect((tweet["photo_urls"] as? [Any])?.isEmpty == true)
            let id = try #require((tweet["id"] as? NSNumber)?.int64Value)
            #expect(id <= (1 << 53) - 1)
            let createdAt = try #require(tweet["created_at"] as? String)
            #expect(createdAt.hasSuffix("Z") && createdAt.count == 27, "ISO-8601 with microseconds: \(createdAt)")
        }
    }

    @Test(arguments: [["content": ""], ["content": "   \n "], ["content": String(repeating: "x", count: 281)], [:],
                      ["content": ["nested"]]] as [[String: any Sendable]])
    func badContentIsA400AndStoresNothing(_ json: [String: any Sendable]) async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let reply = try await api.call(.post, "/api/tweets/", token: alice.token, json: json)
            #expect(reply.status == .badRequest)
            #expect((try reply.object()["errors"] as? [String: Any])?["content"] != nil)
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").results().isEmpty)
        }
    }

    @Test func aTweetOf280CharactersIsAccepted() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let reply = try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": String(repeating: "é", count: 280)])
            #expect(reply.status == .created)
        }
    }

    @Test func postingNeedsALogin() async throws {
        try await TestStarling.make(.memory).test { api in
            let reply = try await api.call(.post, "/api/tweets/", json: ["content": "hi"])
            #expect(reply.status == .forbidden)
            #expect(try reply.object()["detail"] as? String == "Authentication credentials were not provided.")
        }
    }

    @Test(arguments: Backend.allCases) func listingByUserPagesNewestFirst(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            var posted: [Int64] = []
            for n in 0..<25 { posted.append(try await api.post("tweet \(n)", as: alice)) }
            _ = try await api.post("bob's", as: bob)
            let newestFirst = Array(posted.reversed())

            let first = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").object()
            let firstIDs = (first["results"] as! [[String: Any]]).map { ($0["id"] as! NSNumber).int64Value }
            #expect(firstIDs == Array(newestFirst.prefix(20)))
            #expect(first["has_next_page"] as? Bool == true)

            let lastTime = try #require((first["results"] as! [[String: Any]]).last?["created_at"] as? String)
            let encoded = lastTime.replacingOccurrences(of: ":", with: "%3A")
            let second = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&created_at__lt=\(encoded)").object()
            #expect((second["results"] as! [[String: Any]]).map { ($0["id"] as! NSNumber).int64Value } == Array(newestFirst.dropFirst(20)))
            #expect(second["has_next_page"] as? Bool == false)

            let byID = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&max_id=\(newestFirst[4])&limit=3").results()
            #expect(byID.map { ($0["id"] as! NSNumber).int64Value } == Array(newestFirst[5..<8]))
            let newer = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&since_id=\(newestFirst[2])").results()
            #expect(newer.map { ($0["id"] as! NSNumber).int64Value } == Array(newestFirst.prefix(2)))
        }
    }

    @Test(arguments: ["/api/tweets/", "/api/tweets/?user_id=abc", "/api/tweets/?user_id=424242",
                      "/api/tweets/?user_id=1&limit=0", "/api/tweets/?user_id=1&limit=101", "/api/tweets/?user_id=1&created_at__lt=later"])
    func badListQueriesAreA400(_ uri: String) async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let reply = try await api.call(.get, uri.replacingOccurrences(of: "user_id=1&", with: "user_id=\(alice.id)&"))
            #expect(reply.status == .badRequest, "\(uri): \(reply.text)")
            #expect(try reply.object()["success"] as? Bool == false)
        }
    }

    @Test(arguments: Backend.allCases) func detailShowsTheTweetWithCommentsAndLikes(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let id = try await api.post("hello", as: alice)
            let detail = try await api.call(.get, "/api/tweets/\(id)/")
            #expect(detail.status == .ok)
            let body = try detail.object()
            #expect(body["content"] as? String == "hello")
            #expect(body["comments"] is [Any] && body["likes"] is [Any])
            #expect(try await api.call(.get, "/api/tweets/999999/").status == .notFound)
            #expect(try await api.call(.get, "/api/tweets/abc/").status == .badRequest)
        }
    }

    @Test(arguments: Backend.allCases) func onlyTheOwnerDeletesATweet(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let id = try await api.post("hello", as: alice)
            #expect(try await api.call(.delete, "/api/tweets/\(id)/").status == .forbidden)
            #expect(try await api.call(.delete, "/api/tweets/\(id)/", token: bob.token).status == .forbidden)
            #expect(try await api.call(.delete, "/api/tweets/999999/", token: alice.token).status == .notFound)
            #expect(try await api.call(.delete, "/api/tweets/1x/", token: alice.token).status == .badRequest)
            let deleted = try await api.call(.delete, "/api/tweets/\(id)/", token: alice.token)
            #expect(deleted.status == .ok)
            #expect(try deleted.object()["success"] as? Bool == true)
            #expect(try await api.call(.get, "/api/tweets/\(id)/").status == .notFound)
            #expect(try await api.call(.delete, "/api/tweets/\(id)/", token: alice.token).status == .notFound)
        }
    }

    @Test func wrongMethodsAreA405() async throws {
        try await TestStarling.make(.memory).test { api in
            #expect(try await api.call(.put, "/api/tweets/").status == .methodNotAllowed)
            #expect(try await api.call(.patch, "/api/tweets/1/").status == .methodNotAllowed)
            #expect(try await api.call(.get, "/api/accounts/signup/").status == .methodNotAllowed)
            let unknown = try await api.call(.get, "/api/nothing/")
            #expect(unknown.status == .notFound)
            #expect(try unknown.object()["detail"] as? String == "Not found.")
        }
    }

    @Test func postingIsRateLimitedPerUser() async throws {
        let clock = ManualClock()
        try await TestStarling.make(.memory, rateLimits: true, clock: clock).test { api in
            let alice = try await api.signUp("alice_01")
            #expect(try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "1"]).status == .created)
            let second = try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "2"])
            #expect(second.status == .tooManyRequests)
            #expect(second.headers[.retryAfter] != nil)
            for n in 0..<4 {
                clock.advance(seconds: 1)
                #expect(try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "\(n)"]).status == .created)
            }
            clock.advance(seconds: 1)
            #expect(try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "6th"]).status == .tooManyRequests,
                    "5 per minute")
        }
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await TweetRepositoryContract.run(try await backend.repositories())
    }
}

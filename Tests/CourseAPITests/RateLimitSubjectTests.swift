import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// Rate limits count per subject: one user using up a limit leaves every other user theirs.
@Suite struct RateLimitSubjectTests {
    @Test func oneUserAtTheLimitLeavesOthersTheirs() async throws {
        let clock = ManualClock()
        try await TestStarling.make(.memory, rateLimits: true, clock: clock).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            #expect(try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "1"]).status == .created)
            #expect(try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "2"]).status == .tooManyRequests)
            #expect(try await api.call(.post, "/api/tweets/", token: bob.token, json: ["content": "1"]).status == .created,
                    "alice's limit is hers alone")
            var follows: [Int] = []
            for _ in 0..<12 {
                follows.append(Int(try await api.call(.post, "/api/friendships/\(carol.id)/follow/", token: alice.token).status.code))
            }
            #expect(follows.filter { $0 == 429 }.count == 2, "ten follows a second: \(follows)")
            #expect(try await api.call(.post, "/api/friendships/\(carol.id)/follow/", token: bob.token).status == .created,
                    "bob's follows are counted apart from alice's")
        }
    }
}

import App
import Foundation
import Logging
import NIOCore
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// `has_liked` and `has_retweeted` come from each viewer's cached latest marks: every change of
/// them shows on the next read, and a page older than what the entry holds asks the store.
@Suite(.testDatabases) struct CachedViewerMarksTests {
    @Test(arguments: Backend.durableCases) func aViewersLikesAndRetweetsShowAtOnceThoughTheirMarksAreCached(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweet = try await api.post("mark me", as: alice)
            func marks() async throws -> (liked: Bool?, retweeted: Bool?) {
                let detail = try await api.call(.get, "/api/tweets/\(tweet)/", token: bob.token).object()
                return (detail["has_liked"] as? Bool, detail["has_retweeted"] as? Bool)
            }
            #expect(try await marks() == (false, false), "bob's marks are cached from here on")
            #expect(try await api.like("tweet", tweet, as: bob).status == .created)
            #expect(try await marks() == (true, false))
            #expect(try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token).status == .created)
            #expect(try await marks() == (true, true))
            #expect(try await api.call(.post, "/api/likes/cancel/", token: bob.token, json: ["content_type": "tweet", "object_id": tweet]).status == .ok)
            #expect(try await marks() == (false, true))
            #expect(try await api.call(.post, "/api/tweets/\(tweet)/unretweet/", token: bob.token).status == .ok)
            #expect(try await marks() == (false, false))
            try await app.settle()
            #expect(try await marks() == (false, false))
        }
    }

    @Test(arguments: Backend.durableCases) func aPageBelowTheHorizonOfTheCachedMarksAsksTheStore(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let store = try #require(repositories.viewerMarks)
        let logger = { var logger = Logger(label: "test"); logger.logLevel = .critical; return logger }()
        let app = TestStarling(repositories: repositories)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            var tweets: [Int64] = []
            for n in 0..<4 { tweets.append(try await api.post("tweet \(n)", as: alice)) }
            for tweet in tweets.prefix(3) { _ = try await api.like("tweet", tweet, as: bob) }
            #expect(try await api.call(.post, "/api/tweets/\(tweets[3])/retweet/", token: bob.token).status == .created)

            let recent = try await store.recentMarks(by: bob.id, limit: 2)
            #expect(recent.horizon == tweets[1], "two likes kept: complete from the second highest up")
            #expect(recent.liked == [tweets[2], tweets[1]] && recent.retweeted == [tweets[3]])
            let everything = try await store.recentMarks(by: bob.id, limit: 10)
            #expect(everything.horizon == 0 && everything.liked == Array(tweets.prefix(3).reversed()))

            let cached = CachedViewerMarks(store, objects: ObjectCache(cache: MemoryKeyValueCache(clock: SystemWallClock()), logger: logger),
                                           limit: 2)
            let newest = try await cached.marks(by: bob.id, among: [tweets[3], tweets[2]])
            #expect(newest == ViewerMarks(liked: [tweets[2]], retweeted: [tweets[3]]))
            let oldest = try await cached.marks(by: bob.id, among: [tweets[1], tweets[0]])
            #expect(oldest == ViewerMarks(liked: [tweets[1], tweets[0]]), "below the horizon, from the store")
        }
    }

    /// The horizon rises to the lowest row of a list that reached the limit, whichever list it
    /// is; below it nothing is claimed (an older retweet's original may be missing).
    @Test func theHorizonIsTheLowestRowOfAFullList() {
        // Own tweets 30, 20 (a retweet of 12) and 10 (a retweet of 5) with a limit of 3: full.
        let ownFull = RecentViewerMarks.found([(1, 10, 5), (1, 30, 0), (1, 20, 12), (0, 25, 0)], limit: 3)
        #expect(ownFull == RecentViewerMarks(horizon: 10, liked: [25], retweeted: [12]), "5 is below the horizon")
        #expect(ownFull.marks(among: [25, 12]) == ViewerMarks(liked: [25], retweeted: [12]))
        #expect(ownFull.marks(among: [25, 5]) == nil)
        // Likes 40, 9 and 7 with a limit of 3: full at 7; the own tweets are not.
        let likesFull = RecentViewerMarks.found([(0, 9, 0), (0, 40, 0), (0, 7, 0), (1, 50, 8)], limit: 3)
        #expect(likesFull == RecentViewerMarks(horizon: 7, liked: [40, 9, 7], retweeted: [8]))
        #expect(RecentViewerMarks.found([(0, 9, 0), (1, 50, 8)], limit: 3).horizon == 0, "neither list full: complete")
    }

    @Test func anEntryRoundTripsAndLyingBytesAreAMiss() {
        let marks = RecentViewerMarks(horizon: 7, liked: [9, 8], retweeted: [12])
        var bytes = ByteBuffer()
        marks.write(to: &bytes)
        #expect(RecentViewerMarks(from: &bytes) == marks)
        var lying = ByteBuffer()
        lying.writeField(Int64(0))
        lying.writeField(Int64.max)  // a count no bytes follow
        #expect(RecentViewerMarks(from: &lying) == nil)
        #expect(marks.marks(among: [9, 12, 10]) == ViewerMarks(liked: [9], retweeted: [12]))
        #expect(marks.marks(among: [9, 6]) == nil, "6 is below the horizon")
        #expect(marks.marks(among: []) == ViewerMarks())
    }
}

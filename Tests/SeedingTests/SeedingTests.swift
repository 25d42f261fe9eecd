import App
import Foundation
import HTTPTypes
import Seeding
import StarlingCore
import StarlingTesting
import Testing
import Tweets

@Suite(.testDatabases) struct SeedingTests {
    static func options(users: Int = 60, seed: UInt64 = 7) -> SeedOptions {
        var options = SeedOptions()
        options.users = users
        options.followsPerUser = 10
        options.celebrities = 2
        options.tweetsPerUser = 4
        options.comments = 3
        options.likes = 2
        options.seed = seed
        options.now = 1_795_000_000_000_000
        return options
    }

    @Test func theGraphHasTheCountsAskedFor() {
        let graph = SocialGraphGenerator.generate(Self.options())
        #expect(graph.userIDs.count == 60)
        #expect(graph.tweetCount == 240)
        #expect(graph.comments.count == 180 && graph.likes.count == 120)
        for user in 2..<60 { #expect(graph.followees[user].count == 12, "10 random users and both celebrities") }
        #expect(graph.followees[0].count == 11, "a celebrity follows the other celebrity and 10 users")
        let allIDs = graph.userIDs + graph.tweets.joined().map(\.id) + graph.followIDs.joined() + graph.comments.map(\.id) + graph.likes.map(\.createdAt)
        #expect(Set(allIDs).count == allIDs.count, "ids are unique across kinds, as the real generator's are")
        let day: Int64 = 86_400_000_000
        #expect(graph.tweets.joined().allSatisfy { $0.id < 1_795_000_000_000_000 && $0.id > 1_795_000_000_000_000 - 30 * day })
    }

    @Test func theSameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        let first = SocialGraphGenerator.generate(Self.options())
        let again = SocialGraphGenerator.generate(Self.options())
        #expect(first.followees == again.followees && first.tweets == again.tweets && first.comments == again.comments)
        #expect(first.likes == again.likes && first.userIDs == again.userIDs)
        #expect(SocialGraphGenerator.generate(Self.options(seed: 8)).followees != first.followees)
    }

    @Test func everyUserFollowsTheCelebrities() {
        let graph = SocialGraphGenerator.generate(Self.options())
        for user in 0..<60 {
            for celebrity in 0..<2 where celebrity != user { #expect(graph.followees[user].contains(celebrity)) }
            #expect(!graph.followees[user].contains(user))
        }
    }

    @Test(arguments: Backend.durableCases) func seededFeedsEqualWhatFanoutProducesAndSeededUsersCanLogIn(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let loader = try #require(repositories.bulkLoader)
        let credentials = try await seed(into: loader, options: Self.options(), bcryptCost: 4) { _, _ in }
        // What fanout would have written, worked out from the stored follows and tweets alone (not
        // from the generator the loader used): every tweet of the user and of whom they follow.
        for credential in [credentials[0], credentials[1], credentials[17], credentials[59]] {
            let user = credential.userID
            let followees = try await repositories.friendships.followings(of: user, page: PageRequest(limit: 100)).items.map(\.toUserID)
            var expected: [Int64] = []
            for author in [user] + followees {
                expected += try await repositories.tweets.tweets(userID: author, page: PageRequest(limit: 100)).items.map(\.id)
            }
            #expect(followees.count >= 11 && expected.count >= 48, "the sample follows and is followed as seeded")
            let page = try await repositories.newsfeeds.entries(owner: user, page: PageRequest(limit: 100))
            #expect(page.items.map(\.tweetID) == expected.sorted(by: >))
            #expect(page.items.allSatisfy { entry in followees.contains(entry.authorID) || entry.authorID == user })
        }
        #expect(try await loader.isEmpty() == false)
        #expect(try await verifyCounters(repositories, repair: false).mismatches.isEmpty, "seeded counters match their rows")
        // Seeded users are active readers as of the seed: none comes back to a stale feed (and a
        // restore job) on its first request, though they signed up longer ago than the threshold.
        let userIDs = credentials.map(\.userID)
        #expect(try await repositories.activity.active(among: userIDs, since: Self.options().now).count == userIDs.count)
        #expect(try await repositories.activity.feedStaleSince(userID: credentials[5].userID) == nil)

        let app = TestStarling(repositories: repositories)
        try await app.test { api in
            let celebrity = credentials[0]
            #expect(celebrity.username == "celebrity_000000")
            let feed = try await api.call(.get, "/api/newsfeeds/", token: credentials[5].token)
            #expect(feed.status == .ok)
            #expect(try feed.results().count == 20)
            let login = try await api.call(.post, "/api/accounts/login/", json: ["username": credentials[9].username, "password": "password1"])
            #expect(login.status == .ok)
            // A new tweet by a celebrity reaches every follower through the real fanout.
            let tweet = try await api.post("news", as: API.Account(id: celebrity.userID, username: celebrity.username, token: celebrity.token))
            try await app.settle()
            #expect(try await api.newsfeed(API.Account(id: credentials[42].userID, username: "", token: credentials[42].token)).ids.first == tweet)
        }
    }

    @Test(arguments: Backend.durableCases) func aStoreInUseIsNotSeeded(_ backend: Backend) async throws {
        let loader = try #require(try await backend.repositories().bulkLoader)
        _ = try await seed(into: loader, options: Self.options(users: 5), bcryptCost: 4) { _, _ in }
        await #expect(throws: StarlingError.self) {
            _ = try await seed(into: loader, options: Self.options(users: 5), bcryptCost: 4) { _, _ in }
        }
    }

    @Test(arguments: Backend.durableCases) func bulkLoadedTweetsKeepTheirPhotoKeys(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let tweets = [Tweet(id: 1, userID: 1, content: "two", photoKeys: ["photos/b.png", "photos/a.png"]),
                      Tweet(id: 2, userID: 1, content: "none")]
        try await #require(repositories.bulkLoader).insert(tweets: tweets)
        #expect(try await repositories.tweets.tweets(ids: [1, 2]) == [1: tweets[0], 2: tweets[1]])
    }
}

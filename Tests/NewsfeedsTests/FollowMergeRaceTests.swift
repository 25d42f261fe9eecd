import App
import Foundation
import Friendships
import Newsfeeds
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A newsfeed store that counts the entries inserted through it and can run `beforeFirstInsert`
/// just before its first insert of entries: a change that lands between a job's check and its write.
final class InterceptedNewsfeeds: NewsfeedRepository {
    let base: any NewsfeedRepository
    private let state = Mutex<(inserts: Int, hook: (@Sendable () async throws -> Void)?)>((0, nil))

    init(_ base: any NewsfeedRepository) { self.base = base }

    var insertedEntries: Int { state.withLock { $0.inserts } }

    func beforeFirstInsert(_ hook: @escaping @Sendable () async throws -> Void) {
        state.withLock { $0.hook = hook }
    }

    func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        state.withLock { $0.inserts += owners.count }
        return try await base.insert(tweetID: tweetID, authorID: authorID, owners: owners)
    }

    func insert(_ entries: [NewsfeedEntry]) async throws -> Int {
        let hook = state.withLock { state in
            defer { state.hook = nil }
            state.inserts += entries.count
            return state.hook
        }
        try await hook?()
        return try await base.insert(entries)
    }

    func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> { try await base.entries(owner: owner, page: page) }
    func remove(tweetID: Int64) async throws -> Int { try await base.remove(tweetID: tweetID) }
    func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int { try await base.remove(authorID: authorID, fromFeedOf: owner) }
}

/// The follow-merge job against an unfollow that comes before it, and one that lands inside it.
/// Jobs are run by hand (the queue takes none), in the order the race needs.
@Suite(.testDatabases) struct FollowMergeRaceTests {
    func maintenance(_ repositories: Repositories, _ newsfeeds: InterceptedNewsfeeds) -> FeedMaintenance {
        FeedMaintenance(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: newsfeeds,
                        feedCache: MemoryFeedCache(clock: SystemWallClock()),
                        objects: ObjectCache(cache: MemoryKeyValueCache(clock: SystemWallClock()), logger: quietLogger))
    }

    @Test(arguments: Backend.allCases) func aMergeAfterTheUnfollowsCleanUpMergesNothing(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories, queue: StalledQueue())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            _ = try await api.post("before the follow", as: alice)
            try await api.follow(alice, by: bob)
            try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: bob.token)
            let newsfeeds = InterceptedNewsfeeds(repositories.newsfeeds)
            let jobs = maintenance(repositories, newsfeeds)
            // The clean-up overtakes the merge (two workers, one slow).
            try await jobs.removeFolloweeTweets(RemoveFolloweeTweetsJob(followerID: bob.id, followeeID: alice.id))
            try await jobs.mergeFolloweeTweets(MergeFolloweeTweetsJob(followerID: bob.id, followeeID: alice.id))
            #expect(newsfeeds.insertedEntries == 0, "an undone follow merges nothing, not even for a moment")
            #expect(try await repositories.newsfeeds.entries(owner: bob.id, page: .first).items.isEmpty)
        }
    }

    @Test(arguments: Backend.allCases) func anUnfollowWhoseCleanUpRunsInsideTheMergeLeavesNothingBehind(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories, queue: StalledQueue())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            _ = try await api.post("before the follow", as: alice)
            try await api.follow(alice, by: bob)
            let newsfeeds = InterceptedNewsfeeds(repositories.newsfeeds)
            let jobs = maintenance(repositories, newsfeeds)
            newsfeeds.beforeFirstInsert {
                // After the merge's "still following?" and before its insert: the unfollow
                // commits and its clean-up runs, finding nothing to take out yet.
                let reply = try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: bob.token)
                try #require(reply.status.code < 300, "unfollow failed: \(reply.text)")
                try await jobs.removeFolloweeTweets(RemoveFolloweeTweetsJob(followerID: bob.id, followeeID: alice.id))
            }
            try await jobs.mergeFolloweeTweets(MergeFolloweeTweetsJob(followerID: bob.id, followeeID: alice.id))
            #expect(newsfeeds.insertedEntries == 1, "the race happened: the merge inserted after the clean-up")
            #expect(try await repositories.newsfeeds.entries(owner: bob.id, page: .first).items.isEmpty,
                    "the merge took back what it wrote for an unfollowed user")
        }
    }
}

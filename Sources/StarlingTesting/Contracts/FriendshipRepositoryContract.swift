import App
import Friendships
import Newsfeeds
import StarlingCore
import Testing
import Tweets

/// The behaviour every `FriendshipRepository` must have.
public enum FriendshipRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let friendships = repositories.friendships
        // Users 10...14 follow user 1; user 10 also follows 2.
        for follower in Int64(10)...14 {
            #expect(try await friendships.follow(Friendship(id: 100 + follower, fromUserID: follower, toUserID: 1),
                                                 jobs: [Job(id: 500 + follower, name: "merge", payload: "{}")]))
        }
        #expect(try await friendships.follow(Friendship(id: 200, fromUserID: 10, toUserID: 2), jobs: [Job(id: 600, name: "merge", payload: "{}")]))
        #expect(try await !friendships.follow(Friendship(id: 201, fromUserID: 10, toUserID: 2), jobs: [Job(id: 601, name: "merge", payload: "{}")]),
                "a second follow is a duplicate")
        #expect(try await repositories.outbox.pending(limit: 100).count == 6, "a duplicate records no job")

        let followers = try await friendships.followers(of: 1, page: PageRequest(limit: 3))
        #expect(followers.items.map(\.fromUserID) == [14, 13, 12])
        #expect(followers.hasNextPage)
        let rest = try await friendships.followers(of: 1, page: PageRequest(olderThan: followers.items.last!.id, limit: 3))
        #expect(rest.items.map(\.fromUserID) == [11, 10])
        #expect(!rest.hasNextPage)
        #expect(try await friendships.followings(of: 10, page: .first).items.map(\.toUserID) == [2, 1])

        #expect(try await friendships.followerIDs(of: 1, after: 0, limit: 2) == [10, 11])
        #expect(try await friendships.followerIDs(of: 1, after: 11, limit: 10) == [12, 13, 14])
        #expect(try await friendships.followed(by: 10, among: [1, 2, 3]) == [1, 2])
        #expect(try await friendships.followed(by: 10, among: []) == [])
        #expect(try await friendships.followerIDs(of: 1, in: 11...13) == [11, 12, 13])
        #expect(try await friendships.followerIDs(of: 1, in: 0...10) == [10])
        #expect(try await friendships.followerIDs(of: 2, in: 0...100) == [10])
        #expect(try await friendships.followerIDs(of: 1, in: 15...99) == [])
        #expect(try await friendships.counts(of: 1) == (followers: 5, followings: 0))
        #expect(try await friendships.counts(of: 10) == (followers: 0, followings: 2))

        #expect(try await friendships.unfollow(from: 10, to: 1, job: Job(id: 700, name: "remove", payload: "{}")))
        #expect(try await !friendships.unfollow(from: 10, to: 1, job: Job(id: 701, name: "remove", payload: "{}")))
        #expect(try await friendships.followed(by: 10, among: [1, 2]) == [2])
        #expect(try await friendships.followerIDs(of: 1, in: 10...11) == [11])
        #expect(try await repositories.outbox.pending(limit: 100).count == 7)
    }
}

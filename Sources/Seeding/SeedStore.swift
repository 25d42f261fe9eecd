import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import StarlingCore
import Tweets

/// Fills an empty store with a generated graph: users with sessions, follows, tweets, comments,
/// likes, and every newsfeed row fanout would have written — in bulk.
public struct SeedStore: Sendable {
    /// Rows per batch handed to the loader.
    public static let batchSize = 20_000

    let loader: any BulkLoader
    let passwordHash: String
    let newToken: @Sendable () -> String

    /// - Parameters:
    ///   - passwordHash: the bcrypt hash every seeded user logs in with (one hash: bcrypt is slow
    ///     on purpose, and a synthetic graph needs no distinct salts).
    ///   - newToken: makes each user's session token.
    public init(loader: any BulkLoader, passwordHash: String, newToken: @escaping @Sendable () -> String) {
        self.loader = loader
        self.passwordHash = passwordHash
        self.newToken = newToken
    }

    /// A seeded user the load scripts can act as.
    public struct Credential: Sendable, Equatable {
        public let userID: Int64
        public let username: String
        public let token: String
    }

    /// Loads `graph`; `progress` is called with (rows done, rows in all). Returns every user's credential.
    public func callAsFunction(_ graph: SocialGraph, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [Credential] {
        guard try await loader.isEmpty() else { throw StarlingError.badRequest("The store already has users; seed a fresh data directory or an empty database.") }
        let total = graph.userIDs.count * 2 + graph.friendshipCount + graph.tweetCount + graph.feedRowCount
            + graph.comments.count + graph.likes.count
        var done = 0
        func advance(_ rows: Int) {
            done += rows
            progress(done, total)
        }
        progress(0, total)
        try await loader.beginLoad()

        let users = graph.userIDs.indices.map { index in
            User(id: graph.userIDs[index], username: graph.username(index), email: "\(graph.username(index))@example.com",
                 passwordHash: passwordHash, createdAt: graph.userIDs[index])
        }
        try await loader.insert(users: users, activeAt: graph.options.now)
        advance(users.count)
        let credentials = users.map { Credential(userID: $0.id, username: $0.username, token: newToken()) }
        let expires = graph.options.now + 365 * 86_400 * 1_000_000
        try await loader.insert(sessions: credentials.map { (Credentials.tokenHash($0.token), $0.userID, expires) })
        advance(credentials.count)

        try await inBatches(graph.userIDs.indices.flatMap { index in
            zip(graph.followees[index], graph.followIDs[index]).map {
                Friendship(id: $1, fromUserID: graph.userIDs[index], toUserID: graph.userIDs[$0])
            }
        }, loader.insert(friendships:), advance)
        try await inBatches(graph.tweets.joined().map {
            Tweet(id: $0.id, userID: graph.userIDs[$0.authorIndex], content: $0.content,
                  likesCount: $0.likesCount, commentsCount: $0.commentsCount)
        }, loader.insert(tweets:), advance)

        var rows: [NewsfeedEntry] = []
        rows.reserveCapacity(Self.batchSize + 4_096)
        for owner in graph.userIDs.indices {
            for row in graph.feed(of: owner).reversed() {
                rows.append(NewsfeedEntry(ownerID: graph.userIDs[owner], tweetID: row.tweetID, authorID: graph.userIDs[row.authorIndex]))
            }
            if rows.count >= Self.batchSize {
                try await loader.insert(feedRows: rows)
                advance(rows.count)
                rows.removeAll(keepingCapacity: true)
            }
        }
        try await loader.insert(feedRows: rows)
        advance(rows.count)

        try await inBatches(graph.comments.map {
            Comment(id: $0.id, tweetID: $0.tweetID, userID: graph.userIDs[$0.authorIndex], content: $0.content)
        }, loader.insert(comments:), advance)
        try await inBatches(graph.likes.map {
            Like(userID: graph.userIDs[$0.userIndex], target: LikeTarget(.tweet, $0.tweetID), createdAt: $0.createdAt)
        }, loader.insert(likes:), advance)
        try await loader.endLoad()
        return credentials
    }

    private func inBatches<Row>(_ rows: [Row], _ insert: ([Row]) async throws -> Void, _ advance: (Int) -> Void) async throws {
        var start = 0
        while start < rows.count {
            let batch = Array(rows[start..<min(start + Self.batchSize, rows.count)])
            try await insert(batch)
            advance(batch.count)
            start += batch.count
        }
    }
}

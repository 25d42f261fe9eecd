/// A generated social graph, held compactly: users by index, each user's followees and tweets.
/// Identifiers follow the rules of the real system: a tweet's id is its time in microseconds.
public struct SocialGraph: Sendable {
    public struct Tweet: Sendable, Equatable {
        public var id: Int64
        public var authorIndex: Int
        public var content: String
        public var likesCount: Int
        public var commentsCount: Int
    }

    public struct Comment: Sendable, Equatable {
        public var id: Int64
        public var tweetID: Int64
        public var authorIndex: Int
        public var content: String
    }

    public struct Like: Sendable, Equatable {
        public var userIndex: Int
        public var tweetID: Int64
        public var createdAt: Int64
    }

    public let options: SeedOptions
    /// User ids by index; the first `options.celebrities` are the celebrities.
    public let userIDs: [Int64]
    /// For each user index, the indexes of the users they follow, ascending.
    public let followees: [[Int]]
    /// For each user index, the ids of the friendships (follow times), parallel to `followees`.
    public let followIDs: [[Int64]]
    /// For each user index, their tweets, oldest first.
    public let tweets: [[Tweet]]
    public let comments: [Comment]
    public let likes: [Like]

    public func username(_ index: Int) -> String {
        index < options.celebrities ? "celebrity_\(pad(index))" : "user_\(pad(index))"
    }

    private func pad(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// How many friendships there are.
    public var friendshipCount: Int { followees.reduce(0) { $0 + $1.count } }

    /// How many tweets there are.
    public var tweetCount: Int { tweets.reduce(0) { $0 + $1.count } }

    /// A user's newsfeed as fanout makes it: their own tweets and their followees' tweets, as
    /// (tweet id, author index), newest first.
    public func feed(of index: Int) -> [(tweetID: Int64, authorIndex: Int)] {
        var rows = tweets[index].map { ($0.id, index) }
        for followee in followees[index] { rows += tweets[followee].map { ($0.id, followee) } }
        return rows.sorted { $0.0 > $1.0 }.map { (tweetID: $0.0, authorIndex: $0.1) }
    }

    /// How many newsfeed rows the graph makes.
    public var feedRowCount: Int {
        (0..<userIDs.count).reduce(0) { total, index in
            total + tweets[index].count + followees[index].reduce(0) { $0 + tweets[$1].count }
        }
    }
}

/// What one viewer did to some tweets: which they liked, and which they retweeted.
public struct ViewerMarks: Sendable, Equatable {
    public var liked: Set<Int64>
    public var retweeted: Set<Int64>

    public init(liked: Set<Int64> = [], retweeted: Set<Int64> = []) {
        self.liked = liked
        self.retweeted = retweeted
    }
}

/// Reads a viewer's marks on a page of tweets in one round trip: a store that can answer both
/// questions in one statement implements it, and `HydrateTweets` asks it instead of asking the
/// likes and the tweets one statement each.
public protocol ViewerMarksLookup: Sendable {
    /// Of `tweetIDs`, those `viewerID` liked and those they retweeted.
    func marks(by viewerID: Int64, among tweetIDs: [Int64]) async throws -> ViewerMarks
}

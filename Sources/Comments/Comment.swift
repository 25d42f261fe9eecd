import StarlingCore

/// A comment on a tweet. Its id is its creation time in microseconds (see `IDGenerator`).
public struct Comment: Sendable, Equatable {
    public var id: Int64
    public var tweetID: Int64
    public var userID: Int64
    public var content: String
    public var likesCount: Int

    public init(id: Int64, tweetID: Int64, userID: Int64, content: String, likesCount: Int = 0) {
        self.id = id
        self.tweetID = tweetID
        self.userID = userID
        self.content = content
        self.likesCount = likesCount
    }

    /// When it was posted, in microseconds since the epoch.
    public var createdAt: Int64 { id }
}

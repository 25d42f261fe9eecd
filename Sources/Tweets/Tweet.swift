/// A tweet. Its id is its creation time in microseconds (see `IDGenerator`), so `createdAt == id`.
public struct Tweet: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var content: String
    public var likesCount: Int
    public var commentsCount: Int
    /// Its photos' blob keys, in order. They never change after posting, so they travel (and are
    /// cached) with the tweet.
    public var photoKeys: [String]

    public init(id: Int64, userID: Int64, content: String, likesCount: Int = 0, commentsCount: Int = 0, photoKeys: [String] = []) {
        self.id = id
        self.userID = userID
        self.content = content
        self.likesCount = likesCount
        self.commentsCount = commentsCount
        self.photoKeys = photoKeys
    }

    /// When it was posted, in microseconds since the epoch.
    public var createdAt: Int64 { id }
}

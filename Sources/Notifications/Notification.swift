import StarlingCore

/// Something that happened to a user's things: a comment on their tweet, a like of their tweet or
/// comment, a retweet of their tweet, a new follower. Its id is the id of what caused it (a
/// comment, like, retweet or friendship), which is also its time, so a replayed job cannot notify
/// twice.
public struct Notification: Sendable, Equatable {
    /// What happened, in the course's words.
    public enum Verb: String, Sendable {
        case commentedOnYourTweet = "commented on your tweet"
        case likedYourTweet = "liked your tweet"
        case likedYourComment = "liked your comment"
        case followedYou = "followed you"
        /// The action object is the retweet, the target the original.
        case retweetedYourTweet = "retweeted your tweet"
    }

    /// An object a notification points at.
    public struct Reference: Sendable, Equatable {
        public var type: ContentType
        public var id: Int64

        public init(_ type: ContentType, _ id: Int64) {
            self.type = type
            self.id = id
        }
    }

    public var id: Int64
    public var recipientID: Int64
    public var actorID: Int64
    public var verb: Verb
    public var actionObject: Reference?
    public var target: Reference?
    public var unread: Bool

    public init(id: Int64, recipientID: Int64, actorID: Int64, verb: Verb, actionObject: Reference? = nil,
                target: Reference? = nil, unread: Bool = true) {
        self.id = id
        self.recipientID = recipientID
        self.actorID = actorID
        self.verb = verb
        self.actionObject = actionObject
        self.target = target
        self.unread = unread
    }

    /// When it happened, in microseconds since the epoch.
    public var timestamp: Int64 { id }
}

import Accounts

/// A comment with its author, and whether the reading user liked it.
public struct CommentView: Sendable, Equatable {
    public var comment: Comment
    public var author: User
    public var hasLiked: Bool

    public init(comment: Comment, author: User, hasLiked: Bool = false) {
        self.comment = comment
        self.author = author
        self.hasLiked = hasLiked
    }
}

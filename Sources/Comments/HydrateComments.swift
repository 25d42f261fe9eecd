import Accounts
import StarlingCore

/// Turns comments into views any face can render, in two round trips whatever their number:
/// the authors, then whether the viewer liked them (only when someone has).
public struct HydrateComments: Sendable {
    let users: any UserRepository
    let likes: any LikeLookup

    public init(users: any UserRepository, likes: any LikeLookup) {
        self.users = users
        self.likes = likes
    }

    /// The comments as `viewerID` sees them (nil: anonymous), in order; a comment whose author is
    /// gone is left out.
    public func callAsFunction(_ comments: [Comment], viewerID: Int64?) async throws -> [CommentView] {
        guard !comments.isEmpty else { return [] }
        let authors = try await users.profiles(ids: Array(Set(comments.map(\.userID))))
        var liked: Set<Int64> = []
        // Nobody has liked a comment whose count is 0: the store is asked only about the others
        // (on most pages, none).
        let likedByAnyone = comments.filter { $0.likesCount > 0 }.map(\.id)
        if let viewerID, !likedByAnyone.isEmpty { liked = try await likes.liked(by: viewerID, type: .comment, among: likedByAnyone) }
        return comments.compactMap { comment in
            authors[comment.userID].map { CommentView(comment: comment, author: $0, hasLiked: liked.contains(comment.id)) }
        }
    }
}

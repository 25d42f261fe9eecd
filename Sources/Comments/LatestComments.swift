import NIOCore
import StarlingCore

/// A tweet's first page of comments as the object cache keeps it
/// (`CachedCommentRepository.comments(tweetID:page:)`): its oldest comments, at most
/// `CachedCommentRepository.latestLimit` of them, and whether more follow.
struct LatestComments: Sendable, CacheCodable {
    var page: Page<Comment>

    init(_ page: Page<Comment>) {
        self.page = page
    }

    /// The first `limit` comments, as the store would page them.
    func first(_ limit: Int) -> Page<Comment> {
        Page(items: Array(page.items.prefix(limit)), hasNextPage: page.items.count > limit || page.hasNextPage)
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeField(page.hasNextPage ? 1 : 0)
        buffer.writeField(Int64(page.items.count))
        for comment in page.items {
            buffer.writeField(comment.id)
            buffer.writeField(comment.tweetID)
            buffer.writeField(comment.userID)
            buffer.writeField(Int64(comment.likesCount))
            buffer.writeField(comment.content)
        }
    }

    init?(from buffer: inout ByteBuffer) {
        guard let page = buffer.readFields({ (fields: inout CacheFieldReader) -> Page<Comment>? in
            // Each comment takes at least 36 bytes: four integers and a string's length.
            guard let hasNext = fields.int64(),
                  let comments = fields.list(minimumBytes: 36, { comment -> Comment? in
                      guard let id = comment.int64(), let tweetID = comment.int64(), let userID = comment.int64(),
                            let likes = comment.int64(), let content = comment.string() ?? nil else { return nil }
                      return Comment(id: id, tweetID: tweetID, userID: userID, content: content, likesCount: Int(likes))
                  })
            else { return nil }
            return Page(items: comments, hasNextPage: hasNext != 0)
        }) else { return nil }
        self.page = page
    }
}

import NIOCore
import StarlingCore

/// A tweet's latest likes as the object cache keeps them (`CachedLikeRepository.likes(of:limit:)`):
/// who liked it and when, newest first, at most `CachedLikeRepository.latestLimit` of them.
struct LatestLikes: Sendable, CacheCodable {
    var likes: [(userID: Int64, createdAt: Int64)]

    init(_ likes: [Like]) {
        self.likes = likes.map { ($0.userID, $0.createdAt) }
    }

    func likes(of tweetID: Int64, limit: Int) -> [Like] {
        likes.prefix(limit).map { Like(userID: $0.userID, target: LikeTarget(.tweet, tweetID), createdAt: $0.createdAt) }
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeField(Int64(likes.count))
        for like in likes {
            buffer.writeField(like.userID)
            buffer.writeField(like.createdAt)
        }
    }

    init?(from buffer: inout ByteBuffer) {
        guard let likes = buffer.readFields({ (fields: inout CacheFieldReader) -> [(userID: Int64, createdAt: Int64)]? in
            fields.list(minimumBytes: 16) { like -> (userID: Int64, createdAt: Int64)? in
                guard let userID = like.int64(), let createdAt = like.int64() else { return nil }
                return (userID, createdAt)
            }
        }) else { return nil }
        self.likes = likes
    }
}

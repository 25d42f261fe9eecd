import NIOCore
import StarlingCore

extension Tweet: CacheCodable {
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeField(id)
        buffer.writeField(userID)
        buffer.writeField(content)
        buffer.writeField(Int64(likesCount))
        buffer.writeField(Int64(commentsCount))
        buffer.writeField(Int64(photoKeys.count))
        for key in photoKeys { buffer.writeField(key) }
        buffer.writeField(Int64(retweetsCount))
        buffer.writeField(retweetOf ?? 0)  // ids are positive: 0 is "not a retweet"
    }

    /// Bytes cached before tweets carried their photo keys, or their retweet fields, end early:
    /// they are a miss.
    public init?(from buffer: inout ByteBuffer) {
        guard let tweet = buffer.readFields({ (fields: inout CacheFieldReader) -> Tweet? in
            guard let id = fields.int64(), let userID = fields.int64(), let content = fields.string() ?? nil,
                  let likes = fields.int64(), let comments = fields.int64(),
                  let photoCount = fields.int64(), photoCount >= 0
            else { return nil }
            // A lying count soon runs out of bytes: each key takes at least four.
            var photoKeys: [String] = []
            for _ in 0..<photoCount {
                guard let key = fields.string() ?? nil else { return nil }
                photoKeys.append(key)
            }
            guard let retweets = fields.int64(), let retweetOf = fields.int64() else { return nil }
            return Tweet(id: id, userID: userID, content: content, likesCount: Int(likes), commentsCount: Int(comments),
                         photoKeys: photoKeys, retweetOf: retweetOf > 0 ? retweetOf : nil, retweetsCount: Int(retweets))
        }) else { return nil }
        self = tweet
    }
}

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
        guard let id = buffer.readInt64Field(), let userID = buffer.readInt64Field(), let content = buffer.readStringField() ?? nil,
              let likes = buffer.readInt64Field(), let comments = buffer.readInt64Field(),
              let photoCount = buffer.readInt64Field(), photoCount >= 0
        else { return nil }
        // A lying count soon runs out of bytes: each key takes at least four.
        var photoKeys: [String] = []
        for _ in 0..<photoCount {
            guard let key = buffer.readStringField() ?? nil else { return nil }
            photoKeys.append(key)
        }
        guard let retweets = buffer.readInt64Field(), let retweetOf = buffer.readInt64Field() else { return nil }
        self.init(id: id, userID: userID, content: content, likesCount: Int(likes), commentsCount: Int(comments), photoKeys: photoKeys,
                  retweetOf: retweetOf > 0 ? retweetOf : nil, retweetsCount: Int(retweets))
    }
}

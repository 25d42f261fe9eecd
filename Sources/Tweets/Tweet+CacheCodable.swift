import NIOCore
import StarlingCore

extension Tweet: CacheCodable {
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeField(id)
        buffer.writeField(userID)
        buffer.writeField(content)
        buffer.writeField(Int64(likesCount))
        buffer.writeField(Int64(commentsCount))
    }

    public init?(from buffer: inout ByteBuffer) {
        guard let id = buffer.readInt64Field(), let userID = buffer.readInt64Field(), let content = buffer.readStringField() ?? nil,
              let likes = buffer.readInt64Field(), let comments = buffer.readInt64Field()
        else { return nil }
        self.init(id: id, userID: userID, content: content, likesCount: Int(likes), commentsCount: Int(comments))
    }
}

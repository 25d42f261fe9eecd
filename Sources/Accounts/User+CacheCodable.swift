import NIOCore
import StarlingCore

extension User: CacheCodable {
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeField(id)
        buffer.writeField(username)
        buffer.writeField(email)
        buffer.writeField(passwordHash)
        buffer.writeField(isStaff ? 1 : 0)
        buffer.writeField(nickname)
        buffer.writeField(avatarKey)
        buffer.writeField(createdAt)
    }

    public init?(from buffer: inout ByteBuffer) {
        guard let id = buffer.readInt64Field(), let username = buffer.readStringField() ?? nil,
              let email = buffer.readStringField() ?? nil, let passwordHash = buffer.readStringField() ?? nil,
              let isStaff = buffer.readInt64Field(), let nickname = buffer.readStringField(),
              let avatarKey = buffer.readStringField(), let createdAt = buffer.readInt64Field()
        else { return nil }
        self.init(id: id, username: username, email: email, passwordHash: passwordHash, isStaff: isStaff != 0,
                  nickname: nickname, avatarKey: avatarKey, createdAt: createdAt)
    }
}

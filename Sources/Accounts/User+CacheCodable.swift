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
        guard let user = buffer.readFields({ (fields: inout CacheFieldReader) -> User? in
            guard let id = fields.int64(), let username = fields.string() ?? nil,
                  let email = fields.string() ?? nil, let passwordHash = fields.string() ?? nil,
                  let isStaff = fields.int64(), let nickname = fields.string(),
                  let avatarKey = fields.string(), let createdAt = fields.int64()
            else { return nil }
            return User(id: id, username: username, email: email, passwordHash: passwordHash, isStaff: isStaff != 0,
                        nickname: nickname, avatarKey: avatarKey, createdAt: createdAt)
        }) else { return nil }
        self = user
    }
}

/// A cached user read for display (`UserRepository.profiles(ids:)`): the same bytes as `User`'s,
/// with the email and the password hash skipped, left empty. Written, it writes the whole user it
/// holds: only users loaded from the store are written, and they are whole.
struct ProfileOnly: CacheCodable {
    let user: User

    init(_ user: User) {
        self.user = user
    }

    func write(to buffer: inout ByteBuffer) {
        user.write(to: &buffer)
    }

    init?(from buffer: inout ByteBuffer) {
        guard let user = buffer.readFields({ (fields: inout CacheFieldReader) -> User? in
            guard let id = fields.int64(), let username = fields.string() ?? nil,
                  fields.skipString(), fields.skipString(),
                  let isStaff = fields.int64(), let nickname = fields.string(),
                  let avatarKey = fields.string(), let createdAt = fields.int64()
            else { return nil }
            return User(id: id, username: username, email: "", passwordHash: "", isStaff: isStaff != 0,
                        nickname: nickname, avatarKey: avatarKey, createdAt: createdAt)
        }) else { return nil }
        self.user = user
    }
}

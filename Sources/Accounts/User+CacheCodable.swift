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
        guard let user = buffer.readFields({ Self.read(&$0, secrets: true) }) else { return nil }
        self = user
    }

    /// The fields in `write(to:)`'s order. Without `secrets`, the email and the password hash are
    /// stepped over (no string made for them) and left empty. Inlined, so each caller's constant
    /// `secrets` drops the other branch (out of line it cost ~3,400 instructions a newsfeed page).
    @inline(__always)
    static func read(_ fields: inout CacheFieldReader, secrets: Bool) -> User? {
        guard let id = fields.int64(), let username = fields.string() ?? nil else { return nil }
        var email = "", passwordHash = ""
        if secrets {
            guard let readEmail = fields.string() ?? nil, let readHash = fields.string() ?? nil else { return nil }
            (email, passwordHash) = (readEmail, readHash)
        } else {
            guard fields.skipString(), fields.skipString() else { return nil }
        }
        guard let isStaff = fields.int64(), let nickname = fields.string(), let avatarKey = fields.string(),
              let createdAt = fields.int64()
        else { return nil }
        return User(id: id, username: username, email: email, passwordHash: passwordHash, isStaff: isStaff != 0,
                    nickname: nickname, avatarKey: avatarKey, createdAt: createdAt)
    }
}

/// A cached user read for display (`UserRepository.profiles(ids:)`): the same bytes as `User`'s,
/// read without the email and the password hash. Written, it writes the whole user it holds: only
/// users loaded from the store are written, and they are whole.
struct ProfileOnly: CacheCodable {
    let user: User

    init(_ user: User) {
        self.user = user
    }

    func write(to buffer: inout ByteBuffer) {
        user.write(to: &buffer)
    }

    init?(from buffer: inout ByteBuffer) {
        guard let user = buffer.readFields({ User.read(&$0, secrets: false) }) else { return nil }
        self.user = user
    }
}

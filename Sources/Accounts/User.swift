/// A registered user and their profile.
public struct User: Sendable, Equatable {
    public var id: Int64
    /// Lower-case, 6–20 of `[a-z0-9_]`, unique.
    public var username: String
    /// Lower-case, unique.
    public var email: String
    /// The password's hash (bcrypt in production).
    public var passwordHash: String
    public var isStaff: Bool
    /// The profile's display name, if set.
    public var nickname: String?
    /// The blob key of the profile picture, if set.
    public var avatarKey: String?
    public var createdAt: Int64

    public init(id: Int64, username: String, email: String, passwordHash: String, isStaff: Bool = false,
                nickname: String? = nil, avatarKey: String? = nil, createdAt: Int64) {
        self.id = id
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
        self.isStaff = isStaff
        self.nickname = nickname
        self.avatarKey = avatarKey
        self.createdAt = createdAt
    }
}

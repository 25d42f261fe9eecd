import Accounts
import PostgresNIO

/// `UserRepository` on PostgreSQL: the users and profiles tables.
public struct PostgresUserRepository: UserRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func create(_ user: User) async throws {
        do {
            try await store.transaction { tx in
                try await tx.rows("""
                    INSERT INTO users (id, username, email, password_hash, is_staff, created_at)
                    VALUES (\(user.id), \(user.username), \(user.email), \(user.passwordHash), \(user.isStaff), \(user.createdAt))
                    """)
                try await tx.rows("INSERT INTO profiles (user_id, nickname, avatar_key) VALUES (\(user.id), \(user.nickname), \(user.avatarKey))")
            }
        } catch let violation as UniqueViolation {
            switch violation.constraint {
            case "users_username_key": throw AccountsError.usernameTaken
            case "users_email_key": throw AccountsError.emailTaken
            default: throw violation
            }
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await store.rows(Self.select("WHERE u.id = \(id)")).first.map(Self.decode)
    }

    public func user(username: String) async throws -> User? {
        try await store.rows(Self.select("WHERE u.username = \(username)")).first.map(Self.decode)
    }

    public func users(ids: [Int64]) async throws -> [Int64: User] {
        guard !ids.isEmpty else { return [:] }
        let users = try await store.rows(Self.select("WHERE u.id = ANY(\(ids))")).map(Self.decode)
        return Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func updateProfile(userID: Int64, changes: ProfileChanges) async throws -> User? {
        try await store.transaction { tx in
            if let nickname = changes.nickname {
                try await tx.rows("UPDATE profiles SET nickname = \(nickname) WHERE user_id = \(userID)")
            }
            if let avatarKey = changes.avatarKey {
                try await tx.rows("UPDATE profiles SET avatar_key = \(avatarKey) WHERE user_id = \(userID)")
            }
            return try await tx.rows(Self.select("WHERE u.id = \(userID)")).first.map(Self.decode)
        }
    }

    public func list(offset: Int, limit: Int) async throws -> (total: Int, users: [User]) {
        let total = try await store.rows("SELECT COUNT(*) FROM users").first?.decode(Int.self) ?? 0
        let rows = try await store.rows(Self.select("ORDER BY u.id LIMIT \(limit) OFFSET \(offset)"))
        return (total, try rows.map(Self.decode))
    }

    public func setStaff(username: String, isStaff: Bool) async throws -> Bool {
        try await !store.rows("UPDATE users SET is_staff = \(isStaff) WHERE username = \(username) RETURNING id").isEmpty
    }

    /// Users with their profiles, filtered and ordered by `rest` (`WHERE …`, `ORDER BY …`).
    static func select(_ rest: PostgresQuery) -> PostgresQuery {
        PostgresQuery(head: """
            SELECT u.id, u.username, u.email, u.password_hash, u.is_staff, u.created_at, p.nickname, p.avatar_key
            FROM users u LEFT JOIN profiles p ON p.user_id = u.id
            """, rest)
    }

    static func decode(_ row: PostgresRow) throws -> User {
        let (id, username, email, passwordHash, isStaff, createdAt, nickname, avatarKey) =
            try row.decode((Int64, String, String, String, Bool, Int64, String?, String?).self)
        return User(id: id, username: username, email: email, passwordHash: passwordHash, isStaff: isStaff,
                    nickname: nickname, avatarKey: avatarKey, createdAt: createdAt)
    }
}

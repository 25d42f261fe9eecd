import Accounts
import SQLiteDriver
import StarlingCore

/// `UserRepository` on SQLite: the users and profiles tables.
public struct SQLiteUserRepository: UserRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    private static let select = """
        SELECT u.id, u.username, u.email, u.password_hash, u.is_staff, u.created_at, p.nickname, p.avatar_key
        FROM users u LEFT JOIN profiles p ON p.user_id = u.id
        """

    public func create(_ user: User) async throws {
        try await store.write { tx in
            if try !tx.execute("SELECT 1 FROM users WHERE username = ?", [user.username.sqlite]).isEmpty {
                throw AccountsError.usernameTaken
            }
            if try !tx.execute("SELECT 1 FROM users WHERE email = ?", [user.email.sqlite]).isEmpty {
                throw AccountsError.emailTaken
            }
            try tx.execute(
                "INSERT INTO users (id, username, email, password_hash, is_staff, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [user.id.sqlite, user.username.sqlite, user.email.sqlite, user.passwordHash.sqlite,
                 (user.isStaff ? 1 : 0).sqlite, user.createdAt.sqlite])
            try tx.execute("INSERT INTO profiles (user_id, nickname, avatar_key) VALUES (?, ?, ?)",
                                 [user.id.sqlite, user.nickname.sqlite, user.avatarKey.sqlite])
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await store.read("\(Self.select) WHERE u.id = ?", [id.sqlite]).first.map(Self.decode)
    }

    public func user(username: String) async throws -> User? {
        try await store.read("\(Self.select) WHERE u.username = ?", [username.sqlite]).first.map(Self.decode)
    }

    public func users(ids: [Int64]) async throws -> [Int64: User] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await store.read("\(Self.select) WHERE u.id IN (\(SQL.placeholders(ids.count)))", ids.map(\.sqlite))
        return Dictionary(rows.map(Self.decode).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func updateProfile(userID: Int64, changes: ProfileChanges) async throws -> User? {
        try await store.write { tx in
            if let nickname = changes.nickname {
                try tx.execute("UPDATE profiles SET nickname = ? WHERE user_id = ?", [nickname.sqlite, userID.sqlite])
            }
            if let avatarKey = changes.avatarKey {
                try tx.execute("UPDATE profiles SET avatar_key = ? WHERE user_id = ?", [avatarKey.sqlite, userID.sqlite])
            }
            return try tx.execute("\(Self.select) WHERE u.id = ?", [userID.sqlite]).first.map(Self.decode)
        }
    }

    public func list(offset: Int, limit: Int) async throws -> (total: Int, users: [User]) {
        let total = try await store.read("SELECT COUNT(*) AS n FROM users").first?.int("n") ?? 0
        let rows = try await store.read("\(Self.select) ORDER BY u.id LIMIT ? OFFSET ?", [limit.sqlite, offset.sqlite])
        return (total, rows.map(Self.decode))
    }

    public func setStaff(username: String, isStaff: Bool) async throws -> Bool {
        try await store.write { tx in
            try tx.change("UPDATE users SET is_staff = ? WHERE username = ?", [(isStaff ? 1 : 0).sqlite, username.sqlite]) > 0
        }
    }

    static func decode(_ row: SQLiteRow) -> User {
        User(id: row.int64("id"), username: row.string("username"), email: row.string("email"),
             passwordHash: row.string("password_hash"), isStaff: row.bool("is_staff"),
             nickname: row.optionalString("nickname"), avatarKey: row.optionalString("avatar_key"),
             createdAt: row.int64("created_at"))
    }
}

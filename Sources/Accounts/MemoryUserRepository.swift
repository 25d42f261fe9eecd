/// The in-memory `UserRepository`.
public actor MemoryUserRepository: UserRepository {
    private var byID: [Int64: User] = [:]
    private var idByUsername: [String: Int64] = [:]
    private var idByEmail: [String: Int64] = [:]

    public init() {}

    public func create(_ user: User) throws {
        if idByUsername[user.username] != nil { throw AccountsError.usernameTaken }
        if idByEmail[user.email] != nil { throw AccountsError.emailTaken }
        byID[user.id] = user
        idByUsername[user.username] = user.id
        idByEmail[user.email] = user.id
    }

    public func user(id: Int64) -> User? {
        byID[id]
    }

    public func user(username: String) -> User? {
        idByUsername[username].flatMap { byID[$0] }
    }

    public func users(ids: [Int64]) -> [Int64: User] {
        var found: [Int64: User] = [:]
        for id in ids { found[id] = byID[id] }
        return found
    }

    public func updateProfile(userID: Int64, changes: ProfileChanges) -> User? {
        guard var user = byID[userID] else { return nil }
        if let nickname = changes.nickname { user.nickname = nickname }
        if let avatarKey = changes.avatarKey { user.avatarKey = avatarKey }
        byID[userID] = user
        return user
    }

    public func list(offset: Int, limit: Int) -> (total: Int, users: [User]) {
        let sorted = byID.values.sorted { $0.id < $1.id }
        return (sorted.count, Array(sorted.dropFirst(offset).prefix(limit)))
    }

    public func setStaff(username: String, isStaff: Bool) -> Bool {
        guard let id = idByUsername[username] else { return false }
        byID[id]?.isStaff = isStaff
        return true
    }
}

import StarlingCore

/// Registers a user and logs them in.
public struct SignUp: Sendable {
    let users: any UserRepository
    let sessions: StartSession
    let credentials: Credentials
    let ids: IDGenerator

    public init(users: any UserRepository, sessions: StartSession, credentials: Credentials, ids: IDGenerator) {
        self.users = users
        self.sessions = sessions
        self.credentials = credentials
        self.ids = ids
    }

    /// Validates every field, stores the user, and starts a session. Returns the user and token.
    public func callAsFunction(username: String?, email: String?, password: String?, errors: FieldErrors) async throws -> (User, String) {
        var errors = errors
        let username = username.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let email = email.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let username { AccountRules.checkUsername(username, errors: &errors) }
        if let email { AccountRules.checkEmail(email, errors: &errors) }
        if let password { AccountRules.checkPassword(password, errors: &errors) }
        try errors.check()
        guard let username, let email, let password else { throw StarlingError.badRequest("Please check input") }
        if try await users.user(username: username) != nil {
            throw StarlingError.invalid("username", AccountRules.usernameTaken)
        }
        let id = ids.next()
        let user = User(id: id, username: username, email: email,
                        passwordHash: try await credentials.hash(password: password), createdAt: id)
        do {
            try await users.create(user)
        } catch AccountsError.usernameTaken {
            throw StarlingError.invalid("username", AccountRules.usernameTaken)
        } catch AccountsError.emailTaken {
            throw StarlingError.invalid("email", AccountRules.emailTaken)
        }
        return (user, try await sessions(for: user))
    }
}

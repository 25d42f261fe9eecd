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

/// The rules for usernames, emails and passwords.
public enum AccountRules {
    static let usernameTaken = "This username has been occupied."
    static let emailTaken = "This email address has been occupied."

    static func checkUsername(_ username: String, errors: inout FieldErrors) {
        if !(6...20).contains(username.count) {
            errors.add("username", "Ensure this field has between 6 and 20 characters.")
        } else if !username.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }) {
            errors.add("username", "Use only lower-case letters, digits and underscores.")
        }
    }

    static func checkEmail(_ email: String, errors: inout FieldErrors) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid = email.count <= 254 && parts.count == 2 && !parts[0].isEmpty
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" })
        if !valid { errors.add("email", "Enter a valid email address.") }
    }

    static func checkPassword(_ password: String, errors: inout FieldErrors) {
        if !(6...128).contains(password.count) {
            errors.add("password", "Ensure this field has between 6 and 128 characters.")
        }
    }
}

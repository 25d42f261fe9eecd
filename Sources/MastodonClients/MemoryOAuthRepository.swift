/// The in-memory `OAuthRepository`.
public actor MemoryOAuthRepository: OAuthRepository {
    private var applications: [String: ClientApplication] = [:]
    private var tokens: [String: AccessToken] = [:]
    private var codes: [String: AuthorizationCode] = [:]

    public init() {}

    public func create(_ application: ClientApplication) {
        applications[application.clientID] = application
    }

    public func application(clientID: String) -> ClientApplication? {
        applications[clientID]
    }

    public func create(_ token: AccessToken) {
        tokens[token.tokenHash] = token
    }

    public func token(hash: String) -> AccessToken? {
        tokens[hash]
    }

    public func revokeToken(hash: String, applicationID: Int64) -> Bool {
        guard tokens[hash]?.applicationID == applicationID else { return false }
        tokens[hash] = nil
        return true
    }

    public func create(_ code: AuthorizationCode) {
        codes[code.codeHash] = code
    }

    public func consumeCode(hash: String, now: Int64) -> AuthorizationCode? {
        guard let code = codes.removeValue(forKey: hash), code.expiresAt > now else { return nil }
        return code
    }
}

/// Stores registered applications, access tokens and authorization codes.
public protocol OAuthRepository: Sendable {
    /// Stores a newly registered application.
    func create(_ application: ClientApplication) async throws
    /// The application with this client id.
    func application(clientID: String) async throws -> ClientApplication?
    /// Stores an issued token.
    func create(_ token: AccessToken) async throws
    /// The token with this hash, unless revoked.
    func token(hash: String) async throws -> AccessToken?
    /// Revokes a token of `applicationID`; false when there was none.
    @discardableResult
    func revokeToken(hash: String, applicationID: Int64) async throws -> Bool
    /// Stores an authorization code.
    func create(_ code: AuthorizationCode) async throws
    /// Takes the code out (a code is used once), if it exists and is live at `now`.
    func consumeCode(hash: String, now: Int64) async throws -> AuthorizationCode?
}

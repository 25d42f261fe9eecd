import Accounts
import StarlingCore

/// Issues access tokens at `POST /oauth/token` for the password, authorization-code and
/// client-credentials grants. Only the token's hash is stored.
public struct GrantToken: Sendable {
    let oauth: any OAuthRepository
    let checkPassword: CheckPassword
    let credentials: Credentials
    let clock: any WallClock
    let client: AuthenticateClient

    public init(oauth: any OAuthRepository, checkPassword: CheckPassword, credentials: Credentials, clock: any WallClock) {
        self.oauth = oauth
        self.checkPassword = checkPassword
        self.credentials = credentials
        self.clock = clock
        self.client = AuthenticateClient(oauth: oauth)
    }

    /// What a grant request carries (fields a grant does not use are ignored).
    public struct Request: Sendable {
        public var grantType: String?
        public var clientID: String?
        public var clientSecret: String?
        public var scope: String?
        public var username: String?
        public var password: String?
        public var code: String?
        public var redirectURI: String?

        public init(grantType: String?, clientID: String?, clientSecret: String?, scope: String?, username: String?,
                    password: String?, code: String?, redirectURI: String?) {
            self.grantType = grantType
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scope = scope
            self.username = username
            self.password = password
            self.code = code
            self.redirectURI = redirectURI
        }
    }

    /// The token's text (shown once) and what it stands for.
    public func callAsFunction(_ request: Request) async throws -> (String, AccessToken) {
        guard let grant = request.grantType else { throw OAuthError.invalidRequest("grant_type is required.") }
        guard ["password", "authorization_code", "client_credentials"].contains(grant) else { throw OAuthError.unsupportedGrantType }
        let application = try await client(clientID: request.clientID, clientSecret: request.clientSecret)
        switch grant {
        case "password":
            let scopes = try granted(request.scope, by: application)
            let userID = try await userID(login: request.username, password: request.password)
            return try await issue(application: application, userID: userID, scopes: scopes)
        case "authorization_code":
            guard let text = request.code, text.utf8.count <= 200,
                  let code = try await oauth.consumeCode(hash: Credentials.tokenHash(text), now: clock.nowMicros()),
                  code.applicationID == application.id,
                  request.redirectURI == nil || request.redirectURI == code.redirectURI
            else { throw OAuthError.invalidGrant }
            return try await issue(application: application, userID: code.userID, scopes: code.scopes)
        default:
            return try await issue(application: application, userID: nil, scopes: try granted(request.scope, by: application))
        }
    }

    /// The requested scopes (the application's when none are asked), if the application may have them.
    private func granted(_ text: String?, by application: ClientApplication) throws -> Scopes {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return application.scopes }
        guard let requested = Scopes(parsing: text), let scopes = application.scopes.granting(requested) else {
            throw OAuthError.invalidScope
        }
        return scopes
    }

    /// The user whose username or e-mail address and password these are.
    private func userID(login: String?, password: String?) async throws -> Int64 {
        guard let user = try await checkPassword(login: login, password: password) else { throw OAuthError.invalidGrant }
        return user.id
    }

    private func issue(application: ClientApplication, userID: Int64?, scopes: Scopes) async throws -> (String, AccessToken) {
        let text = credentials.newToken()
        let token = AccessToken(tokenHash: Credentials.tokenHash(text), applicationID: application.id, userID: userID, scopes: scopes,
                                createdAt: clock.nowMicros())
        try await oauth.create(token)
        return (text, token)
    }
}

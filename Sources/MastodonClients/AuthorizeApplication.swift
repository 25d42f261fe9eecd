import Accounts
import StarlingCore

/// The authorize page's use case: checks what a client asks for, and turns a user's approval into
/// a single-use code.
public struct AuthorizeApplication: Sendable {
    let oauth: any OAuthRepository
    let credentials: Credentials
    let clock: any WallClock

    public init(oauth: any OAuthRepository, credentials: Credentials, clock: any WallClock) {
        self.oauth = oauth
        self.credentials = credentials
        self.clock = clock
    }

    /// A checked authorization request.
    public struct Grant: Sendable {
        public var application: ClientApplication
        public var redirectURI: String
        public var scopes: Scopes
    }

    /// The application and what it may get, or an `OAuthError` for an unknown client, a redirect
    /// URI it did not register, or scopes it may not have.
    public func check(clientID: String?, redirectURI: String?, scope: String?) async throws -> Grant {
        guard let clientID, clientID.utf8.count <= 200, let application = try await oauth.application(clientID: clientID) else {
            throw OAuthError.invalidClient
        }
        let redirect = redirectURI ?? application.redirectURIs.first ?? ClientApplication.outOfBand
        guard application.redirectURIs.contains(redirect) else {
            throw OAuthError.invalidRequest("The redirect uri included is not valid.")
        }
        var scopes = application.scopes
        if let scope, !scope.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let requested = Scopes(parsing: scope), let granted = application.scopes.granting(requested) else {
                throw OAuthError.invalidScope
            }
            scopes = granted
        }
        return Grant(application: application, redirectURI: redirect, scopes: scopes)
    }

    /// The code for `userID`'s approval of `grant`, shown once.
    public func approve(_ grant: Grant, userID: Int64) async throws -> String {
        let text = credentials.newToken()
        try await oauth.create(AuthorizationCode(codeHash: Credentials.tokenHash(text), applicationID: grant.application.id, userID: userID,
                                                 redirectURI: grant.redirectURI, scopes: grant.scopes,
                                                 expiresAt: clock.nowMicros() + AuthorizationCode.lifetime))
        return text
    }
}

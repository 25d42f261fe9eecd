import Accounts
import StarlingCore

/// Registers a client application (`POST /api/v1/apps`): no login needed, as in Mastodon.
public struct RegisterApplication: Sendable {
    let oauth: any OAuthRepository
    let credentials: Credentials
    let ids: IDGenerator

    public init(oauth: any OAuthRepository, credentials: Credentials, ids: IDGenerator) {
        self.oauth = oauth
        self.credentials = credentials
        self.ids = ids
    }

    /// The stored application and its client secret (shown this once). `redirectURIs` are
    /// separated by new lines or spaces; none means the out-of-band page.
    public func callAsFunction(name: String, website: String?, redirectURIs: String?, scopes: String?) async throws
        -> (ClientApplication, clientSecret: String) {
        var errors = FieldErrors()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 { errors.add("client_name", "Must be 1 to 100 characters.") }
        let uris = (redirectURIs ?? ClientApplication.outOfBand)
            .split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\r" }).map(String.init)
        if uris.isEmpty || uris.count > 10 || uris.contains(where: { $0.count > 2_000 || !Self.isRedirectURI($0) }) {
            errors.add("redirect_uris", "Must be absolute URIs or \(ClientApplication.outOfBand).")
        }
        let parsed = Scopes(parsing: scopes ?? "read")
        if parsed == nil { errors.add("scopes", "Unknown scope.") }
        if let website, website.count > 2_000 { errors.add("website", "Too long.") }
        try errors.check()
        let secret = credentials.newToken()
        let application = ClientApplication(id: ids.next(), name: name, website: website, redirectURIs: uris, scopes: parsed!,
                                            clientID: credentials.newToken(), clientSecretHash: Credentials.tokenHash(secret))
        try await oauth.create(application)
        return (application, secret)
    }

    static func isRedirectURI(_ uri: String) -> Bool {
        uri == ClientApplication.outOfBand || (uri.contains("://") && !uri.contains("#") && uri.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F })
    }
}

import Hummingbird
import MastodonClients
import StarlingCore
import StarlingHTTP

/// `POST /api/v1/apps`, `POST /oauth/token`, `POST /oauth/revoke`.
struct OAuthController: Sendable {
    let register: RegisterApplication
    let grant: GrantToken
    let revoke: RevokeToken
    let rateLimits: RateLimitPolicy

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.post("api/v1/apps", use: createApp)
        router.post("oauth/token", use: token)
        router.post("oauth/revoke", use: revokeToken)
    }

    @Sendable func createApp(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.mastodonRegistration, context)
        let input = try await MastodonParameters.parse(request)
        guard let name = input.string("client_name") else { throw StarlingError.invalid("client_name", "can't be blank") }
        let (application, secret) = try await register(name: name, website: input.string("website"),
                                                       redirectURIs: input.strings("redirect_uris").joined(separator: "\n").nilIfEmpty,
                                                       scopes: input.string("scopes"))
        return try MastodonResponse.json(ApplicationJSON(application, clientSecret: secret))
    }

    @Sendable func token(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.mastodonLogin, context)
        let input = try await MastodonParameters.parse(request)
        let (text, token) = try await grant(GrantToken.Request(
            grantType: input.string("grant_type"), clientID: input.string("client_id"), clientSecret: input.string("client_secret"),
            scope: input.string("scope"), username: input.string("username"), password: input.string("password"),
            code: input.string("code"), redirectURI: input.string("redirect_uri")))
        return try MastodonResponse.json(TokenJSON(text: text, token: token))
    }

    @Sendable func revokeToken(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let input = try await MastodonParameters.parse(request)
        try await revoke(clientID: input.string("client_id"), clientSecret: input.string("client_secret"), token: input.string("token"))
        return try MastodonResponse.json([String: String]())
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension RateLimitRule {
    /// Registering applications: 30 per 5 minutes per client address.
    public static let mastodonRegistration = RateLimitRule(name: "mastodon_apps", limits: [RateLimit(count: 30, seconds: 300)], scope: .ip)
    /// Token requests and the authorize page's logins: 30 per 5 minutes per client address (each may check a password).
    public static let mastodonLogin = RateLimitRule(name: "mastodon_login", limits: [RateLimit(count: 30, seconds: 300)], scope: .ip)
}

import Foundation
import HTTPTypes
import Hummingbird
import MastodonClients
import StarlingCore
import StarlingHTTP

/// Authenticates Mastodon routes by `Authorization: Bearer <token>` alone (a cookie is ignored,
/// so no CSRF check is needed): an OAuth access token, or a course session token (which has every
/// scope). Enforces the token's scopes by method — reading needs `read`, anything else `write`
/// (following also accepts `follow`) — and counts every request against the Mastodon rate limit,
/// answering `X-RateLimit-*` on every response.
struct MastodonAuthMiddleware: RouterMiddleware {
    typealias Context = StarlingRequestContext

    let authenticate: AuthenticateToken
    let rateLimits: RateLimitPolicy
    let counter: RateWindowCounter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let sessionViewer = context.viewer
        context.viewer = nil
        if let authorization = request.headers[.authorization], let text = BearerToken.token(in: authorization) {
            if let token = try await authenticate(text) {
                try Self.check(token.scopes, request)
                context.viewer = token.userID.map { Viewer(userID: $0, tokenHash: token.tokenHash) }
            } else if let sessionViewer {
                context.viewer = sessionViewer
            } else {
                throw StarlingError.notAuthenticated
            }
        }
        try await rateLimits.check(.mastodonAPI, context)
        let now = Int(Date().timeIntervalSince1970)
        let subject = context.viewer.map { "u\($0.userID)" } ?? "ip\(context.clientIP)"
        let used = await counter.hit(subject, now: now)
        var response = try await next(request, context)
        RateLimitHeaders.allowed(used: used, now: now).apply(to: &response)
        return response
    }

    /// Refuses a request the token's scopes do not cover, with 403 as Mastodon answers.
    static func check(_ scopes: Scopes, _ request: Request) throws {
        let path = request.uri.path
        if path.hasPrefix("/oauth/") || path.hasPrefix("/api/v1/apps") { return }
        let safe = request.method == .get || request.method == .head || request.method == .options
        if safe {
            guard scopes.allows("read") || scopes.words.contains(where: { $0.hasPrefix("read:") }) else { throw outsideScopes }
            return
        }
        let following = path.hasSuffix("/follow") || path.hasSuffix("/unfollow") || path.hasSuffix("/follow/") || path.hasSuffix("/unfollow/")
        if following, scopes.allows("follow") || scopes.allows("write:follows") { return }
        guard scopes.allows("write") || scopes.words.contains(where: { $0.hasPrefix("write:") }) else { throw outsideScopes }
    }

    static let outsideScopes = StarlingError.forbidden("This action is outside the authorized scopes")
}

extension RateLimitRule {
    /// Every Mastodon request: Mastodon's 300 per 5 minutes per user or client address.
    public static let mastodonAPI = RateLimitRule(name: "mastodon_api", limits: [RateLimit(count: 300, seconds: 300)], scope: .userOrIP)
}

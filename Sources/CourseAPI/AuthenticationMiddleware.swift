import Accounts
import HTTPTypes
import Hummingbird
import StarlingCore
import StarlingHTTP

/// Sets `context.viewer` from `Authorization: Bearer <token>` or the `sessionid` cookie.
///
/// Unknown or revoked credentials leave the request anonymous. An unsafe request authenticated by
/// cookie must show that it comes from the same origin — `Sec-Fetch-Site: same-origin`, or an
/// `Origin` or `Referer` naming this host — and one that shows nothing is refused too: every
/// browser sends at least one of them on a POST, and a client that sends none has no business
/// riding on a cookie (it can use its bearer token). Bearer requests are never subject to it.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = StarlingRequestContext
    /// The name of the session cookie.
    public static let cookieName = "sessionid"

    let authenticate: Authenticate

    public init(authenticate: Authenticate) {
        self.authenticate = authenticate
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization], let token = BearerToken.token(in: authorization) {
            context.viewer = try await authenticate(token: token).map(Viewer.init)
        } else if let token = request.cookies[Self.cookieName]?.value, !token.isEmpty {
            context.viewer = try await authenticate(token: token).map(Viewer.init)
            if context.viewer != nil, !request.method.isSafe, let failure = Self.crossOriginFailure(request, requireEvidence: true) {
                throw StarlingError.forbidden("CSRF Failed: \(failure)")
            }
        }
        return try await next(request, context)
    }

    /// Refuses a request that a browser marked as coming from another site. Login and signup use
    /// it (they set the session cookie, so a cross-site form must not log a victim in as the
    /// attacker); clients that are not browsers send no such headers and pass.
    public static func refuseCrossSite(_ request: Request) throws {
        if let failure = crossOriginFailure(request, requireEvidence: false) {
            throw StarlingError.forbidden("CSRF Failed: \(failure)")
        }
    }

    /// Why an unsafe request looks cross-site, or nil when it does not. With `requireEvidence`,
    /// a request carrying none of `Sec-Fetch-Site`, `Origin` and `Referer` fails too.
    static func crossOriginFailure(_ request: Request, requireEvidence: Bool) -> String? {
        let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? ""
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            return "cross-site request (Sec-Fetch-Site: \(site.prefix(40)))."
        }
        for (field, label) in [(HTTPField.Name.origin, "Origin"), (.referer, "Referer")] {
            guard let value = request.headers[field] else { continue }
            if authority(of: value) != host.lowercased() {
                return "\(label) checking failed - \(value.prefix(200)) does not match any trusted origins."
            }
            return nil
        }
        if requireEvidence, request.headers[HTTPField.Name("Sec-Fetch-Site")!] == nil {
            return "Origin checking failed - no Origin or Referer header."
        }
        return nil
    }

    private static func authority(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        return rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.lowercased() }
    }
}

extension HTTPRequest.Method {
    /// GET, HEAD and OPTIONS change nothing.
    var isSafe: Bool { self == .get || self == .head || self == .options }
}

extension Viewer {
    /// The viewer of a request whose token stands for `session`.
    init(_ session: AuthenticatedSession) {
        self.init(userID: session.userID, tokenHash: session.tokenHash)
    }
}

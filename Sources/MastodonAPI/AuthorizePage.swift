import Foundation
import HTTPTypes
import Hummingbird
import MastodonClients
import StarlingCore
import StarlingHTTP

/// `/oauth/authorize`: the page where a person lets a Mastodon client act for them. A visitor
/// with a Starling web session sees an approve form (and a deny button); anyone else a login
/// form (username or e-mail, password) that approves in the same step. Approval answers 302 to
/// `redirect_uri?code=…&state=…`, or for the out-of-band redirect to `/oauth/authorize/native`,
/// which shows the code in `<input class="oauth-code" readonly value="…">`. A request naming an
/// unknown client, a redirect URI it did not register or scopes it may not have is refused with
/// an OAuth error (JSON, 400), as every error of Starling is JSON.
struct AuthorizePage: Sendable {
    let authorize: AuthorizeApplication
    let checkPassword: CheckPassword
    let rateLimits: RateLimitPolicy

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.get("oauth/authorize", use: show)
        router.post("oauth/authorize", use: decide)
        router.get("oauth/authorize/native", use: native)
    }

    @Sendable func show(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let input = MastodonParameters(query: request)
        let grant = try await authorize.check(clientID: input.string("client_id"), redirectURI: input.string("redirect_uri"),
                                              scope: input.string("scope"))
        return MastodonResponse.html(Self.form(grant, state: input.string("state"), loggedIn: context.viewer != nil, message: nil))
    }

    @Sendable func decide(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw StarlingError.forbidden("Cross-site authorization refused.")
        }
        let input = try await MastodonParameters.parse(request)
        let grant = try await authorize.check(clientID: input.string("client_id"), redirectURI: input.string("redirect_uri"),
                                              scope: input.string("scope"))
        let state = input.string("state").flatMap { $0 == "None" ? nil : $0 }
        if input.string("decision") == "deny" {
            if grant.redirectURI == ClientApplication.outOfBand {
                return MastodonResponse.html(Self.page(title: "Authorization denied", body: "<p>You denied the application access.</p>"))
            }
            return MastodonResponse.redirect(Self.redirect(grant.redirectURI, ["error": "access_denied"], state: state))
        }
        var userID = context.viewer?.userID
        if input.string("password") != nil || userID == nil {
            try await rateLimits.check(.mastodonLogin, context)
            guard let user = try await checkPassword(login: input.string("username"), password: input.string("password")) else {
                // The login form again, with what went wrong.
                return MastodonResponse.html(Self.form(grant, state: state, loggedIn: false, message: "Invalid username or password."))
            }
            userID = user.id
        }
        guard let userID else { throw StarlingError.notAuthenticated }
        let code = try await authorize.approve(grant, userID: userID)
        if grant.redirectURI == ClientApplication.outOfBand {
            return MastodonResponse.redirect("/oauth/authorize/native?code=\(Self.percentEncoded(code))")
        }
        return MastodonResponse.redirect(Self.redirect(grant.redirectURI, ["code": code], state: state))
    }

    @Sendable func native(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let code = MastodonParameters(query: request).string("code") ?? ""
        return MastodonResponse.html(Self.page(title: "Authorization code", body: """
            <p>Copy this authorization code and paste it into the application.</p>
            <input class="oauth-code" readonly value="\(HTML.escape(code))" size="50" onfocus="this.select()">
            """))
    }

    static func redirect(_ uri: String, _ fields: [String: String], state: String?) -> String {
        var pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(percentEncoded($0.value))" }
        if let state { pairs.append("state=\(percentEncoded(state))") }
        return uri + (uri.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }

    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    static func form(_ grant: AuthorizeApplication.Grant, state: String?, loggedIn: Bool, message: String?) -> String {
        let hidden = [("client_id", grant.application.clientID), ("redirect_uri", grant.redirectURI),
                      ("scope", grant.scopes.description), ("state", state ?? "")]
            .map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\(HTML.escape($0.1))\">" }.joined(separator: "\n")
        let login = loggedIn ? "" : """
            <p><label>Username or e-mail <input name="username" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
            """
        let error = message.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? ""
        return page(title: "Authorize \(grant.application.name)", body: """
            <p><strong>\(HTML.escape(grant.application.name))</strong> asks to use your Starling account with these permissions:
            <code>\(HTML.escape(grant.scopes.description))</code>.</p>
            \(error)
            <form method="post" action="/oauth/authorize">
            \(hidden)
            \(login)
            <button type="submit" name="decision" value="approve">Authorize</button>
            <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
            </form>
            """)
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>\(HTML.escape(title)) · Starling</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}.error{color:#b00}</style>
        </head><body><h1>\(HTML.escape(title))</h1>
        \(body)
        </body></html>
        """
    }
}

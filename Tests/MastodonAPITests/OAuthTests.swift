import Foundation
import HTTPTypes
import StarlingTesting
import Testing

/// OAuth through the router: apps, the three grants, the authorize page, scopes and revocation.
@Suite struct OAuthTests {
    @Test func passwordGrantWithTheEmailLogsInAndVerifiesCredentials() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_m")
            let reply = try await client.call(.get, "/api/v1/accounts/verify_credentials", token: alice.token)
            #expect(reply.status == .ok)
            let object = try reply.object()
            #expect(object["id"] as? String == alice.id, "ids are strings")
            #expect(object["acct"] as? String == "alice_m")
            #expect(object["source"] != nil)
            #expect(reply.header("X-RateLimit-Limit") == "300")
            #expect(reply.header("X-RateLimit-Remaining") != nil && reply.header("X-RateLimit-Reset") != nil)
        }
    }

    @Test func tokenAnswersTheScopeAndNoExpiry() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            _ = try await api.signUp("bobby_m")
            let app = try await client.registerApp()
            let reply = try await client.call(.post, "/oauth/token", json: [
                "grant_type": "password", "client_id": app.id, "client_secret": app.secret, "username": "bobby_m",
                "password": "password1", "scope": "read write follow"])
            let object = try reply.object()
            #expect(object["scope"] as? String == "read write follow")
            #expect(object["token_type"] as? String == "Bearer")
            #expect(object["expires_in"] == nil)
            #expect(object["created_at"] is NSNumber)
        }
    }

    @Test func wrongPasswordIsInvalidGrantAndBadClientIsInvalidClient() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            _ = try await api.signUp("carol_m")
            let app = try await client.registerApp()
            let wrong = try await client.call(.post, "/oauth/token", form: [
                ("grant_type", "password"), ("client_id", app.id), ("client_secret", app.secret), ("username", "carol_m"),
                ("password", "nope")])
            #expect(wrong.status == .badRequest)
            #expect(try wrong.object()["error"] as? String == "invalid_grant")
            let badClient = try await client.call(.post, "/oauth/token", form: [
                ("grant_type", "password"), ("client_id", app.id), ("client_secret", "x"), ("username", "carol_m"),
                ("password", "password1")])
            #expect(badClient.status == .unauthorized)
            #expect(try badClient.object()["error"] as? String == "invalid_client")
        }
    }

    @Test func aReadOnlyTokenCannotWrite() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let reader = try await client.user("reader_m", scopes: "read")
            #expect(try await client.call(.get, "/api/v1/timelines/home", token: reader.token).status == .ok)
            let post = try await client.call(.post, "/api/v1/statuses", token: reader.token, form: [("status", "hi")])
            #expect(post.status == .forbidden)
            #expect(try post.object()["error"] != nil)
        }
    }

    @Test func unknownAndRevokedTokensAre401() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            #expect(try await client.call(.get, "/api/v1/accounts/verify_credentials", token: "nonsense").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/accounts/verify_credentials").status == .unauthorized)
            _ = try await api.signUp("dave_m")
            let app = try await client.registerApp()
            let token = try #require(try await client.call(.post, "/oauth/token", form: [
                ("grant_type", "password"), ("client_id", app.id), ("client_secret", app.secret), ("username", "dave_m"),
                ("password", "password1")]).object()["access_token"] as? String)
            let revoke = try await client.call(.post, "/oauth/revoke", form: [("client_id", app.id), ("client_secret", app.secret),
                                                                              ("token", token)])
            #expect(revoke.status == .ok && revoke.text == "{}")
            #expect(try await client.call(.get, "/api/v1/accounts/verify_credentials", token: token).status == .unauthorized)
        }
    }

    @Test func theAuthorizePageGivesASingleUseCodeForTheOutOfBandRedirect() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            _ = try await api.signUp("erin_m")
            let app = try await client.registerApp(scopes: "read write follow")
            let query = "client_id=\(app.id)&response_type=code&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read+write"
            let page = try await client.call(.get, "/oauth/authorize/?\(query)")
            #expect(page.status == .ok)
            #expect(page.text.contains("name=\"password\""), "an anonymous visitor gets a login form")
            let approve = try await client.call(.post, "/oauth/authorize", form: [
                ("client_id", app.id), ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"), ("scope", "read write"), ("state", ""),
                ("username", "erin_m"), ("password", "password1"), ("decision", "approve")])
            #expect(approve.status == .found)
            let location = try #require(approve.header("Location"))
            #expect(location.hasPrefix("/oauth/authorize/native?code="))
            let native = try await client.call(.get, location)
            let code = try #require(location.split(separator: "=").last.map(String.init))
            #expect(native.text.contains("class=\"oauth-code\" readonly value=\"\(code)\""))
            let form = [("grant_type", "authorization_code"), ("client_id", app.id), ("client_secret", app.secret), ("code", code),
                        ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob")]
            let token = try await client.call(.post, "/oauth/token", form: form)
            #expect(token.status == .ok)
            #expect(try token.object()["scope"] as? String == "read write")
            #expect(try await client.call(.post, "/oauth/token", form: form).status == .badRequest, "a code is used once")
        }
    }

    @Test func theInstanceAnswersAVersionMastodonPyParses() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            for path in ["/api/v1/instance", "/api/v1/instance/", "/api/v2/instance", "/api/v2/instance/"] {
                let reply = try await client.call(.get, path)
                #expect(reply.status == .ok, "\(path)")
                let version = try #require(try reply.object()["version"] as? String)
                let parts = version.split(separator: " ")[0].split(separator: ".")
                #expect(parts.count == 3 && parts.allSatisfy { $0.first?.isNumber == true })
            }
        }
    }
}

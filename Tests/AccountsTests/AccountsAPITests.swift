import Accounts
import App
import StarlingCore
import Foundation
import StarlingTesting
import HTTPTypes
import Testing

@Suite(.testDatabases) struct AccountsAPITests {
    @Test(arguments: Backend.allCases) func signUpLogsInAndLoginStatusSaysSo(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let reply = try await api.call(.post, "/api/accounts/signup/",
                                           json: ["username": "Alice_01", "email": "Alice@Example.com", "password": "secret1"])
            #expect(reply.status == .created)
            let body = try reply.object()
            #expect(body["success"] as? Bool == true)
            let user = try #require(body["user"] as? [String: Any])
            #expect(user["username"] as? String == "alice_01", "stored lower-case")
            let token = try #require(body["token"] as? String)
            let cookie = try #require(reply.headers[.setCookie])
            #expect(cookie.contains("sessionid=\(token)") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))

            let status = try await api.call(.get, "/api/accounts/login_status/", token: token).object()
            #expect(status["has_logged_in"] as? Bool == true)
            #expect((status["user"] as? [String: Any])?["username"] as? String == "alice_01")
            #expect(status["ip"] is String)
            let anonymous = try await api.call(.get, "/api/accounts/login_status/").object()
            #expect(anonymous["has_logged_in"] as? Bool == false)
            #expect(anonymous["user"] == nil || anonymous["user"] is NSNull)
        }
    }

    @Test(arguments: [
        (["email": "a@example.com", "password": "secret1"], "username"),
        (["username": "abc", "email": "a@example.com", "password": "secret1"], "username"),
        (["username": String(repeating: "a", count: 21), "email": "a@example.com", "password": "secret1"], "username"),
        (["username": "bad name!", "email": "a@example.com", "password": "secret1"], "username"),
        (["username": "good_name", "email": "not-an-email", "password": "secret1"], "email"),
        (["username": "good_name", "password": "secret1"], "email"),
        (["username": "good_name", "email": "a@example.com", "password": "12345"], "password"),
        (["username": "good_name", "email": "a@example.com", "password": String(repeating: "p", count: 129)], "password"),
        (["username": "good_name", "email": "a@example.com"], "password"),
    ])
    func badSignUpIsA400NamingTheField(_ fields: [String: String], _ field: String) async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let reply = try await api.call(.post, "/api/accounts/signup/", json: fields)
            #expect(reply.status == .badRequest)
            let body = try reply.object()
            #expect(body["success"] as? Bool == false)
            #expect((body["errors"] as? [String: Any])?[field] != nil, "\(reply.text)")
        }
        #expect(try await app.repositories.users.list(offset: 0, limit: 10).total == 0, "nothing was stored")
    }

    @Test func fieldsOfTheWrongTypeAreA400() async throws {
        try await TestStarling.make(.memory).test { api in
            let reply = try await api.call(.post, "/api/accounts/signup/",
                                           json: ["username": ["alice_01"], "email": ["x": 1], "password": "secret1"])
            #expect(reply.status == .badRequest)
            let errors = try #require(try reply.object()["errors"] as? [String: Any])
            #expect(errors["username"] != nil && errors["email"] != nil)
            let huge = try await api.call(.post, "/api/accounts/login/", json: ["username": String(repeating: "u", count: 2_000_000)])
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.object()["detail"] != nil)
        }
    }

    @Test(arguments: Backend.allCases) func duplicateUsernameOrEmailIsRefused(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            _ = try await api.signUp("alice_01")
            let sameName = try await api.call(.post, "/api/accounts/signup/",
                                              json: ["username": "ALICE_01", "email": "other@example.com", "password": "secret1"])
            #expect(sameName.status == .badRequest)
            #expect((try sameName.object()["errors"] as? [String: Any])?["username"] != nil)
            let sameEmail = try await api.call(.post, "/api/accounts/signup/",
                                               json: ["username": "other_01", "email": "ALICE_01@example.com", "password": "secret1"])
            #expect(sameEmail.status == .badRequest)
            #expect((try sameEmail.object()["errors"] as? [String: Any])?["email"] != nil)
        }
    }

    @Test func bodiesMayBeFormEncodedOrMultipart() async throws {
        try await TestStarling.make(.memory).test { api in
            let form = try await api.call(.post, "/api/accounts/signup/", headers: [.contentType: "application/x-www-form-urlencoded"],
                                          body: .init(string: "username=form_user&email=f%40example.com&password=secret1"))
            #expect(form.status == .created)
            let multipart = "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nform_user\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nsecret1\r\n--b--\r\n"
            let login = try await api.call(.post, "/api/accounts/login/", headers: [.contentType: "multipart/form-data; boundary=b"],
                                           body: .init(string: multipart))
            #expect(login.status == .ok)
            let junk = try await api.call(.post, "/api/accounts/login/", headers: [.contentType: "application/json"], body: .init(string: "[1,"))
            #expect(junk.status == .badRequest)
            #expect(try junk.object()["success"] as? Bool == false)
            let xml = try await api.call(.post, "/api/accounts/login/", headers: [.contentType: "text/xml"], body: .init(string: "<a/>"))
            #expect(xml.status.code / 100 == 4)
        }
    }

    @Test(arguments: Backend.allCases) func loginChecksThePasswordAndLogoutRevokesTheToken(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            _ = try await api.signUp("alice_01")
            let wrong = try await api.call(.post, "/api/accounts/login/", json: ["username": "alice_01", "password": "nope123"])
            #expect(wrong.status == .badRequest)
            let unknown = try await api.call(.post, "/api/accounts/login/", json: ["username": "nobody_1", "password": "password1"])
            #expect(unknown.status == .badRequest)
            #expect(try wrong.object()["message"] as? String == unknown.object()["message"] as? String, "no hint which usernames exist")
            let missing = try await api.call(.post, "/api/accounts/login/", json: ["username": "alice_01"])
            #expect(missing.status == .badRequest)

            let login = try await api.call(.post, "/api/accounts/login/", json: ["username": "Alice_01", "password": "password1"])
            #expect(login.status == .ok)
            let token = try #require(try login.object()["token"] as? String)
            #expect(try await api.call(.post, "/api/tweets/", token: token, json: ["content": "hi"]).status == .created)

            let logout = try await api.call(.post, "/api/accounts/logout/", token: token)
            #expect(logout.status == .ok)
            #expect(try logout.object()["success"] as? Bool == true)
            #expect(try await api.call(.post, "/api/tweets/", token: token, json: ["content": "hi"]).status == .forbidden,
                    "a revoked token logs nobody in")
            let status = try await api.call(.get, "/api/accounts/login_status/", token: token).object()
            #expect(status["has_logged_in"] as? Bool == false)
        }
    }

    @Test(arguments: Backend.allCases) func aLogoutTheCacheMissedIsCaughtUpWhenTheCacheIsBack(_ backend: Backend) async throws {
        var caches = Caches.inProcess(clock: SystemWallClock())
        let cache = InstrumentedCache(caches.keyValue)
        caches.keyValue = cache
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            func loggedIn() async throws -> Bool {
                try await api.call(.get, "/api/accounts/login_status/", token: alice.token).object()["has_logged_in"] as? Bool == true
            }
            #expect(try await loggedIn(), "the session is now cached")
            cache.isDown = true
            #expect(try await api.call(.post, "/api/accounts/logout/", token: alice.token).status == .ok)
            #expect(try await !loggedIn(), "with the cache down, the store says the session is gone")
            // The recorded job tries while the cache is still down (and fails), so its retry is what is tested.
            cache.reset()
            let deadline = ContinuousClock.now + .seconds(30)
            while cache.roundTrips == 0 {
                try #require(ContinuousClock.now < deadline, "the job never tried the cache")
                try await Task.sleep(for: .milliseconds(5))
            }
            cache.isDown = false  // back, still holding the session it could not be told to forget
            try await app.settle()
            #expect(try await !loggedIn(), "the recorded job removed the cached session")
        }
    }

    @Test func aCachedSessionDoesNotOutliveTheSession() async throws {
        let clock = ManualClock()
        let outbox = MemoryOutbox()
        let sessions = CachedSessionRepository(MemorySessionRepository(outbox: outbox), cache: MemoryKeyValueCache(clock: clock))
        let expiresAt = clock.nowMicros() + 10_000_000
        try await sessions.create(tokenHash: "h", userID: 7, expiresAt: expiresAt)
        #expect(try await sessions.session(tokenHash: "h", now: clock.nowMicros()) == LiveSession(userID: 7, expiresAt: expiresAt))
        clock.advance(seconds: 20)  // past the session's end, well inside the cache's five minutes
        #expect(try await sessions.session(tokenHash: "h", now: clock.nowMicros()) == nil)
    }

    @Test func theSessionCookieAuthenticatesAndIsProtectedAgainstCrossSiteForgery() async throws {
        try await TestStarling.make(.memory).test { api in
            let account = try await api.signUp("alice_01")
            let cookie: HTTPFields = [.cookie: "sessionid=\(account.token)"]
            var sameOrigin = cookie
            sameOrigin[.origin] = "http://localhost"
            let ok = try await api.call(.post, "/api/tweets/", json: ["content": "by cookie"], headers: sameOrigin)
            #expect(ok.status == .created, "\(ok.text)")

            var crossSite = cookie
            crossSite[.origin] = "https://evil.example"
            let forged = try await api.call(.post, "/api/tweets/", json: ["content": "forged"], headers: crossSite)
            #expect(forged.status == .forbidden)
            #expect((try forged.object()["detail"] as? String)?.hasPrefix("CSRF Failed") == true)

            var fetchMetadata = cookie
            fetchMetadata[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            #expect(try await api.call(.post, "/api/tweets/", json: ["content": "forged"], headers: fetchMetadata).status == .forbidden)

            let bearer = try await api.call(.post, "/api/tweets/", token: account.token, json: ["content": "bearer"],
                                            headers: [.origin: "https://evil.example"])
            #expect(bearer.status == .created, "bearer requests are not subject to CSRF")
            #expect(try await api.call(.get, "/api/newsfeeds/", headers: crossSite).status == .ok, "safe methods are not checked")
        }
    }

    @Test(arguments: Backend.allCases) func onlyTheOwnerChangesAProfile(_ backend: Backend) async throws {
        try await TestStarling.make(backend).test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let path = "/api/profiles/\(alice.id)/"
            let updated = try await api.call(.patch, path, token: alice.token, json: ["nickname": "Ally"])
            #expect(updated.status == .ok)
            #expect(try updated.object()["nickname"] as? String == "Ally")
            #expect(try await api.call(.put, path, token: alice.token, json: ["nickname": "Al"]).status == .ok)
            #expect(try await api.call(.patch, path, token: bob.token, json: ["nickname": "x"]).status == .forbidden)
            #expect(try await api.call(.patch, path, json: ["nickname": "x"]).status == .forbidden)
            #expect(try await api.call(.patch, "/api/profiles/123456/", token: alice.token, json: ["nickname": "x"]).status == .notFound)
            #expect(try await api.call(.patch, "/api/profiles/abc/", token: alice.token, json: ["nickname": "x"]).status == .badRequest)
            let long = try await api.call(.patch, path, token: alice.token, json: ["nickname": String(repeating: "n", count: 201)])
            #expect(long.status == .badRequest)
            #expect(try await api.call(.delete, path, token: alice.token).status == .methodNotAllowed)
            let tweet = try await api.post("hello", as: alice)
            let shown = try await api.call(.get, "/api/tweets/\(tweet)/").object()
            #expect((shown["user"] as? [String: Any])?["nickname"] as? String == "Al")
        }
    }

    @Test(arguments: Backend.allCases) func onlyAdminsListUsers(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let admin = try await api.signUp("admin_01")
            let alice = try await api.signUp("alice_01")
            #expect(try await app.repositories.users.setStaff(username: "admin_01", isStaff: true))
            #expect(try await api.call(.get, "/api/users/").status == .forbidden)
            #expect(try await api.call(.get, "/api/users/", token: alice.token).status == .forbidden)
            let list = try await api.call(.get, "/api/users/", token: admin.token)
            #expect(list.status == .ok)
            let body = try list.object()
            #expect(body["count"] as? Int == 2)
            #expect(body["next"] is NSNull && body["previous"] is NSNull)
            #expect(try list.results().count == 2)
            let one = try await api.call(.get, "/api/users/\(alice.id)/", token: admin.token)
            #expect(try one.object()["username"] as? String == "alice_01")
            #expect(try await api.call(.get, "/api/users/42/", token: admin.token).status == .notFound)
            #expect(try await api.call(.get, "/api/users/?page=9", token: admin.token).status == .notFound)
            #expect(try await api.call(.get, "/api/users/?page=0", token: admin.token).status == .badRequest, "as for notifications")
        }
    }

    @Test func accountEndpointsAreRateLimitedPerAddress() async throws {
        let clock = ManualClock()
        try await TestStarling.make(.memory, rateLimits: true, clock: clock).test { api in
            for _ in 0..<3 {
                #expect(try await api.call(.get, "/api/accounts/login_status/").status == .ok)
            }
            let limited = try await api.call(.get, "/api/accounts/login_status/")
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.object()["detail"] as? String == "Too many requests, try again later.")
            #expect(limited.headers[.retryAfter] == "1")
            clock.advance(seconds: 1)
            #expect(try await api.call(.get, "/api/accounts/login_status/").status == .ok)
        }
    }

    @Test(arguments: Backend.allCases) func repositoryContracts(_ backend: Backend) async throws {
        try await UserRepositoryContract.run(try await backend.repositories())
        try await SessionRepositoryContract.run(try await backend.repositories())
    }
}

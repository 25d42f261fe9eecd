import App
import Foundation
import HTTPTypes
import NIOCore
import StarlingCore
import StarlingTesting
import Testing

/// What an attacker sends: numbers past every limit, control characters, wrong types, bodies too
/// large, unexpected methods, forged origins. Each is a 4xx with a JSON body that changes nothing.
@Suite struct HostileInputTests {
    @Test func pageNumbersPastEveryLimitAre4xxNotACrash() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            for page in ["461168601842738792", "9223372036854775807", "99999999999999999999999", "-1", "0", "1.5", "1e3", "%00"] {
                let reply = try await api.call(.get, "/api/notifications/?page=\(page)", token: alice.token)
                #expect(reply.status == .badRequest, "page=\(page): \(reply.status) \(reply.text)")
                _ = try reply.object()
            }
            let pastTheEnd = try await api.call(.get, "/api/notifications/?page=\(PageNumber.maximum)", token: alice.token)
            #expect(pastTheEnd.status == .notFound, "the largest page number is a page past the end: \(pastTheEnd.text)")
            #expect(try await app.repositories.users.setStaff(username: "alice_01", isStaff: true))
            let users = try await api.call(.get, "/api/users/?page=9223372036854775807", token: alice.token)
            #expect(users.status == .badRequest, "\(users.text)")
            #expect(try await api.call(.get, "/api/users/?page=1", token: alice.token).status == .ok)
        }
    }

    @Test func pageNumberArithmeticSaturates() {
        let last = try! #require(PageNumber(PageNumber.maximum))
        #expect(last.next == nil)
        #expect(last.offset(pageSize: 20) == (PageNumber.maximum - 1) * 20)
        #expect(last.offset(pageSize: .max) == .max)
        #expect(!last.hasNext(pageSize: .max, count: .max))
        #expect(PageNumber(parsing: "9223372036854775808") == nil)
        #expect(PageNumber(0) == nil)
    }

    @Test func controlCharactersInTextAreRefusedAndNothingIsStored() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            for content in ["a\u{0}b", "\u{0}", "bell\u{7}", "esc\u{1B}[31m", "c1\u{85}"] {
                let reply = try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": content])
                #expect(reply.status == .badRequest, "\(content.debugDescription): \(reply.text)")
                #expect((try reply.object()["errors"] as? [String: [String]])?["content"] != nil)
            }
            let tweets = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)", token: alice.token).results()
            #expect(tweets.isEmpty, "nothing was stored")
            let multiline = try await api.call(.post, "/api/tweets/", token: alice.token, json: ["content": "line one\nline\ttwo\r\n"])
            #expect(multiline.status == .created, "line breaks and tabs are text: \(multiline.text)")
            let tweetID = try #require((try multiline.object()["id"] as? NSNumber)?.int64Value)

            let comment = try await api.call(.post, "/api/comments/", token: alice.token, json: ["tweet_id": tweetID, "content": "x\u{0}y"])
            #expect(comment.status == .badRequest)
            let commentID = try await api.comment(on: tweetID, "fine", as: alice)
            let edit = try await api.call(.put, "/api/comments/\(commentID)/", token: alice.token, json: ["content": "\u{0}"])
            #expect(edit.status == .badRequest, "\(edit.text)")
            let nickname = try await api.call(.put, "/api/profiles/\(alice.id)/", token: alice.token, json: ["nickname": "ali\u{0}ce"])
            #expect(nickname.status == .badRequest, "\(nickname.text)")
            let username = try await api.call(.post, "/api/accounts/signup/",
                                              json: ["username": "bob\u{0}", "email": "b@example.com", "password": "password1"])
            #expect(username.status == .badRequest)
        }
    }

    @Test func textFieldsOfTheWrongJSONTypeAre400s() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let cases: [(String, String)] = [
                ("true", "a boolean"), ("12345678901234567890", "a 20-digit number"), ("1.5", "a number"),
                ("[\"a\"]", "an array"), ("{\"a\":1}", "an object"),
            ]
            for (value, label) in cases {
                let reply = try await api.call(.post, "/api/tweets/", token: alice.token,
                                               headers: [.contentType: "application/json"], body: ByteBuffer(string: "{\"content\":\(value)}"))
                #expect(reply.status == .badRequest, "\(label): \(reply.text)")
            }
            for body in ["[1,2]", "\"content\"", "42", "null", String(repeating: "[", count: 20_000)] {
                let reply = try await api.call(.post, "/api/tweets/", token: alice.token,
                                               headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
                #expect(reply.status == .badRequest, "\(body.prefix(20)): \(reply.text)")
                _ = try reply.object()
            }
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(alice.id)", token: alice.token).results().isEmpty)
        }
    }

    @Test func aJSONBodyPastItsLimitIsA413() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let padding = String(repeating: "{},", count: 30_000)
            let body = "{\"content\":\"x\",\"a\":[\(padding){}]}"
            let reply = try await api.call(.post, "/api/tweets/", token: alice.token,
                                           headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(reply.status == .contentTooLarge, "\(reply.text)")
            _ = try reply.object()
            let declared = try await api.call(.post, "/api/accounts/login/",
                                              headers: [.contentType: "application/json", .contentLength: "99999999999999999999"],
                                              body: ByteBuffer(string: "{}"))
            #expect(declared.status.code >= 400 && declared.status.code < 500, "\(declared.status)")
        }
    }

    @Test func headAnswersEveryGetAndOtherMethodsAre405WithAllow() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let get = try await api.call(.get, "/healthz")
            let head = try await api.call(.head, "/healthz")
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            #expect(head.headers[.contentLength] == String(get.body.count))
            #expect(try await api.call(.head, "/api/tweets/?user_id=\(alice.id)").status == .ok)
            #expect(try await api.call(.head, "/api/newsfeeds/", token: alice.token).status == .ok)

            let options = try await api.call(.options, "/api/tweets/")
            #expect(options.status == .methodNotAllowed)
            #expect(options.headers[.allow] == "GET, HEAD, POST")
            _ = try options.object()
            let trace = try await api.call(.trace, "/healthz")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD")
            let put = try await api.call(.put, "/api/accounts/login/")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "POST")
            let deleteNotification = try await api.call(.delete, "/api/notifications/1/", token: alice.token)
            #expect(deleteNotification.headers[.allow] == "PATCH, PUT")
            #expect(try await api.call(.get, "/no/such/path/").status == .notFound)
        }
    }

    @Test func loginAndSignupRefuseCrossSiteFormsAndCookiesNeedAnOrigin() async throws {
        try await TestStarling.make(.memory).test { api in
            let alice = try await api.signUp("alice_01")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            var crossSite = form
            crossSite[.origin] = "https://evil.example"
            let login = try await api.call(.post, "/api/accounts/login/", headers: crossSite,
                                           body: ByteBuffer(string: "username=alice_01&password=password1"))
            #expect(login.status == .forbidden, "login CSRF: \(login.text)")
            #expect(login.headers[.setCookie] == nil)
            var fetchSite = form
            fetchSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let signup = try await api.call(.post, "/api/accounts/signup/", headers: fetchSite,
                                            body: ByteBuffer(string: "username=mallory&email=m@example.com&password=password1"))
            #expect(signup.status == .forbidden)
            var sameOrigin = form
            sameOrigin[.origin] = "http://localhost"
            #expect(try await api.call(.post, "/api/accounts/login/", headers: sameOrigin,
                                       body: ByteBuffer(string: "username=alice_01&password=password1")).status == .ok)
            #expect(try await api.call(.post, "/api/accounts/login/", headers: form,
                                       body: ByteBuffer(string: "username=alice_01&password=password1")).status == .ok,
                    "clients that are not browsers send no origin and log in")

            let cookie: HTTPFields = [.cookie: "sessionid=\(alice.token)"]
            let bare = try await api.call(.post, "/api/tweets/", json: ["content": "no origin"], headers: cookie)
            #expect(bare.status == .forbidden, "a cookie-authenticated POST with neither Origin nor Referer: \(bare.text)")
            var fetchMetadata = cookie
            fetchMetadata[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            #expect(try await api.call(.post, "/api/tweets/", json: ["content": "same origin"], headers: fetchMetadata).status == .created)
            var referer = cookie
            referer[.referer] = "http://localhost/somewhere"
            #expect(try await api.call(.post, "/api/tweets/", json: ["content": "referer"], headers: referer).status == .created)
        }
    }
}

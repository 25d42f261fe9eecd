import CourseAPI
import Foundation
import HTTPTypes
import StarlingTesting
import Testing

/// The OpenAPI document (`GET /openapi.json`) and the check every API test runs with it
/// (`OpenAPIContract`): served as JSON, listing every route the sources register, and failing a
/// response that drifts from it.
@Suite struct OpenAPIDocumentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func contract() throws -> OpenAPIContract {
        try #require(OpenAPIContract.course, "Sources/CourseAPI/openapi.json could not be read")
    }

    @Test func theDocumentIsServedAsJSON() async throws {
        try await TestStarling.make(.memory).test { api in
            let reply = try await api.call(.get, "/openapi.json")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json")
            let document = try JSONValue.parse(reply.body)
            #expect(document["openapi"] == .string("3.1.0"))
            #expect(Array(reply.body) == OpenAPIDocument.bytes)
            #expect(try await api.call(.head, "/openapi.json").status == .ok)
            #expect(try await api.call(.post, "/openapi.json").status == .methodNotAllowed)
        }
    }

    /// Every `router.get|post|put|patch|delete` in Sources (outside the web app's static files and
    /// the other faces) is an operation of the document, and every operation is a registered route.
    @Test func everyRegisteredRouteIsDocumentedAndNoMore() throws {
        let registered = try Self.registeredRoutes()
        #expect(registered.count > 20, "the scan found the routes: \(registered.sorted())")
        var documented: Set<String> = []
        for (template, item) in try contract().document["paths"]?.objectValue ?? [:] {
            for method in ["get", "post", "put", "patch", "delete"] where item[method] != nil {
                documented.insert("\(method.uppercased()) \(Self.normalized(template, parameter: #"\{\w+\}"#))")
            }
        }
        let ours = registered.filter { route in
            let path = "/" + route.split(separator: " ", maxSplits: 1)[1]
            return !path.hasPrefix("/static/") && !OpenAPIContract.otherFaces.contains { path.hasPrefix($0) }
        }
        #expect(ours.subtracting(documented).sorted() == [], "registered but not in the document")
        #expect(documented.subtracting(ours).sorted() == [], "in the document but not registered")
    }

    /// Every schema of the document uses only keywords the validator checks.
    @Test func theValidatorChecksEveryKeywordTheDocumentUses() throws {
        let contract = try contract()
        let validator = JSONSchemaValidator(root: contract.document)
        for (name, schema) in contract.document["components"]?["schemas"]?.objectValue ?? [:] {
            let unsupported = validator.problems(.object([:]), against: schema).filter { $0.contains("not supported") || $0.contains("unresolvable") }
            #expect(unsupported.isEmpty, "\(name): \(unsupported)")
        }
    }

    @Test func aResponseThatDriftsFromTheDocumentFails() async throws {
        let contract = try contract()
        // A real answer conforms to the document, and fails a deliberately wrong copy of it.
        let signUp = try await TestStarling.make(.memory).test { api in
            try await api.call(.post, "/api/accounts/signup/", json: ["username": "drift_01", "email": "d@example.com", "password": "password1"])
        }
        var fields: [String: String] = [:]
        for field in signUp.headers { fields[field.name.canonicalName] = field.value }
        #expect(contract.problems(method: "POST", uri: "/api/accounts/signup/", status: 201, headers: fields, body: signUp.body) == [])

        let wrongType = try OpenAPIContract(document: Self.replacing(in: contract.document, at: ["components", "schemas", "User", "properties", "username"],
                                                                     with: .object(["type": .string("integer")])))
        let typeProblems = wrongType.problems(method: "POST", uri: "/api/accounts/signup/", status: 201, headers: fields, body: signUp.body)
        #expect(typeProblems.contains { $0.contains("$.user.username") && $0.contains("expected integer") }, "\(typeProblems)")

        let missingMember = try OpenAPIContract(document: Self.replacing(in: contract.document, at: ["components", "schemas", "LoggedIn", "properties", "token"],
                                                                         with: nil))
        let memberProblems = missingMember.problems(method: "POST", uri: "/api/accounts/signup/", status: 201, headers: fields, body: signUp.body)
        #expect(memberProblems.contains { $0.contains("\"token\" is not in the document") }, "\(memberProblems)")

        // Answers the server might drift into, against the real document.
        let json = ["Content-Type": "application/json"]
        let user = #"{"id":1,"username":"alice_01","nickname":null,"avatar_url":null}"#
        let tweet = #"{"id":2,"user":\#(user),"created_at":"2026-11-20T23:45:36.123456Z","content":"hi","comments_count":0,"likes_count":0,"has_liked":false,"photo_urls":[],"retweets_count":0,"has_retweeted":false,"retweet_of":null,"comments":[],"likes":[]"#
        #expect(contract.problems(method: "GET", uri: "/api/tweets/2/", status: 200, headers: json, body: Data((tweet + "}").utf8)) == [])
        let drifts: [(method: String, uri: String, status: Int, headers: [String: String], body: String, expected: String)] = [
            ("GET", "/api/tweets/2/", 200, json, tweet + #","views":3}"#, "\"views\" is not in the document"),
            ("GET", "/api/tweets/2/", 200, json, #"{"id":2}"#, "\"user\" is missing"),
            ("GET", "/api/tweets/2/", 200, json, tweet.replacingOccurrences(of: "23:45:36.123456Z", with: "23:45:36Z") + "}", "does not match"),
            ("GET", "/api/tweets/2/", 200, ["Content-Type": "text/html"], tweet + "}", "content type"),
            ("GET", "/api/tweets/2/", 418, json, #"{"detail":"teapot"}"#, "418 is not documented"),
            ("GET", "/api/tweets/2/", 404, json, #"{"message":"gone"}"#, "\"detail\" is missing"),
            ("GET", "/api/tweets/?user_id=1", 400, json, #"{"success":true,"message":"x"}"#, "expected false"),
            ("GET", "/api/tweeets/", 200, json, "{}", "not in the document"),
            ("PUT", "/api/tweets/", 404, json, #"{"detail":"Not found."}"#, "not 405"),
            ("PUT", "/api/tweets/", 405, json, #"{"detail":"Method \"PUT\" not allowed."}"#, "without an Allow header"),
            ("POST", "/api/tweets/", 429, json, #"{"detail":"Too many requests, try again later."}"#, "Retry-After is missing"),
            ("GET", "/api/notifications/unread-count/", 200, json, #"{"unread_count":-1}"#, "breaks minimum"),
            ("GET", "/healthz", 200, json, "ok", "not JSON"),
        ]
        for drift in drifts {
            let problems = contract.problems(method: drift.method, uri: drift.uri, status: drift.status, headers: drift.headers, body: Data(drift.body.utf8))
            #expect(problems.contains { $0.contains(drift.expected) }, "\(drift.method) \(drift.uri) \(drift.status) \(drift.body): \(problems)")
        }
    }

    /// The whole API once, in every body encoding: each answer is checked against the document by `API.call`.
    @Test func everyOperationAnswersAsDocumented() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.call(.post, "/api/accounts/login/", headers: [.contentType: "application/x-www-form-urlencoded"],
                               body: .init(string: "username=alice_01&password=password1"))
            try await api.call(.post, "/api/accounts/login/", json: ["username": "alice_01", "password": "wrong!"])
            try await api.call(.get, "/api/accounts/login_status/", token: alice.token)
            try await api.call(.get, "/api/accounts/login_status/")
            try await api.follow(alice, by: bob)
            try await api.call(.post, "/api/friendships/\(alice.id)/follow/", token: bob.token)
            try await api.call(.post, "/api/friendships/\(bob.id)/follow/", token: bob.token)
            let photo = try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "with a photo"],
                                                files: [("files", "p.png", SampleImage.png)])
            #expect(photo.status == .created)
            let tweetID = try #require((try photo.object()["id"] as? NSNumber)?.int64Value)
            let url = try #require((try photo.object()["photo_urls"] as? [String])?.first)
            try await api.call(.get, url)
            try await api.call(.head, url)
            _ = try await api.multipart(.put, "/api/profiles/\(alice.id)/", token: alice.token, fields: ["nickname": "Alice"],
                                    files: [("avatar", "a.png", SampleImage.png)])
            try await api.call(.patch, "/api/profiles/\(alice.id)/", token: alice.token, json: ["avatar": NSNull()])
            try await api.call(.get, "/api/profiles/\(alice.id)/")
            try await api.call(.put, "/api/profiles/\(alice.id)/", token: bob.token, json: ["nickname": "not mine"])
            try await api.call(.post, "/api/comments/", token: bob.token, headers: [.contentType: "application/x-www-form-urlencoded"],
                               body: .init(string: "tweet_id=\(tweetID)&content=nice"))
            let commentID = try await api.comment(on: tweetID, "second", as: bob)
            try await api.call(.patch, "/api/comments/\(commentID)/", token: bob.token, json: ["content": "edited"])
            try await api.call(.put, "/api/comments/\(commentID)/", token: alice.token, json: ["content": "not mine"])
            try await api.like("tweet", tweetID, as: bob)
            try await api.like("comment", commentID, as: alice)
            try await api.like("user", alice.id, as: bob)
            try await app.settle()
            try await api.call(.get, "/api/tweets/\(tweetID)/", token: bob.token)
            try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&limit=5")
            try await api.call(.get, "/api/tweets/?user_id=\(alice.id)&created_at__lt=nonsense")
            try await api.call(.get, "/api/comments/?tweet_id=\(tweetID)&limit=1")
            try await api.call(.get, "/api/newsfeeds/?since_id=1", token: bob.token)
            try await api.call(.get, "/api/newsfeeds/")
            try await api.call(.get, "/api/friendships/\(alice.id)/followers/", token: bob.token)
            try await api.call(.get, "/api/friendships/\(bob.id)/followings/")
            try await api.call(.get, "/api/friendships/424242/followers/")
            let notifications = try await api.call(.get, "/api/notifications/?unread=true", token: alice.token)
            let notificationID = try #require((try notifications.results().first?["id"] as? NSNumber)?.int64Value)
            try await api.call(.put, "/api/notifications/\(notificationID)/", token: alice.token, json: ["unread": false])
            try await api.call(.patch, "/api/notifications/\(notificationID)/", token: bob.token, json: ["unread": true])
            try await api.call(.get, "/api/notifications/unread-count/", token: alice.token)
            try await api.call(.post, "/api/notifications/mark-all-as-read/", token: alice.token)
            try await api.call(.get, "/api/users/", token: alice.token)
            #expect(try await app.repositories.users.setStaff(username: "alice_01", isStaff: true))
            try await api.call(.get, "/api/users/?page=1", token: alice.token)
            try await api.call(.get, "/api/users/\(bob.id)/", token: alice.token)
            try await api.call(.post, "/api/likes/cancel/", token: bob.token, json: ["content_type": "tweet", "object_id": tweetID])
            try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: bob.token)
            try await api.call(.delete, "/api/comments/\(commentID)/", token: bob.token)
            try await api.call(.delete, "/api/tweets/\(tweetID)/", token: alice.token)
            try await api.call(.delete, "/api/tweets/\(tweetID)/", token: alice.token)
            try await api.call(.post, "/api/accounts/logout/", token: bob.token)
            try await api.call(.options, "/api/likes/")
            try await api.call(.get, "/healthz")
        }
    }

    /// (METHOD path) of every route registered in Sources, parameters as `{}`, no slashes at the
    /// ends: `router.get("api/x/:id", …)`, or `group.post("follow", …)` on `let group = router.group("api/y/:id")`.
    static func registeredRoutes() throws -> Set<String> {
        let call = try NSRegularExpression(pattern: #"(?:(?:let|var)\s+(\w+)\s*=\s*router\.group\("([^"]*)"\))|\b(\w+)\.(get|post|put|patch|delete)\("([^"]*)""#)
        var found: Set<String> = []
        let sources = repository.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in walker where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains("router") else { continue }
            var groups = ["router": ""]
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                func group(_ index: Int) -> String? {
                    Range(match.range(at: index), in: text).map { String(text[$0]) }
                }
                if let name = group(1), let prefix = group(2) {
                    groups[name] = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                } else if let receiver = group(3), let prefix = groups[receiver], let method = group(4), let path = group(5) {
                    let joined = [prefix, path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))].filter { !$0.isEmpty }.joined(separator: "/")
                    found.insert("\(method.uppercased()) \(normalized(joined, parameter: #":\w+"#))")
                }
            }
        }
        return found
    }

    /// A path with its parameters as `{}` and no slashes at the ends.
    static func normalized(_ path: String, parameter: String) -> String {
        path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            .replacingOccurrences(of: parameter, with: "{}", options: .regularExpression)
    }

    /// `document` with the member at `path` replaced (or removed, for nil).
    static func replacing(in document: JSONValue, at path: [String], with value: JSONValue?) throws -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        var members = try #require(document.objectValue, "no object at \(key)")
        if path.count == 1 {
            members[key] = value
        } else {
            members[key] = try replacing(in: try #require(members[key], "no member \(key)"), at: Array(path.dropFirst()), with: value)
        }
        return .object(members)
    }
}

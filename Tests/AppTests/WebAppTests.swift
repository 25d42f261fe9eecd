import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

/// `starling serve` answers `/` with the web app and `/static/…` with its files, beside the API.
@Suite struct WebAppTests {
    @Test func theRootAnswersThePageWithAPolicyThatForbidsInlineScripts() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let page = try await api.call(.get, "/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<script type=\"module\" src=\"/static/js/main.js\"></script>"))
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-cache")

            let head = try await api.call(.head, "/")
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            #expect(head.headers[.contentLength] == page.headers[.contentLength])
        }
    }

    @Test func staticFilesHaveTheirContentTypesAndRevalidate() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            let script = try await api.call(.get, "/static/js/main.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await api.call(.get, "/static/app.css").headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await api.call(.get, "/static/icon.svg").headers[.contentType] == "image/svg+xml")

            let etag = try #require(script.headers[.eTag])
            let again = try await api.call(.get, "/static/js/main.js", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
        }
    }

    @Test func staticPathsNeverShadowTheAPI() async throws {
        let app = try await TestStarling.make(.memory)
        try await app.test { api in
            #expect(try await api.call(.get, "/healthz").text.contains("\"status\""))
            let status = try await api.call(.get, "/api/accounts/login_status/")
            #expect(status.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try status.object()["has_logged_in"] as? Bool == false)
            #expect(try await api.call(.get, "/api/nothing-here/").status == .notFound)
            #expect(try await api.call(.get, "/media/xx/missing.png").status == .notFound)
            for path in ["/static/nothing.js", "/static/../Package.swift", "/static/index.html", "/index.html", "/app.css"] {
                let reply = try await api.call(.get, path)
                #expect(reply.status == .notFound, "\(path)")
                #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true, "\(path)")
            }
            #expect(try await api.call(.post, "/").status == .methodNotAllowed)
        }
    }
}

import Foundation
import HTTPTypes
import StarlingTesting
import Testing

/// Statuses through the router: posting, replies as comments, the thread, favourites, deleting.
@Suite struct StatusesTests {
    @Test func aReplyIsACommentOnTheTweetAndShowsInTheContext() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_s")
            let bob = try await client.user("bobby_s")
            let status = try await client.post("hello <b>world</b> & co", token: alice.token)
            let id = try #require(status["id"] as? String)
            #expect(status["content"] as? String == "<p>hello &lt;b&gt;world&lt;/b&gt; &amp; co</p>", "user text is escaped")
            #expect(status["scheduled_at"] == nil)
            let reply = try await client.post("nice", token: bob.token, inReplyTo: id)
            let replyID = try #require(reply["id"] as? String)
            #expect(reply["in_reply_to_id"] as? String == id)
            #expect(reply["in_reply_to_account_id"] as? String == alice.id)
            #expect(replyID != id, "tweets and comments share one id space")
            let comments = try await api.call(.get, "/api/comments/?tweet_id=\(id)", token: nil)
            #expect(comments.text.contains("nice"), "the reply is a course comment on the tweet")
            let context = try await client.call(.get, "/api/v1/statuses/\(id)/context", token: alice.token).object()
            let descendants = try #require(context["descendants"] as? [[String: Any]])
            #expect(descendants.map { $0["id"] as? String } == [replyID])
            let deep = try await client.post("me too", token: alice.token, inReplyTo: replyID)
            #expect(deep["in_reply_to_id"] as? String == id, "a reply to a reply joins the same tweet's comments")
            let shown = try await client.call(.get, "/api/v1/statuses/\(replyID)", token: nil).object()
            #expect(shown["in_reply_to_id"] as? String == id)
        }
    }

    @Test func favouriteAndUnfavouriteAreLikes() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_f")
            let bob = try await client.user("bobby_f")
            let id = try #require(try await client.post("like me", token: alice.token)["id"] as? String)
            let liked = try await client.call(.post, "/api/v1/statuses/\(id)/favourite", token: bob.token).object()
            #expect(liked["favourited"] as? Bool == true)
            #expect((liked["favourites_count"] as? NSNumber)?.intValue == 1)
            let unliked = try await client.call(.post, "/api/v1/statuses/\(id)/unfavourite", token: bob.token).object()
            #expect(unliked["favourited"] as? Bool == false)
            #expect((unliked["favourites_count"] as? NSNumber)?.intValue == 0)
        }
    }

    @Test func deleteAnswersTheStatusAndOnlyTheAuthorMayDelete() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_d")
            let bob = try await client.user("bobby_d")
            let id = try #require(try await client.post("bye", token: alice.token)["id"] as? String)
            #expect(try await client.call(.delete, "/api/v1/statuses/\(id)", token: bob.token).status == .forbidden)
            let deleted = try await client.call(.delete, "/api/v1/statuses/\(id)", token: alice.token)
            #expect(deleted.status == .ok)
            #expect(try deleted.object()["text"] as? String == "bye")
            #expect(try await client.call(.get, "/api/v1/statuses/\(id)").status == .notFound)
            #expect(try await client.call(.get, "/api/v1/statuses/abc").status == .notFound)
        }
    }

    @Test func anIdempotencyKeyGivesTheSameStatus() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_i")
            var headers = HTTPFields()
            headers[HTTPField.Name("Idempotency-Key")!] = "key-1"
            let first = try await client.call(.post, "/api/v1/statuses", token: alice.token, json: ["status": "once", "media_ids": [String]()],
                                              headers: headers).object()
            let second = try await client.call(.post, "/api/v1/statuses", token: alice.token, json: ["status": "once", "media_ids": [String]()],
                                               headers: headers).object()
            #expect(first["id"] as? String == second["id"] as? String)
        }
    }

    @Test func emptyStatusIs422() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_e")
            let reply = try await client.call(.post, "/api/v1/statuses", token: alice.token, form: [("status", "  ")])
            #expect(reply.status == .unprocessableContent)
            #expect(try reply.object()["error"] is String)
        }
    }

    @Test func photosUploadedFirstAreAttachedByMediaIDs() async throws {
        try await TestStarling.make(.memory).test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_p")
            let upload = try await api.multipart(.post, "/api/v2/media", token: alice.token, fields: ["description": "a dot"],
                                                 files: [("file", "dot.png", SampleImage.png)])
            #expect(upload.status == .ok, "\(upload.text)")
            let media = try upload.object()
            let mediaID = try #require(media["id"] as? String)
            #expect((media["url"] as? String)?.contains("/media/photos/") == true)
            let status = try await client.call(.post, "/api/v1/statuses", token: alice.token,
                                               form: [("status", "look"), ("media_ids[]", mediaID)]).object()
            let attachments = try #require(status["media_attachments"] as? [[String: Any]])
            #expect(attachments.count == 1)
            #expect(attachments.first?["url"] is String)
        }
    }
}

/// Reblogs through the router: the core's retweets.
@Suite struct ReblogTests {
    @Test func aReblogCarriesTheOriginalAndUnreblogTakesItBack() async throws {
        let starling = try await TestStarling.make(.memory)
        try await starling.test { api in
            let client = MastodonTestClient(api: api)
            let alice = try await client.user("alice_r")
            let bob = try await client.user("bobby_r")
            let id = try #require(try await client.post("boost me", token: alice.token)["id"] as? String)
            let reblog = try await client.call(.post, "/api/v1/statuses/\(id)/reblog", token: bob.token, form: [("visibility", "public")])
            #expect(reblog.status == .ok, "\(reblog.text)")
            let object = try reblog.object()
            let original = try #require(object["reblog"] as? [String: Any])
            #expect(original["id"] as? String == id)
            #expect(original["reblogged"] as? Bool == true)
            #expect((original["reblogs_count"] as? NSNumber)?.intValue == 1)
            #expect(object["id"] as? String != id)
            try await starling.settle()
            let notifications = try await client.call(.get, "/api/v1/notifications?types[]=reblog", token: alice.token).array()
            #expect(notifications.count == 1)
            let undone = try await client.call(.post, "/api/v1/statuses/\(id)/unreblog", token: bob.token).object()
            #expect(undone["id"] as? String == id)
            #expect(undone["reblogged"] as? Bool == false)
            #expect((undone["reblogs_count"] as? NSNumber)?.intValue == 0)
        }
    }
}

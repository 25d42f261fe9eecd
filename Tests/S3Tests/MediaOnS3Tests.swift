import Foundation
import NIOCore
import S3
import StarlingCore
import StarlingTesting
import Testing

/// Tweets with photos over HTTP with media on an S3-compatible server (moto): the objects, the
/// `photo_urls` a client follows to them, and their deletion; and what posting does with S3 down.
@Suite(.enabled(if: TestS3.isEnabled, "needs STARLING_TEST_S3_ENDPOINT (scripts/test starts a server)"))
struct MediaOnS3Tests {
    @Test func aTweetsTwoPhotosAreStoredServedAndDeletedWithIt() async throws {
        let client = try await TestS3.client()
        let starling = TestStarling(repositories: try await Backend.memory.repositories(), media: S3BlobStore(client: client))
        try await starling.test { api in
            let author = try await api.signUp("photographer")
            let reply = try await api.multipart(.post, "/api/tweets/", token: author.token, fields: ["content": "two photos"],
                                                files: [("files", "a.png", SampleImage.png), ("files", "b.jpg", SampleImage.jpeg)])
            try #require(reply.status == .created, "\(reply.text)")
            let tweet = try reply.object()
            let urls = try #require(tweet["photo_urls"] as? [String])
            try #require(urls.count == 2)
            let keys = urls.map { String($0[$0.range(of: "/media/")!.upperBound...]) }

            for (key, (bytes, type)) in zip(keys, [(SampleImage.png, "image/png"), (SampleImage.jpeg, "image/jpeg")]) {
                let stored = try await client.getObject(key: key) { response in
                    (response.head.headers["content-type"].first, Array(try await response.collect(upTo: 1 << 20).readableBytesView))
                }
                #expect(stored?.0 == type, "the object has the photo's content type")
                #expect(stored?.1 == bytes, "the object holds the uploaded bytes")
            }
            for (url, bytes) in zip(urls, [SampleImage.png, SampleImage.jpeg]) {
                let path = url.hasPrefix("/") ? url : String(url[url.range(of: "/media/")!.lowerBound...])
                let redirect = try await api.call(.get, path)
                #expect(redirect.status == .found, "media on S3 are a redirect to a presigned URL")
                let location = try #require(redirect.headers[.location])
                let fetched = try TestS3.curl(location)
                #expect(fetched.status == 200)
                #expect(fetched.bytes == bytes, "following the redirect yields the photo")
            }

            let id = try #require((tweet["id"] as? NSNumber)?.int64Value)
            #expect(try await api.call(.delete, "/api/tweets/\(id)/", token: author.token).status.code < 300)
            try await starling.settle()
            for key in keys {
                #expect(try await client.getObject(key: key) { _ in true } == nil, "a deleted tweet's objects are gone")
            }
        }
    }

    @Test func withS3DownAPhotoPostIs503AndStoresNothingWhileTextPostsWork() async throws {
        let starling = TestStarling(repositories: try await Backend.memory.repositories(), media: S3BlobStore(client: try TestS3.unreachableClient()))
        try await starling.test { api in
            let author = try await api.signUp("offline")
            let reply = try await api.multipart(.post, "/api/tweets/", token: author.token, fields: ["content": "a photo"],
                                                files: [("files", "a.png", SampleImage.png)])
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try reply.object()["detail"] as? String == "Media storage is unavailable, try again later.")
            let timeline = try await api.call(.get, "/api/tweets/?user_id=\(author.id)", token: author.token)
            #expect(try timeline.results().isEmpty, "no tweet was stored")

            let text = try await api.call(.post, "/api/tweets/", token: author.token, json: ["content": "words only"])
            #expect(text.status == .created, "a post without photos does not need S3")
        }
    }
}

import App
import Foundation
import HTTPTypes
import Media
import NIOCore
import StarlingCore
import StarlingHTTP
import StarlingTesting
import Testing

@Suite(.testDatabases) struct MediaTests {
    @Test func formatsAreRecognizedByTheirLeadingBytes() {
        #expect(ImageFormat.detect(SampleImage.png) == .png)
        #expect(ImageFormat.detect(SampleImage.jpeg) == .jpeg)
        #expect(ImageFormat.detect(SampleImage.gif) == .gif)
        #expect(ImageFormat.detect(SampleImage.webp) == .webp)
        #expect(ImageFormat.detect(Array("<svg xmlns=...>".utf8)) == nil)
        #expect(ImageFormat.detect([UInt8]()) == nil)
        #expect(ImageFormat.detect(Array("RIFF....WAVE".utf8)) == nil)
    }

    @Test func keysAreUnguessableAndOnlyOursAreAccepted() {
        let key = MediaKey.make(folder: "photos", format: .png)
        #expect(MediaKey.isValid(key))
        #expect(MediaKey.make(folder: "photos", format: .png) != key)
        for bad in ["../etc/passwd", "photos/../../x.png", "/photos/abc.png", "photos/0123.png", "other/\(String(repeating: "a", count: 32)).png",
                    "photos/\(String(repeating: "a", count: 32)).exe"] {
            #expect(!MediaKey.isValid(bad), "\(bad)")
        }
    }

    @Test func imagesAreStoredAllOrNothing() async throws {
        let blobs = MemoryBlobStore()
        let store = StoreImages(blobs: blobs, maximumBytes: 100)
        let good = ImageUpload(filename: "a.png", data: ByteBuffer(bytes: SampleImage.png))
        let fake = ImageUpload(filename: "b.png", data: ByteBuffer(string: "just text"))
        let big = ImageUpload(filename: "c.jpg", data: ByteBuffer(bytes: SampleImage.jpeg + [UInt8](repeating: 0, count: 200)))
        await #expect(throws: StarlingError.self) { try await store([good, fake], field: "files", folder: "photos", maximumCount: 9) }
        await #expect(throws: StarlingError.self) { try await store([good, big], field: "files", folder: "photos", maximumCount: 9) }
        await #expect(throws: StarlingError.self) { try await store([good, good], field: "files", folder: "photos", maximumCount: 1) }
        #expect(await blobs.keys.isEmpty, "nothing was stored")
        let keys = try await store([good, good], field: "files", folder: "photos", maximumCount: 9)
        #expect(keys.count == 2 && Set(keys).count == 2)
        #expect(await blobs.keys == keys.sorted())
    }

    @Test(arguments: Backend.allCases) func tweetsCarryPhotosThatAreServedAndDeletedWithThem(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let reply = try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "look"],
                                                files: [("files", "one.png", SampleImage.png), ("files", "two", SampleImage.jpeg),
                                                        ("files", "three.gif", SampleImage.gif), ("files", "four.webp", SampleImage.webp)])
            #expect(reply.status == .created, "\(reply.text)")
            let tweet = try reply.object()
            let urls = try #require(tweet["photo_urls"] as? [String])
            #expect(urls.count == 4)
            #expect(urls[1].hasPrefix("/media/photos/") && urls[1].hasSuffix(".jpg"), "the format comes from the bytes, not the name")

            let served = try await api.call(.get, urls[0])
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            #expect(Array(served.body) == SampleImage.png)
            #expect(try await api.call(.get, "/media/photos/\(String(repeating: "0", count: 32)).png").status == .notFound)
            #expect(try await api.call(.get, "/media/photos/..%2F..%2Fsecret").status == .notFound)

            let id = try #require((tweet["id"] as? NSNumber)?.int64Value)
            let listed = try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").results()
            #expect(listed.first?["photo_urls"] as? [String] == urls)
            try await api.call(.delete, "/api/tweets/\(id)/", token: alice.token)
            try await app.settle()
            #expect(await app.blobs.keys.isEmpty, "a deleted tweet's photos are deleted")
            #expect(try await api.call(.get, urls[0]).status == .notFound)
        }
    }

    @Test func badPhotosAreA400ThatStoresNothing() async throws {
        let app = TestStarling(repositories: await .memory()) { $0.maximumImageBytes = 1 << 20 }
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let tooMany = (0..<10).map { (field: "files", filename: "p\($0).png", bytes: SampleImage.png) }
            let replies = [
                try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "x"], files: tooMany),
                try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "x"],
                                        files: [("files", "ok.png", SampleImage.png), ("files", "evil.png", Array("<?php".utf8))]),
                try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "x"],
                                        files: [("files", "big.png", SampleImage.png + [UInt8](repeating: 1, count: 1 << 20))]),
                try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": ""],
                                        files: [("files", "ok.png", SampleImage.png)]),
            ]
            for reply in replies {
                #expect(reply.status == .badRequest, "\(reply.text)")
                #expect(try reply.object()["success"] as? Bool == false)
            }
            #expect(await app.blobs.keys.isEmpty)
            #expect(try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").results().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases) func anAvatarIsUploadedWithTheProfileAndReplaced(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let first = try await api.multipart(.put, "/api/profiles/\(alice.id)/", token: alice.token, fields: ["nickname": "Al"],
                                                files: [("avatar", "me.png", SampleImage.png)])
            #expect(first.status == .ok, "\(first.text)")
            let avatar = try #require(try first.object()["avatar"] as? String)
            #expect(avatar.hasPrefix("/media/avatars/"))
            let status = try await api.call(.get, "/api/accounts/login_status/", token: alice.token).object()
            #expect((status["user"] as? [String: Any])?["avatar_url"] as? String == avatar)

            let second = try await api.multipart(.patch, "/api/profiles/\(alice.id)/", token: alice.token, fields: [:],
                                                 files: [("avatar", "me2.jpg", SampleImage.jpeg)])
            let replaced = try #require(try second.object()["avatar"] as? String)
            #expect(replaced != avatar)
            #expect(try await api.call(.get, avatar).status == .notFound, "the old avatar is deleted")
            #expect(try await api.call(.get, replaced).headers[.contentType] == "image/jpeg")

            let notImage = try await api.multipart(.patch, "/api/profiles/\(alice.id)/", token: alice.token, fields: [:],
                                                   files: [("avatar", "me.png", Array("not an image".utf8))])
            #expect(notImage.status == .badRequest)
            #expect(await app.blobs.keys.count == 1)
            let cleared = try await api.call(.patch, "/api/profiles/\(alice.id)/", token: alice.token, json: ["avatar": NSNull()])
            #expect(try cleared.object()["avatar"] is NSNull)
        }
    }
}

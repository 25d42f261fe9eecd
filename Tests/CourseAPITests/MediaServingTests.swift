import DiskStorage
import Foundation
import Hummingbird
import HummingbirdTesting
import CourseAPI
import Media
import NIOCore
import StarlingCore
import StarlingHTTP
import StarlingTesting
import Testing

/// Media is served as inert images only, and only from real files under the media folder.
@Suite struct MediaServingTests {
    let root = TemporaryDirectory.make()
    let outside = TemporaryDirectory.make()

    func name(_ digit: Character, _ format: ImageFormat = .png) -> String {
        "\(String(repeating: digit, count: 32)).\(format.fileExtension)"
    }

    /// `/media/…` over a `DiskBlobStore` at `root`, through the router.
    func serve(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: StarlingRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        MediaController(blobs: DiskBlobStore(root: root.path)).addRoutes(to: router)
        try await Application(router: router).test(.router, body)
    }

    @Test func aServedImageCarriesItsTypeNosniffAndASandboxingPolicy() async throws {
        let key = "photos/\(name("a", .gif))"
        try await DiskBlobStore(root: root.path).put(ByteBuffer(bytes: SampleImage.gif), key: key, contentType: "image/gif")
        try await serve { client in
            let response = try await client.execute(uri: "/media/\(key)", method: .get)
            #expect(response.status == .ok)
            #expect(Array(response.body.readableBytesView) == SampleImage.gif)
            #expect(response.headers[.contentType] == "image/gif")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
        }
    }

    @Test func bytesThatDisagreeWithTheirKeysFormatAreNotServed() async throws {
        let key = "photos/\(name("b", .png))"
        try await DiskBlobStore(root: root.path).put(ByteBuffer(bytes: SampleImage.gif), key: key, contentType: "image/png")
        try await serve { client in
            let response = try await client.execute(uri: "/media/\(key)", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test func aSymlinkedFileInTheMediaFolderIsA404() async throws {
        let secret = outside.appendingPathComponent("secret.png").path
        try Data(SampleImage.png).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("photos").path, withIntermediateDirectories: true)
        let key = "photos/\(name("c"))"
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(key).path, withDestinationPath: secret)

        let store = DiskBlobStore(root: root.path)
        #expect(try await store.get(key) == nil)
        try await serve { client in
            let response = try await client.execute(uri: "/media/\(key)", method: .get)
            #expect(response.status == .notFound)
        }
        try await store.delete(key)
        #expect(FileManager.default.fileExists(atPath: secret), "deleting the key removes the link, never its target")
    }

    @Test func aSymlinkedFolderInTheMediaFolderIsA404AndIsNotWrittenThrough() async throws {
        let key = "avatars/\(name("d"))"
        try Data(SampleImage.png).write(to: outside.appendingPathComponent(name("d")))
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("avatars").path, withDestinationPath: outside.path)

        let store = DiskBlobStore(root: root.path)
        #expect(try await store.get(key) == nil)
        try await serve { client in
            let response = try await client.execute(uri: "/media/\(key)", method: .get)
            #expect(response.status == .notFound)
        }
        let other = "avatars/\(name("e"))"
        await #expect(throws: (any Error).self) {
            try await store.put(ByteBuffer(bytes: SampleImage.png), key: other, contentType: "image/png")
        }
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent(name("e")).path))
    }

    @Test func aMalformedUploadIsA400NamingTheFileAndWhatIsWrong() async throws {
        let app = TestStarling(repositories: await .memory())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let broken = SampleImage.png.dropLast(12)
            let reply = try await api.multipart(.post, "/api/tweets/", token: alice.token, fields: ["content": "x"],
                                                files: [("files", "ok.png", SampleImage.png), ("files", "evil.png", Array(broken)),
                                                        ("files", "page.gif", Array("GIF89a<html><script>".utf8))])
            #expect(reply.status == .badRequest)
            let errors = try #require(try reply.object()["errors"] as? [String: [String]])
            #expect(errors["files"] == [
                "\"evil.png\" is not a valid PNG image: there is no IEND chunk.",
                "\"page.gif\" is not a valid GIF image: a block starts with 0x73, not an extension, image or trailer.",
            ])
            #expect(await app.blobs.keys.isEmpty)
        }
    }
}

import DiskStorage
import Foundation
import Media
import NIOCore
import StarlingCore
import StarlingTestKit
import Testing

/// The disk blob store keeps one file per key under its root, and passes the `BlobStore` contract.
@Suite struct DiskBlobStoreTests {
    @Test func theDiskStorePassesTheBlobStoreContract() async throws {
        try await BlobStoreContract.run(DiskBlobStore(root: TemporaryDirectory.make().path))
    }

    @Test func theDiskStoreKeepsFilesUnderItsRoot() async throws {
        let root = TemporaryDirectory.make().path
        let store = DiskBlobStore(root: root)
        let key = MediaKey.make(folder: "avatars", format: .gif)
        try await store.put(ByteBuffer(bytes: [1, 2, 3]), key: key, contentType: "image/gif")
        #expect(FileManager.default.fileExists(atPath: "\(root)/\(key)"))
        try await store.delete(key)
        #expect(!FileManager.default.fileExists(atPath: "\(root)/\(key)"))
    }

    @Test func keysStarlingCouldNotHaveMadeAreRefused() async throws {
        let store = DiskBlobStore(root: TemporaryDirectory.make().path)
        #expect(try await store.get("../../etc/passwd") == nil)
        await #expect(throws: StarlingError.self) {
            try await store.put(ByteBuffer(string: "x"), key: "photos/../../x.png", contentType: "image/png")
        }
        try await store.delete("/etc/passwd")
    }
}

import Foundation
import NIOCore
import NIOPosix
import StarlingCore

/// The embedded `BlobStore`: one file per key under a directory (`./data/media`). Writes go to a
/// temporary file first and are renamed into place, so a reader never sees half an image.
public struct DiskBlobStore: BlobStore {
    let root: URL

    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true)
    }

    private func url(_ key: String) throws -> URL {
        guard MediaKey.isValid(key) else { throw StarlingError.notFound }
        return root.appendingPathComponent(key)
    }

    public func put(_ data: ByteBuffer, key: String, contentType: String) async throws {
        let destination = try url(key)
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = destination.appendingPathExtension("part")
            try Data(data.readableBytesView).write(to: temporary)
            _ = try? FileManager.default.removeItem(at: destination)
            try FileManager.default.moveItem(at: temporary, to: destination)
        }
    }

    public func get(_ key: String) async throws -> ByteBuffer? {
        guard MediaKey.isValid(key) else { return nil }
        let source = try url(key)
        return try await NIOThreadPool.singleton.runIfActive {
            guard let data = FileManager.default.contents(atPath: source.path) else { return nil }
            return ByteBuffer(bytes: data)
        }
    }

    public func delete(_ key: String) async throws {
        guard MediaKey.isValid(key) else { return }
        let target = try url(key)
        try await NIOThreadPool.singleton.runIfActive {
            _ = try? FileManager.default.removeItem(at: target)
        }
    }
}

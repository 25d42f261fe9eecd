import Media
import NIOCore
import NIOPosix
import StarlingCore

/// The embedded `BlobStore`: one file per key under a directory (`./data/media`). Writes go to a
/// temporary file first and are renamed into place, so a reader never sees half an image. Nothing
/// below the directory is reached through a symlink (see `MediaDirectory`): a link planted there
/// reads as missing.
public struct DiskBlobStore: BlobStore {
    let directory: MediaDirectory

    public init(root: String) {
        self.directory = MediaDirectory(root: root)
    }

    /// The folder and file name of a key Starling could have made; nil for anything else.
    private func location(_ key: String) -> (folder: String, name: String)? {
        guard MediaKey.isValid(key) else { return nil }
        let parts = key.split(separator: "/")
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    public func put(_ data: ByteBuffer, key: String, contentType: String) async throws {
        guard let (folder, name) = location(key) else { throw StarlingError.notFound }
        let directory = directory
        try await NIOThreadPool.singleton.runIfActive {
            try directory.replace(folder: folder, name: name, with: data)
        }
    }

    public func get(_ key: String) async throws -> ByteBuffer? {
        guard let (folder, name) = location(key) else { return nil }
        let directory = directory
        return try await NIOThreadPool.singleton.runIfActive {
            try directory.contents(folder: folder, name: name)
        }
    }

    public func delete(_ key: String) async throws {
        guard let (folder, name) = location(key) else { return }
        let directory = directory
        try await NIOThreadPool.singleton.runIfActive {
            try directory.remove(folder: folder, name: name)
        }
    }
}

import StarlingCore

/// Checks uploaded images and stores them under new keys: all of them, or none.
public struct StoreImages: Sendable {
    let blobs: any BlobStore
    /// The largest image accepted, in bytes.
    public let maximumBytes: Int
    /// Given the keys `discard` could not delete (the store is down), to delete them later by a job.
    let undeleted: @Sendable ([String]) async -> Void

    public init(blobs: any BlobStore, maximumBytes: Int = 10 << 20, undeleted: @escaping @Sendable ([String]) async -> Void = { _ in }) {
        self.blobs = blobs
        self.maximumBytes = maximumBytes
        self.undeleted = undeleted
    }

    /// Validates every file (count, size, a well-formed image container) before storing any; returns the
    /// keys in order. Anything wrong is a 400 for `field` and stores nothing.
    public func callAsFunction(_ files: [ImageUpload], field: String, folder: String, maximumCount: Int) async throws -> [String] {
        guard files.count <= maximumCount else {
            throw StarlingError.invalid(field, "Upload at most \(maximumCount) image\(maximumCount == 1 ? "" : "s").")
        }
        var errors = FieldErrors()
        var formats: [ImageFormat] = []
        for (index, file) in files.enumerated() {
            let name = file.filename.map { "\"\($0)\"" } ?? "file \(index + 1)"
            if file.data.readableBytes > maximumBytes {
                errors.add(field, "\(name) is larger than \(maximumBytes / (1 << 20)) MB.")
            } else {
                do {
                    formats.append(try ImageFormat.validate(file.data.readableBytesView))
                } catch {
                    errors.add(field, "\(name) is \(error).")
                }
            }
        }
        try errors.check()
        var stored: [String] = []
        do {
            for (file, format) in zip(files, formats) {
                let key = MediaKey.make(folder: folder, format: format)
                try await blobs.put(file.data, key: key, contentType: format.contentType)
                stored.append(key)
            }
        } catch {
            await discard(stored)
            throw error
        }
        return stored
    }

    /// Removes stored blobs (after a failed write, or a replaced avatar); those the store could not
    /// delete now go to `undeleted`, so that nothing is left orphaned.
    public func discard(_ keys: [String]) async {
        var failed: [String] = []
        for key in keys {
            do { try await blobs.delete(key) } catch { failed.append(key) }
        }
        if !failed.isEmpty { await undeleted(failed) }
    }
}

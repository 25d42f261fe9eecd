import NIOCore
import StarlingCore

/// A blob store in memory that goes down right after its `putsBeforeOutage`-th put: every later put
/// and delete fails as an unreachable S3 does, until `recover()`.
actor FlakyBlobStore: BlobStore {
    let memory = MemoryBlobStore()
    private var putsLeft: Int
    private var down = false

    init(putsBeforeOutage: Int) {
        putsLeft = putsBeforeOutage
    }

    func recover() {
        down = false
        putsLeft = .max
    }

    func put(_ data: ByteBuffer, key: String, contentType: String) async throws {
        guard !down else { throw StarlingError.unavailable("Media storage is unavailable, try again later.") }
        putsLeft -= 1
        if putsLeft == 0 { down = true }
        await memory.put(data, key: key, contentType: contentType)
    }

    func get(_ key: String) async throws -> ByteBuffer? {
        await memory.get(key)
    }

    func delete(_ key: String) async throws {
        guard !down else { throw StarlingError.unavailable("Media storage is unavailable, try again later.") }
        await memory.delete(key)
    }
}

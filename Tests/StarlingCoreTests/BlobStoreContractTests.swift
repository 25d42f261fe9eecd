import StarlingCore
import StarlingTestKit
import Testing

/// The `BlobStore` contract on the in-memory store (the disk store runs it in DiskStorageTests).
@Suite struct BlobStoreContractTests {
    @Test func memoryBlobStore() async throws {
        let store = MemoryBlobStore()
        try await BlobStoreContract.run(store)
        #expect(await store.keys.isEmpty)
    }
}

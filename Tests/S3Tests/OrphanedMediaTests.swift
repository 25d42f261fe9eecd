import Media
import NIOCore
import StarlingCore
import StarlingTesting
import Testing

/// Nothing orphaned: photos stored for a post that then fails are deleted, by a job when the store
/// cannot delete them at once.
@Suite struct OrphanedMediaTests {
    @Test func storeImagesHandsOverWhatItCouldNotDelete() async throws {
        let store = FlakyBlobStore(putsBeforeOutage: 1)
        let handedOver = Keys()
        let images = StoreImages(blobs: store) { await handedOver.add($0) }
        let uploads = [ImageUpload(filename: "a.png", data: ByteBuffer(bytes: SampleImage.png)),
                       ImageUpload(filename: "b.gif", data: ByteBuffer(bytes: SampleImage.gif))]
        await #expect(throws: StarlingError.self) { try await images(uploads, field: "files", folder: "photos", maximumCount: 9) }
        let stored = await store.memory.keys
        #expect(stored.count == 1, "the first photo was stored before the outage")
        #expect(await handedOver.all == stored, "the photo it could not delete is handed over")
    }

    @Test func aPostFailingMidUploadLeavesAJobThatDeletesThePhotoOnceTheStoreIsBack() async throws {
        let store = FlakyBlobStore(putsBeforeOutage: 1)
        let starling = TestStarling(repositories: try await Backend.memory.repositories(), media: store)
        try await starling.test { api in
            let author = try await api.signUp("unlucky")
            let reply = try await api.multipart(.post, "/api/tweets/", token: author.token, fields: ["content": "two photos"],
                                                files: [("files", "a.png", SampleImage.png), ("files", "b.jpg", SampleImage.jpeg)])
            #expect(reply.status == .serviceUnavailable)
            #expect(await store.memory.keys.count == 1)
            await store.recover()
            try await starling.settle()
            #expect(await store.memory.keys.isEmpty, "the job deleted the orphaned photo")
        }
    }

    @Test func aReplacedAvatarIsDeletedByAJobWhenTheStoreIsDownAfterTheChange() async throws {
        let store = FlakyBlobStore(putsBeforeOutage: 2)
        let starling = TestStarling(repositories: try await Backend.memory.repositories(), media: store)
        try await starling.test { api in
            let user = try await api.signUp("newface")
            let first = try await api.multipart(.put, "/api/profiles/\(user.id)/", token: user.token, fields: [:],
                                                files: [("avatar", "a.png", SampleImage.png)])
            try #require(first.status == .ok, "\(first.text)")
            let old = await store.memory.keys
            let second = try await api.multipart(.put, "/api/profiles/\(user.id)/", token: user.token, fields: [:],
                                                 files: [("avatar", "b.png", SampleImage.png)])
            try #require(second.status == .ok, "\(second.text)")
            // The second put was the last before the outage: the old avatar's delete failed and became a job.
            #expect(await store.memory.keys.count == 2)
            await store.recover()
            try await starling.settle()
            let left = await store.memory.keys
            #expect(left.count == 1 && !left.contains(old[0]), "only the new avatar is left")
        }
    }
}

/// Keys collected across tasks.
actor Keys {
    private(set) var all: [String] = []
    func add(_ keys: [String]) { all += keys }
}

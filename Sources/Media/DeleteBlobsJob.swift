import StarlingCore

/// Delete blobs that nothing refers to any more (a deleted tweet's photos).
public struct DeleteBlobsJob: JobPayload, Equatable {
    public static let jobName = "delete_blobs"
    public var keys: [String]

    public init(keys: [String]) {
        self.keys = keys
    }
}

import S3

extension Configuration {
    /// The bucket of `s3-bucket` (with `s3-endpoint`, `s3-region`, and keys from
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, as every S3 tool reads them); nil without a bucket.
    static func resolveS3(_ values: [String: String], environment: [String: String]) throws -> S3Configuration? {
        guard let bucket = values["s3-bucket"], !bucket.isEmpty else {
            if values["s3-endpoint"].map({ !$0.isEmpty }) == true { throw ConfigurationError("s3-endpoint needs s3-bucket") }
            return nil
        }
        guard let keyID = environment["AWS_ACCESS_KEY_ID"], !keyID.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else { throw ConfigurationError("s3-bucket needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment") }
        let region = values["s3-region"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_REGION"] ?? "us-east-1"
        do {
            return try S3Configuration(bucket: bucket, region: region, endpoint: values["s3-endpoint"].flatMap { $0.isEmpty ? nil : $0 },
                                       credentials: SigV4Credentials(accessKeyID: keyID, secretAccessKey: secret))
        } catch let error as S3Error {
            throw ConfigurationError(error.description)
        }
    }
}

extension Configuration {
    /// The media store the settings name: nil for files in the data directory, else the S3 bucket,
    /// checked at start-up (missing, refused or unreachable: the process does not start).
    func s3BlobStore() async throws -> S3BlobStore? {
        guard let s3 else { return nil }
        let store = S3BlobStore(client: try S3Client(configuration: s3), maximumBytes: maximumImageBytes)
        do {
            try await store.checkBucket()
        } catch {
            throw ConfigurationError("s3-bucket \(s3.bucket) at \(s3.hostHeader): \(error)")
        }
        return store
    }
}

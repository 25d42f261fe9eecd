/// The access key pair a request is signed with (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
public struct SigV4Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String

    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}

extension SigV4Credentials: CustomStringConvertible {
    /// Never prints the secret.
    public var description: String { "SigV4Credentials(\(accessKeyID), secret: ***)" }
}

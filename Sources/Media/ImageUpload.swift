import NIOCore

/// An image a user uploads: the file name the client gave (for messages) and its bytes. Its
/// format is not trusted from the client: `StoreImages` detects it by walking the bytes.
public struct ImageUpload: Sendable {
    public var filename: String?
    public var data: ByteBuffer

    public init(filename: String?, data: ByteBuffer) {
        self.filename = filename
        self.data = data
    }
}

/// Why uploaded bytes were refused as an image: the format their signature claimed (nil when none
/// matched) and what is wrong with them, in words a client can act on.
public struct InvalidImage: Error, Sendable, Equatable, CustomStringConvertible {
    /// The format the leading bytes announced, or nil for no known signature.
    public let format: ImageFormat?
    /// What is wrong, e.g. "the IDAT chunk's CRC does not match".
    public let reason: String

    public init(format: ImageFormat?, reason: String) {
        self.format = format
        self.reason = reason
    }

    /// Completes "\"a.png\" is …": "not a JPEG, PNG, GIF or WebP image" or "not a valid PNG image: …".
    public var description: String {
        guard let format else { return "not a JPEG, PNG, GIF or WebP image" }
        return "not a valid \(format.name) image: \(reason)"
    }
}

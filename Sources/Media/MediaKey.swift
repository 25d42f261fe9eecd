/// Blob keys and the URLs they are served at.
public enum MediaKey {
    /// A new unguessable key (128 random bits) in `folder`, e.g. `photos/3f…9a.jpg`.
    public static func make(folder: String, format: ImageFormat) -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<2).map { _ in
            let value = generator.next() as UInt64
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        return "\(folder)/\(hex).\(format.fileExtension)"
    }

    /// Whether `key` is one Starling could have made: a folder, then hex and an image extension.
    /// Anything else (`..`, absolute paths, odd characters) is refused before touching storage.
    public static func isValid(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, ["photos", "avatars"].contains(parts[0]) else { return false }
        let name = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard name.count == 2, name[0].count == 32, name[0].allSatisfy(\.isHexDigit) else { return false }
        return ImageFormat(fileExtension: String(name[1])) != nil
    }

    /// The path the API shows for a key.
    public static func url(_ key: String) -> String {
        "/media/\(key)"
    }
}

import Crypto

/// Maps any string to a key memcached accepts: at most 250 bytes of printable ASCII with no
/// spaces. A key that is already such a key (and does not start with `#`) is used as it is;
/// any other becomes `#` and the hex SHA-256 of its UTF-8 bytes, so it cannot meet a plain key.
public enum MemcachedKey {
    /// The longest key the server accepts.
    public static let maximumLength = 250

    /// The key to send for `key`.
    public static func safe(_ key: String) -> String {
        if isValid(key), key.utf8.first != UInt8(ascii: "#") { return key }
        let digest = SHA256.hash(data: Array(key.utf8))
        return "#" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether the protocol can carry `key` as it is.
    public static func isValid(_ key: String) -> Bool {
        let bytes = key.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

/// Decimal integers in text that caches hold (`"42:1767225600000000"`), read from their bytes:
/// making a `String` of them and splitting it cost more than the rest of a session lookup.
public enum DecimalText {
    /// The `Int64` that `bytes` spell in decimal: an optional `-` and 1 to 19 digits, nothing else
    /// (so every `String(value)`, and leading zeros too); nil for anything else or past `Int64`.
    public static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let first = bytes.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        guard (1...19).contains(bytes.count - index) else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(Int64(digit)) : shifted.addingReportingOverflow(Int64(digit))
            guard !overflow, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Two integers written `first:second`, or nil.
    public static func pair(_ bytes: UnsafeRawBufferPointer) -> (Int64, Int64)? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              let first = int64(UnsafeRawBufferPointer(rebasing: bytes[..<colon])),
              let second = int64(UnsafeRawBufferPointer(rebasing: bytes[(colon + 1)...]))
        else { return nil }
        return (first, second)
    }
}

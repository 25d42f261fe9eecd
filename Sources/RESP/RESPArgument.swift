import NIOCore

/// A value that can be an argument of a `RESPCommand`: it writes itself as a bulk string.
public protocol RESPArgument: Sendable {
    /// Writes `$<length>\r\n<bytes>\r\n`.
    func writeBulkString(into buffer: inout ByteBuffer)
}

extension String: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        var text = self
        text.withUTF8 { buffer.writeBulkString(UnsafeRawBufferPointer($0)) }
    }
}

extension ByteBuffer: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        withUnsafeReadableBytes { buffer.writeBulkString($0) }
    }
}

extension Int: RESPArgument {
    public func writeBulkString(into buffer: inout ByteBuffer) {
        Int64(self).writeBulkString(into: &buffer)
    }
}

extension Int64: RESPArgument {
    /// Its decimal digits, written without a `String` (ids are most of a multi-key command).
    public func writeBulkString(into buffer: inout ByteBuffer) {
        var digits = DecimalDigits(self)
        digits.withBytes { buffer.writeBulkString($0) }
    }
}

/// A key made of a text prefix and a decimal number (`kv:tweet:` and 42 for `kv:tweet:42`),
/// written as one bulk string with no `String` made for it: a multi-key read of a page's tweets
/// built and copied each key twice as text.
public struct RESPNumberedKey: RESPArgument {
    public let prefix: String
    public let number: Int64

    public init(prefix: String, number: Int64) {
        self.prefix = prefix
        self.number = number
    }

    public func writeBulkString(into buffer: inout ByteBuffer) {
        var digits = DecimalDigits(number)
        var prefix = self.prefix
        prefix.withUTF8 { prefixBytes in
            digits.withBytes { buffer.writeBulkString(UnsafeRawBufferPointer(prefixBytes), $0) }
        }
    }
}

extension ByteBuffer {
    /// `$<length>\r\n<first><second>\r\n`, in one write: each `ByteBuffer` write checks its
    /// capacity and (at run time) exclusive access again, some 300 instructions, four times a key.
    mutating func writeBulkString(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
        let length = first.count + second.count
        var lengthDigits = DecimalDigits(Int64(length))
        lengthDigits.withBytes { lengthBytes in
            let total = 1 + lengthBytes.count + 2 + length + 2
            writeWithUnsafeMutableBytes(minimumWritableBytes: total) { out in
                var at = 0
                func put(_ bytes: UnsafeRawBufferPointer) {
                    guard !bytes.isEmpty else { return }
                    UnsafeMutableRawBufferPointer(rebasing: out[at ..< at + bytes.count]).copyMemory(from: bytes)
                    at += bytes.count
                }
                out[at] = UInt8(ascii: "$")
                at += 1
                put(lengthBytes)
                out[at] = UInt8(ascii: "\r")
                out[at + 1] = UInt8(ascii: "\n")
                at += 2
                put(first)
                put(second)
                out[at] = UInt8(ascii: "\r")
                out[at + 1] = UInt8(ascii: "\n")
                return total
            }
        }
    }

    /// `$<length>\r\n` (or `*<count>\r\n` with that marker), in one write.
    mutating func writeBulkStringHeader(length: Int, marker: UInt8 = UInt8(ascii: "$")) {
        var digits = DecimalDigits(Int64(length))
        var header: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &header) { scratch in
            scratch[0] = marker
            let written = digits.withBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: scratch[1...]).copyMemory(from: bytes)
                return bytes.count
            }
            scratch[written + 1] = UInt8(ascii: "\r")
            scratch[written + 2] = UInt8(ascii: "\n")
            return written + 3
        }
        withUnsafeBytes(of: &header) { writeBytes(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
}

/// The decimal digits of an `Int64` (sign included), made on the stack from the end.
struct DecimalDigits {
    /// The value of decimal text as `String(value)` writes it, or of any text `Int64(_:)` reads
    /// (an optional sign, 1 to 19 digits): `.invalid` for anything else, `.outOfRange` past `Int64`.
    enum Parsed: Equatable {
        case value(Int64)
        case invalid
        case outOfRange
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> Parsed {
        guard let first = bytes.first else { return .invalid }
        let negative = first == UInt8(ascii: "-")
        var index = negative || first == UInt8(ascii: "+") ? 1 : 0
        guard (1...19).contains(bytes.count - index) else { return .invalid }
        var value: Int64 = 0
        if bytes.count - index <= 18 {
            // At most 18 digits cannot pass Int64 (about 9.2e18): no overflow checks (the lengths
            // and ids of every reply).
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit <= 9 else { return .invalid }
                value = value &* 10 &+ Int64(digit)
                index += 1
            }
            return .value(negative ? 0 &- value : value)
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .invalid }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !overflow2 else { return .outOfRange }
            value = next
            index += 1
        }
        return .value(value)
    }

    private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var start = 24

    init(_ value: Int64) {
        var magnitude = value.magnitude
        var start = 24
        withUnsafeMutableBytes(of: &storage) { scratch in
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
        }
        self.start = start
    }

    /// The digits (at most 20 bytes), valid inside `body`.
    mutating func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let start = self.start
        return withUnsafeBytes(of: &storage) { body(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }
}

extension Double: RESPArgument {
    /// Whole numbers below 2^53 are written as integers (`1767225600000000`, not `1.7672256e+15`),
    /// so sorted-set scores that are ids read back exactly; infinities as `inf` and `-inf`.
    public func writeBulkString(into buffer: inout ByteBuffer) {
        scoreText.writeBulkString(into: &buffer)
    }

    var scoreText: String {
        self == rounded() && abs(self) < 9_007_199_254_740_992 ? String(Int64(self)) : description
    }
}

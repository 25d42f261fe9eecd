import NIOCore

/// The primitive types of AMQP arguments: short strings (1-byte length), long strings (4-byte
/// length) and packed bits. Readers throw `malformedFrame` on truncated input.
extension ByteBuffer {
    mutating func readAMQP<T: FixedWidthInteger>(_ type: T.Type = T.self) throws -> T {
        guard let value = readInteger(as: T.self) else { throw AMQPError.malformedFrame("truncated arguments") }
        return value
    }

    mutating func readShortString() throws -> String {
        let length: UInt8 = try readAMQP()
        guard let text = readString(length: Int(length)) else { throw AMQPError.malformedFrame("truncated short string") }
        return text
    }

    mutating func readLongBytes() throws -> ByteBuffer {
        let length: UInt32 = try readAMQP()
        guard let bytes = readSlice(length: Int(length)) else { throw AMQPError.malformedFrame("truncated long string") }
        return bytes
    }

    mutating func readLongString() throws -> String {
        var bytes = try readLongBytes()
        return bytes.readString(length: bytes.readableBytes) ?? ""
    }

    /// Up to 8 bits packed in one octet, first argument in the lowest bit.
    mutating func readBits(_ count: Int) throws -> [Bool] {
        let octet: UInt8 = try readAMQP()
        return (0..<count).map { octet & (1 << $0) != 0 }
    }

    mutating func writeShortString(_ text: String) {
        let bytes = Array(text.utf8.prefix(255))
        writeInteger(UInt8(bytes.count))
        writeBytes(bytes)
    }

    mutating func writeLongString(_ text: String) {
        writeInteger(UInt32(text.utf8.count))
        writeString(text)
    }

    mutating func writeBits(_ bits: Bool...) {
        var octet: UInt8 = 0
        for (index, bit) in bits.enumerated() where bit { octet |= 1 << index }
        writeInteger(octet)
    }
}

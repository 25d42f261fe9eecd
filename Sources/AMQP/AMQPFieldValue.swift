import NIOCore

/// A value in an AMQP field table (arguments, headers, server properties), in RabbitMQ's dialect
/// of the type tags.
public indirect enum AMQPFieldValue: Sendable, Equatable {
    case bool(Bool)
    case int8(Int8)
    case uint8(UInt8)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    case decimal(scale: UInt8, value: UInt32)
    case string(String)
    case bytes([UInt8])
    case array([AMQPFieldValue])
    case timestamp(UInt64)
    case table(AMQPTable)
    case void
}

/// A field table: names to values.
public typealias AMQPTable = [String: AMQPFieldValue]

extension ByteBuffer {
    mutating func writeTable(_ table: AMQPTable) {
        let sizeIndex = writerIndex
        writeInteger(UInt32(0))
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            writeShortString(name)
            writeFieldValue(value)
        }
        setInteger(UInt32(writerIndex - sizeIndex - 4), at: sizeIndex)
    }

    mutating func readTable() throws -> AMQPTable {
        var bytes = try readLongBytes()
        var table = AMQPTable()
        while bytes.readableBytes > 0 {
            let name = try bytes.readShortString()
            table[name] = try bytes.readFieldValue()
        }
        return table
    }

    mutating func writeFieldValue(_ value: AMQPFieldValue) {
        switch value {
        case .bool(let v): writeInteger(UInt8(ascii: "t")); writeInteger(UInt8(v ? 1 : 0))
        case .int8(let v): writeInteger(UInt8(ascii: "b")); writeInteger(v)
        case .uint8(let v): writeInteger(UInt8(ascii: "B")); writeInteger(v)
        case .int16(let v): writeInteger(UInt8(ascii: "s")); writeInteger(v)
        case .uint16(let v): writeInteger(UInt8(ascii: "u")); writeInteger(v)
        case .int32(let v): writeInteger(UInt8(ascii: "I")); writeInteger(v)
        case .uint32(let v): writeInteger(UInt8(ascii: "i")); writeInteger(v)
        case .int64(let v): writeInteger(UInt8(ascii: "l")); writeInteger(v)
        case .float(let v): writeInteger(UInt8(ascii: "f")); writeInteger(v.bitPattern)
        case .double(let v): writeInteger(UInt8(ascii: "d")); writeInteger(v.bitPattern)
        case .decimal(let scale, let v): writeInteger(UInt8(ascii: "D")); writeInteger(scale); writeInteger(v)
        case .string(let v): writeInteger(UInt8(ascii: "S")); writeLongString(v)
        case .bytes(let v): writeInteger(UInt8(ascii: "x")); writeInteger(UInt32(v.count)); writeBytes(v)
        case .array(let values):
            writeInteger(UInt8(ascii: "A"))
            let sizeIndex = writerIndex
            writeInteger(UInt32(0))
            for value in values { writeFieldValue(value) }
            setInteger(UInt32(writerIndex - sizeIndex - 4), at: sizeIndex)
        case .timestamp(let v): writeInteger(UInt8(ascii: "T")); writeInteger(v)
        case .table(let v): writeInteger(UInt8(ascii: "F")); writeTable(v)
        case .void: writeInteger(UInt8(ascii: "V"))
        }
    }

    mutating func readFieldValue() throws -> AMQPFieldValue {
        let tag: UInt8 = try readAMQP()
        switch Unicode.Scalar(tag) {
        case "t": return .bool(try readAMQP(UInt8.self) != 0)
        case "b": return .int8(try readAMQP())
        case "B": return .uint8(try readAMQP())
        case "s": return .int16(try readAMQP())
        case "u": return .uint16(try readAMQP())
        case "I": return .int32(try readAMQP())
        case "i": return .uint32(try readAMQP())
        case "l": return .int64(try readAMQP())
        case "f": return .float(Float(bitPattern: try readAMQP()))
        case "d": return .double(Double(bitPattern: try readAMQP()))
        case "D": return .decimal(scale: try readAMQP(), value: try readAMQP())
        case "S": return .string(try readLongString())
        case "x":
            var bytes = try readLongBytes()
            return .bytes(bytes.readBytes(length: bytes.readableBytes) ?? [])
        case "A":
            var bytes = try readLongBytes()
            var values: [AMQPFieldValue] = []
            while bytes.readableBytes > 0 { values.append(try bytes.readFieldValue()) }
            return .array(values)
        case "T": return .timestamp(try readAMQP())
        case "F": return .table(try readTable())
        case "V": return .void
        default: throw AMQPError.malformedFrame("unknown field type \(tag)")
        }
    }
}

/// Walks a GIF block by block: header, logical screen, colour tables, extensions and images with
/// their data sub-blocks, and the trailer as the very last byte.
enum GIFValidator {
    static func validate(_ reader: inout ImageReader) throws(InvalidImage) {
        let version = try reader.read(6, "the header")
        guard version.elementsEqual("GIF87a".utf8) || version.elementsEqual("GIF89a".utf8) else {
            throw reader.failure("the header is not GIF87a or GIF89a")
        }
        let width = try reader.uint16LittleEndian("the logical screen descriptor")
        let height = try reader.uint16LittleEndian("the logical screen descriptor")
        guard width > 0, height > 0 else { throw reader.failure("the logical screen width or height is 0") }
        let packed = try reader.uint8("the logical screen descriptor")
        try reader.skip(2, "the logical screen descriptor")
        if packed & 0x80 != 0 { try reader.skip(colourTableSize(packed), "the global colour table") }
        var images = 0
        while true {
            guard !reader.isAtEnd else { throw reader.failure("there is no trailer") }
            let introducer = try reader.uint8("a block")
            switch introducer {
            case 0x21:
                _ = try reader.uint8("an extension label")
                try skipSubBlocks(&reader, "an extension")
            case 0x2C:
                try image(&reader)
                images += 1
            case 0x3B:
                guard images > 0 else { throw reader.failure("there is no image") }
                guard reader.isAtEnd else { throw reader.failure("\(reader.remaining) bytes follow the trailer") }
                return
            default:
                throw reader.failure("a block starts with 0x\(String(introducer, radix: 16)), not an extension, image or trailer")
            }
        }
    }

    /// An image descriptor, its local colour table, LZW minimum code size and data.
    private static func image(_ reader: inout ImageReader) throws(InvalidImage) {
        try reader.skip(8, "an image descriptor")
        let packed = try reader.uint8("an image descriptor")
        if packed & 0x80 != 0 { try reader.skip(colourTableSize(packed), "a local colour table") }
        let codeSize = try reader.uint8("an image's LZW code size")
        guard (2...8).contains(codeSize) else { throw reader.failure("the LZW minimum code size \(codeSize) is not 2 to 8") }
        try skipSubBlocks(&reader, "an image's data")
    }

    /// 3 × 2^(n+1) bytes, n the low three bits.
    private static func colourTableSize(_ packed: UInt8) -> Int {
        3 << (Int(packed & 0x07) + 1)
    }

    /// Data sub-blocks: a size byte, that many bytes, until a size of 0.
    private static func skipSubBlocks(_ reader: inout ImageReader, _ what: String) throws(InvalidImage) {
        while true {
            let size = try reader.uint8(what)
            if size == 0 { return }
            try reader.skip(Int(size), what)
        }
    }
}

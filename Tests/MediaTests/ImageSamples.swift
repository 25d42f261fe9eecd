import Foundation
import StarlingTesting

/// Real images beyond `SampleImage`'s 1×1s (made by a common encoder, checked by its decoder), and
/// a builder for PNGs with correct CRCs, to craft files that are wrong in one way only.
enum ImageSamples {
    static let progressiveJPEG = decoded(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/"
            + "2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wgARCAAIAAgDASIAAhEBAxEB/8QA"
            + "FQABAQAAAAAAAAAAAAAAAAAAAAL/xAAVAQEBAAAAAAAAAAAAAAAAAAABAv/aAAwDAQACEAMQAAABoW//xAAVEAEBAAAAAAAAAAAAAAAAAAACIf/aAAgBAQAB"
            + "BQJQ/wD/xAAYEQACAwAAAAAAAAAAAAAAAAAAAgMSQf/aAAgBAwEBPwFY7af/xAAWEQADAAAAAAAAAAAAAAAAAAAAAzH/2gAIAQIBAT8BXD//xAAYEAADAQEA"
            + "AAAAAAAAAAAAAAABAhEAgv/aAAgBAQAGPwIq8PM3/8QAGhABAQACAwAAAAAAAAAAAAAAAREAMVGBof/aAAgBAQABPyFs3RUAdnOuvLc//9oADAMBAAIAAwAA"
            + "ABAL/8QAGREBAAIDAAAAAAAAAAAAAAAAAQBRETFx/9oACAEDAQE/EMNV7avk/8QAFhEBAQEAAAAAAAAAAAAAAAAAAQAh/9oACAECAQE/EECy/8QAGBABAQEB"
            + "AQAAAAAAAAAAAAAAAREhAEH/2gAIAQEAAT8QHSMgp5YqFwI3Q5//2Q==")
    static let palettePNG = decoded(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAgMAAAC5YVYYAAAADFBMVEWwv4M1xouFao+DJmcJhr38AAAAIUlEQVR4nGPc+I6R9w/j0+cM3xKZ1r9hEFjFsN2L"
            + "gbcdAIPHCbsulcOSAAAAAElFTkSuQmCC")
    static let animatedGIF = decoded(
        "R0lGODlhAwADAIMAAIH0H2XcGQb2PQrTGzquQLRxZXqMQVeZej49VwAAAAAAAAAAAAAAAAAAAAAAAAAAACH/C05FVFNDQVBFMi4wAwEAAAAh+QQABQAAACwA"
            + "AAAAAwADAAAIDQADCDgwgACAAggMBAQAIfkEAQUACQAsAAAAAAMAAwCD+qFQ8qUAidgaA/nMGYp/9xAsoSSzPxkjHEAXAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "CA0ABxAQEADBgQIADAQEADs=")
    static let animatedWebP = decoded(
        "UklGRgIBAABXRUJQVlA4WAoAAAACAAAAAgAAAgAAQU5JTQYAAAAAAAAAAABBTk1GaAAAAAAAAAAAAAIAAAIAADIAAAJWUDhMTwAAAC8CgAAAR2CQARq4NAJI"
            + "IoZU8mnXOIuaSJLU4PFll6GLB0VtpEAyVsABmOCLTZytlvmPt30SOxYBLiFec8jD/0BB2yhw7F7QgQsi+h/N7Q8AQU5NRmYAAAAAAAAAAAACAAACAAAyAAAA"
            + "VlA4TE0AAAAvAoAAAEdAJABx0BMrTHBGtcMUT9Q0kgJn78MCoccNHWYCkCkghlMV/cihxvrsnf+4r3vi2ELvYUpvLLEJato2gmN996I4qhfR/1jOXwA=")
    static let alphaWebP = decoded(
        "UklGRkQAAABXRUJQVlA4WAoAAAAQAAAAAQAAAQAAQUxQSAUAAAAAZGRkZABWUDggGAAAADABAJ0BKgIAAgACwEwlpAADcAD+9+CAAA==")

    /// Every valid image the tests know, named.
    static let valid: [(name: String, bytes: [UInt8])] = [
        ("png", SampleImage.png), ("jpeg", SampleImage.jpeg), ("gif", SampleImage.gif), ("webp", SampleImage.webp),
        ("webpLossless", SampleImage.webpLossless), ("progressiveJPEG", progressiveJPEG), ("palettePNG", palettePNG),
        ("animatedGIF", animatedGIF), ("animatedWebP", animatedWebP), ("alphaWebP", alphaWebP),
    ]

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// An IHDR body: width, height, bit depth, colour type, then compression, filter and interlace 0.
    static func ihdr(width: UInt32 = 1, height: UInt32 = 1, bitDepth: UInt8 = 8, colourType: UInt8 = 2) -> [UInt8] {
        bigEndian(width) + bigEndian(height) + [bitDepth, colourType, 0, 0, 0]
    }

    /// A PNG chunk with its length and a correct CRC-32 (computed bit by bit, independently of the table).
    static func chunk(_ type: String, _ data: [UInt8] = []) -> [UInt8] {
        let typed = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc ^ 0xFFFF_FFFF)
    }

    /// The IDAT payload of `SampleImage.png` (one red pixel, zlib-compressed).
    static let redPixel: [UInt8] = [0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func decoded(_ base64: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: base64) ?? Data())
    }
}

import Media
import Testing

/// Hostile bytes never crash the validator: cut short anywhere, random, or one byte off.
@Suite struct ImageFuzzTests {
    /// SplitMix64: a fixed seed gives the same bytes on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: ImageSamples.valid.map(\.name))
    func everyPrefixOfAValidImageIsRefused(_ name: String) throws {
        let bytes = try #require(ImageSamples.valid.first { $0.name == name }?.bytes)
        for length in 0..<bytes.count {
            #expect(throws: InvalidImage.self, "\(name) cut to \(length) bytes") { try ImageFormat.validate(bytes[0..<length]) }
        }
    }

    @Test func randomBytesBehindEachSignatureNeverCrash() {
        var random = SeededGenerator(state: 20_240_610)
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], Array("GIF89a".utf8), Array("GIF87a".utf8),
            Array("RIFF".utf8) + [0x20, 0, 0, 0] + Array("WEBP".utf8), [],
        ]
        var accepted = 0
        for round in 0..<6_000 {
            let tail = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if (try? ImageFormat.validate(signatures[round % signatures.count] + tail)) != nil { accepted += 1 }
        }
        #expect(accepted == 0)
    }

    @Test func mutatedValidImagesNeverCrash() {
        var random = SeededGenerator(state: 7)
        for (_, image) in ImageSamples.valid {
            for _ in 0..<500 {
                var bytes = image
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                    case 1: bytes[index] = .random(in: 0...255, using: &random)
                    case 2: bytes.insert(.random(in: 0...255, using: &random), at: index)
                    default: bytes.replaceSubrange(index..<min(bytes.count, index + 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
                    }
                }
                _ = try? ImageFormat.validate(bytes)
            }
        }
    }

    @Test func pngCRCsCatchEverySingleBitFlipAfterTheSignature() {
        let png = ImageSamples.palettePNG
        for index in 8..<png.count {
            for bit in 0..<8 {
                var bytes = png
                bytes[index] ^= 1 << bit
                #expect(throws: InvalidImage.self, "bit \(bit) of byte \(index)") { try ImageFormat.validate(bytes) }
            }
        }
    }
}

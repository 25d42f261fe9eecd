extension ImageFormat {
    /// The format of `bytes` once its whole container has been walked: the signature picks the format,
    /// then every chunk, segment or block must be well formed, inside the data, and in order, with
    /// nothing after the end. Hostile input is its audience: it throws, it never traps.
    public static func validate<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(InvalidImage) -> ImageFormat {
        let bytes = Array(bytes)
        guard let format = detect(bytes) else {
            throw InvalidImage(format: nil, reason: "its leading bytes match no supported format")
        }
        var reader = ImageReader(bytes, format: format)
        switch format {
        case .png: try PNGValidator.validate(&reader)
        case .jpeg: try JPEGValidator.validate(&reader)
        case .gif: try GIFValidator.validate(&reader)
        case .webp: try WebPValidator.validate(&reader)
        }
        return format
    }
}

import Media
import StarlingHTTP

extension ImageUpload {
    /// The image in a multipart file part; its format is detected from its bytes later.
    init(_ file: UploadedFile) {
        self.init(filename: file.filename, data: file.data)
    }
}

import App
import S3
import Testing

/// `--s3-bucket`, `--s3-endpoint`, `--s3-region` with their `STARLING_S3_*` variables, and the keys
/// from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
@Suite struct S3SettingsTests {
    static let keys = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"]

    @Test func withoutABucketMediaStayInTheDataDirectory() throws {
        #expect(try Configuration.resolve(flags: [:], environment: Self.keys).s3 == nil)
    }

    @Test func aBucketWithAnEndpointAndRegionIsUsedPathStyle() throws {
        let environment = Self.keys.merging(["STARLING_S3_BUCKET": "from-env", "STARLING_S3_REGION": "eu-west-1"]) { $1 }
        let s3 = try #require(try Configuration.resolve(flags: ["s3-bucket": "media", "s3-endpoint": "http://127.0.0.1:9000"],
                                                         environment: environment).s3)
        #expect(s3.bucket == "media", "a flag overrides its variable")
        #expect(s3.region == "eu-west-1")
        #expect(s3.addressing == .pathStyle)
        #expect(s3.credentials == SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret"))
    }

    @Test func aBucketNeedsTheKeys() {
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: ["s3-bucket": "media"], environment: [:]) }
    }

    @Test func anEndpointNeedsABucket() {
        #expect(throws: ConfigurationError.self) {
            try Configuration.resolve(flags: ["s3-endpoint": "http://127.0.0.1:9000"], environment: Self.keys)
        }
    }

    @Test func aBadEndpointIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try Configuration.resolve(flags: ["s3-bucket": "media", "s3-endpoint": "ftp://x"], environment: Self.keys)
        }
    }
}

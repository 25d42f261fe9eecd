import S3
import Testing

/// The presigned-URL example of the S3 documentation ("Authenticating Requests: Using Query
/// Parameters": GET `test.txt` of `examplebucket`, 2013-05-24, valid 86400 s), by exact strings.
@Suite struct S3PresignTests {
    static let credentials = SigV4Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let request = SigV4Request(method: "GET", path: "/test.txt", headers: [("host", "examplebucket.s3.amazonaws.com")],
                                      payloadHash: SigV4Request.unsignedPayload)
    static let query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"

    @Test func theCanonicalRequestAndStringToSignAreTheDocumentedOnes() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1")
        var signed = Self.request
        signed.query = [("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
                        ("X-Amz-Date", "20130524T000000Z"), ("X-Amz-Expires", "86400"), ("X-Amz-SignedHeaders", "host")]
        #expect(signer.canonicalRequest(signed) == "GET\n/test.txt\n\(Self.query)\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD")
        #expect(signer.stringToSign(signed, amzDate: "20130524T000000Z")
            == "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
    }

    @Test func thePresignedQueryIsTheDocumentedOne() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1")
        #expect(signer.presignedQuery(Self.request, amzDate: "20130524T000000Z", expires: 86400)
            == Self.query + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func theClientPresignsTheDocumentedURLOnAVirtualHostedEndpoint() throws {
        let configuration = try S3Configuration(bucket: "examplebucket", region: "us-east-1", endpoint: "https://s3.amazonaws.com",
                                                credentials: Self.credentials)
        #expect(configuration.addressing == .virtualHosted)
        let client = try S3Client(configuration: configuration)
        #expect(client.presignedURL(key: "test.txt", signedAt: 1_369_353_600, expires: 86400)
            == "https://examplebucket.s3.amazonaws.com/test.txt?" + Self.query
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }
}

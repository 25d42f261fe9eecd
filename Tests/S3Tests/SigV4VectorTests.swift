import S3
import Testing

/// AWS's SigV4 test suite (aws-signing-test-suite/v4: AKIDEXAMPLE, us-east-1, service `service`,
/// 2015-08-30T12:36:00Z), compared by exact strings: canonical request, string to sign, signature
/// and `Authorization` header.
@Suite struct SigV4VectorTests {
    static let signer = SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                    region: "us-east-1", service: "service")
    static let date = "20150830T123600Z"
    static let base: [(name: String, value: String)] = [("Host", "example.amazonaws.com"), ("X-Amz-Date", date)]

    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let request: SigV4Request
        let canonicalRequest: String
        let stringToSignHash: String
        let signature: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", request: SigV4Request(method: "GET", path: "/", headers: base),
               canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case",
               request: SigV4Request(method: "GET", path: "/", query: [("Param2", "value2"), ("Param1", "value1")], headers: base),
               canonicalRequest: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               stringToSignHash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "get-vanilla-utf8-query", request: SigV4Request(method: "GET", path: "/", query: [("\u{1234}", "bar")], headers: base),
               canonicalRequest: "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               stringToSignHash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
               signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(name: "post-vanilla", request: SigV4Request(method: "POST", path: "/", headers: base),
               canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               stringToSignHash: "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "post-x-www-form-urlencoded",
               request: SigV4Request(method: "POST", path: "/", headers: [
                   ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("Content-Length", "13"),
                   ("X-Amz-Date", date), ("x-amz-content-sha256", SigV4Signer.payloadHash(Array("Param1=value1".utf8))),
               ], payloadHash: SigV4Signer.payloadHash(Array("Param1=value1".utf8))),
               canonicalRequest: "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
                   + "x-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\nx-amz-date:20150830T123600Z\n\n"
                   + "content-length;content-type;host;x-amz-content-sha256;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
               stringToSignHash: "b1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb",
               signature: "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"),
        Vector(name: "get-space", request: SigV4Request(method: "GET", path: "/example space/", headers: base),
               canonicalRequest: "GET\n/example%20space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               stringToSignHash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
               signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
    ]

    @Test("a published vector signs to the same strings", arguments: vectors)
    func vector(_ vector: Vector) {
        #expect(Self.signer.canonicalRequest(vector.request) == vector.canonicalRequest)
        #expect(Self.signer.stringToSign(vector.request, amzDate: Self.date)
            == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\(vector.stringToSignHash)")
        #expect(Self.signer.signature(vector.request, amzDate: Self.date) == vector.signature)
        #expect(Self.signer.authorization(vector.request, amzDate: Self.date)
            == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(Self.signer.signedHeaders(vector.request)), Signature=\(vector.signature)")
    }

    @Test func theGetVanillaAuthorizationHeaderIsThePublishedOne() {
        #expect(Self.signer.authorization(SigV4Request(method: "GET", path: "/", headers: Self.base), amzDate: Self.date)
            == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func getVanillaPresignedByQueryMatchesTheSuite() {
        let request = SigV4Request(method: "GET", path: "/", headers: [("Host", "example.amazonaws.com")])
        #expect(Self.signer.presignedQuery(request, amzDate: Self.date, expires: 3600)
            == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d")
    }

    @Test func theSigningKeyIsThePublishedOne() {
        let key: [UInt8] = Self.signer.signingKey(day: "20150830").withUnsafeBytes { Array($0) }
        let hex: [String] = key.map { (byte: UInt8) -> String in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
        #expect(hex.joined() == "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75")
    }

    @Test func timesFormatAsAmzDates() {
        #expect(SigV4Signer.amzDate(1_440_938_160) == "20150830T123600Z")
        #expect(SigV4Signer.amzDate(1_369_353_600) == "20130524T000000Z")
        #expect(SigV4Signer.amzDate(0) == "19700101T000000Z")
        #expect(SigV4Signer.amzDate(951_782_400) == "20000229T000000Z")
    }
}

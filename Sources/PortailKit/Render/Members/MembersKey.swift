import Crypto
import CryptoExtras
import Foundation

/// The members' key and the sealing of restricted files (docs/members.md, "Security model").
///
/// - The master key is PBKDF2-HMAC-SHA256 of the passphrase, with 600,000 iterations and a
///   per-site salt: the first 16 bytes of SHA-256("portail-members-v1|" + base_url).
/// - Two keys come from it by HMAC-SHA256 with fixed labels: one for AES-256-GCM, one for
///   nonces. Browsers need only the first; neither reveals the other or the master key.
/// - A file's nonce is the first 12 bytes of HMAC-SHA256(nonce key, path ‖ 0x00 ‖ content):
///   the same file at the same path gives the same bytes in every build (builds stay
///   byte-identical), and two different contents never share a nonce (short of an HMAC
///   collision). The path is the additional authenticated data, so a file cannot be passed
///   off as another.
/// - A sealed file is `PTLM`, a version byte (1), the nonce, then the ciphertext and its tag.
public struct MembersKey: Sendable {
    public static let iterations = 600_000
    public static let version: UInt8 = 1
    static let magic = Array("PTLM".utf8)
    static let encryptionLabel = "portail-members-v1 encryption"
    static let nonceLabel = "portail-members-v1 nonce"

    public let salt: [UInt8]
    let encryption: SymmetricKey
    let nonce: SymmetricKey

    public init(passphrase: String, baseURL: String) throws {
        salt = Self.salt(baseURL: baseURL)
        // NFC, so that "é" typed as one character or as e + accent is the same passphrase
        // (members.js normalises the same way).
        let master = try KDF.Insecure.PBKDF2.deriveKey(from: Array(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt, using: .sha256,
                                                       outputByteCount: 32, rounds: Self.iterations)
        encryption = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(Self.encryptionLabel.utf8), using: master))
        nonce = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(Self.nonceLabel.utf8), using: master))
    }

    static func salt(baseURL: String) -> [UInt8] {
        Array(SHA256.hash(data: Array("portail-members-v1|\(baseURL)".utf8)).prefix(16))
    }

    /// The sealed form of `data`, published at `path` (relative to the output folder).
    public func seal(_ data: Data, path: String) throws -> Data {
        var message = Array(path.utf8)
        message.append(0)
        var mac = HMAC<SHA256>(key: nonce)
        mac.update(data: message)
        mac.update(data: data)
        let nonceBytes = Array(Data(mac.finalize()).prefix(12))
        let box = try AES.GCM.seal(data, using: encryption, nonce: try AES.GCM.Nonce(data: nonceBytes),
                                   authenticating: Array(path.utf8))
        var out = Data(Self.magic)
        out.append(Self.version)
        out.append(contentsOf: nonceBytes)
        out.append(box.ciphertext)
        out.append(box.tag)
        return out
    }

    /// Opens a sealed file; used by tests, and by anyone checking a published edition.
    public func open(_ sealed: Data, path: String) throws -> Data {
        let bytes = Array(sealed)
        guard bytes.count >= 5 + 12 + 16, Array(bytes[0..<4]) == Self.magic, bytes[4] == Self.version else {
            throw OutputError("\(path) is not a sealed members' file")
        }
        let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: bytes[5..<17]), ciphertext: bytes[17..<(bytes.count - 16)],
                                        tag: bytes[(bytes.count - 16)...])
        return try AES.GCM.open(box, using: encryption, authenticating: Array(path.utf8))
    }
}

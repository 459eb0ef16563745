import Foundation
import Testing
import ZIPFoundation
@testable import PortailKit

/// The ZIP container of the spreadsheets, read back by an independent reader (ZIPFoundation,
/// which checks every entry's CRC-32): stored and deflated entries, and an entry joined from
/// pieces deflated apart, in the plain form and with every size and offset in ZIP64 fields
/// (all but the zeros: a real archive never needs ZIP64 for those, and ZIPFoundation reads a
/// zero offset there as absent).
@Suite("ZIP packages")
struct ZipPackageTests {
    /// Rows enough to fill the writer's buffer several times (the pieces' joins are then
    /// inside deflate's stream, not only at its ends).
    static let rows = (1...40_000).map { "<row r=\"\($0)\"><c><v>\($0 * 7919 % 10007)</v></c></row>" }.joined()

    static func package(zip64Limit: Int) throws -> [UInt8] {
        let sheet = try TemporarySheet()
        sheet.writer.write(Self.rows)
        let last = try TemporarySheet()
        last.writer.write("<row/>")
        let parts: [ZipPackage.Part] = [
            .init(path: "mimetype", segments: [.bytes(Data("application/vnd.oasis.opendocument.spreadsheet".utf8))], compressed: false),
            .init(path: "small.xml", segments: [.bytes(Data("<a>".utf8)), .bytes(Data("é</a>".utf8))]),
            .init(path: "sheet.xml", segments: [.bytes(Data("<head/>".utf8)), try sheet.finish(), .bytes(Data("<tail/>".utf8))]),
            .init(path: "empty.xml", segments: [.bytes(Data())]),
            .init(path: "rows-last.xml", segments: [.bytes(Data("<head/>".utf8)), try last.finish()]),
        ]
        var bytes: [UInt8] = []
        let writer = ByteWriter(path: "test.zip", target: .memory) { _, collected in bytes = collected }
        try ZipPackage.write(parts, to: writer, zip64Limit: zip64Limit)
        try writer.close()
        return bytes
    }

    static func entries(_ bytes: [UInt8]) throws -> [(path: String, method: CompressionMethod, text: String)] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portail-zip-test-\(UUID().uuidString).zip")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let archive = try Archive(url: file, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return (entry.path, entry.isCompressed ? .deflate : .none, String(decoding: data, as: UTF8.self))
        }
    }

    @Test("plain and ZIP64 archives hold the same entries, in order, with their bytes", arguments: [ZipPackage.zip64Limit, 1])
    func readBack(zip64Limit: Int) throws {
        let entries = try Self.entries(try Self.package(zip64Limit: zip64Limit))
        #expect(entries.map(\.path) == ["mimetype", "small.xml", "sheet.xml", "empty.xml", "rows-last.xml"])
        #expect(entries.map(\.method) == [.none, .deflate, .deflate, .deflate, .deflate])
        #expect(entries.map(\.text) == ["application/vnd.oasis.opendocument.spreadsheet", "<a>é</a>",
                                        "<head/>" + Self.rows + "<tail/>", "", "<head/><row/>"])
    }

    @Test("the same parts give the same bytes; ODF's mimetype is the first entry, stored, with no extra field")
    func deterministic() throws {
        let first = try Self.package(zip64Limit: ZipPackage.zip64Limit)
        #expect(first == (try Self.package(zip64Limit: ZipPackage.zip64Limit)))
        // Local header: signature, version 2.0, no flags, stored (0); name at 30, no extra field.
        #expect(Array(first[0..<10]) == [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0])
        #expect(Array(first[28..<30]) == [0, 0])
        #expect(String(decoding: first[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: first[38..<84], as: UTF8.self) == "application/vnd.oasis.opendocument.spreadsheet")
    }
}

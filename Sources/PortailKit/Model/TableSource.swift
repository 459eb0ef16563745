import Foundation

/// Where a dataset's rows come from: a delimited text file, already opened and checked, and
/// how its columns map to the dataset's fields.
///
/// Rows are never kept: every consumer streams them again with ``RecordStream``, which keeps
/// memory flat whatever the file's size.
public struct TableSource: Sendable {
    /// The file's bytes in UTF-8 (memory-mapped when the file was UTF-8 already).
    public let bytes: Data
    /// Where the file is on disk (imports write it back).
    public let url: URL
    /// Path shown in diagnostics.
    public let path: String
    /// Name of the source file, for the dataset page.
    public let fileName: String
    public let delimiter: UInt8
    public let header: [String]
    /// Byte offset of the first record, just after the header line.
    public let bodyOffset: Int
    /// Line number of the first record.
    public let bodyLine: Int
    /// For each field of the dataset, the index of its source column.
    public let columnIndexes: [Int]
    /// Rows are kept only when every filter's column holds one of its values.
    public let filters: [RowFilter]
    /// Cells that mean "no value" (Frictionless `missingValues`), compared after trimming.
    public let missingValues: Set<String>
    /// Whether `bytes` are the mapped file, whose pages a stream releases behind it.
    public var isMapped = false
    /// The mapped file, open to read one record by position (``RecordStream/record(at:fieldIndexes:)``).
    public var file: OpenFile?

    public struct RowFilter: Sendable, Hashable {
        public let column: Int
        public let values: Set<String>
    }
}

/// The files exported for a dataset, as the pages (and harvested metadata) describe them.
public struct DatasetExports: Sendable {
    public struct File: Sendable {
        public let format: ExportFormat
        public let path: String
        public let byteSize: Int
        /// Lower-case hexadecimal SHA-256 of the file.
        public let sha256: String
    }

    public let files: [File]
    /// The first rows, rendered on the server as the table's first page.
    public let preview: [[Value]]
    /// Number of `table/<n>.json` chunks.
    public let chunkCount: Int

    public static let none = DatasetExports(files: [], preview: [], chunkCount: 0)
}

/// Streams one dataset's records once through every export sink.
struct DatasetExporter {
    /// Rows rendered on the server, and the table's default page size.
    static let previewRows = 20

    let dataset: Dataset
    let site: Site
    let destination: any OutputDestination

    func export(progress: (Int, Int) -> Void) throws -> DatasetExports {
        guard dataset.publishesRecords, let table = dataset.table else { return .none }
        let fields = dataset.publicFields
        let indexes = dataset.publicFieldIndexes
        let csvWriter = try destination.open(ExportFormat.csv.path(for: dataset))
        let jsonWriter = try destination.open(ExportFormat.json.path(for: dataset))
        csvWriter.computeChecksum()
        jsonWriter.computeChecksum()
        var csv = CSVExportSink(writer: csvWriter, fields: fields)
        var json = JSONExportSink(writer: jsonWriter, fields: fields)
        var chunks = TableChunkSink { [destination, dataset] n in
            try destination.open(TableChunkSink.path(for: dataset, chunk: n))
        }
        let urls = SiteURLs(site)
        var records = RecordsPageSink(dataset: dataset, fields: fields, urls: urls) { [destination, dataset] n in
            try destination.open(RecordsPageSink.path(for: dataset, page: n))
        }
        var preview: [[Value]] = []
        var rows = 0
        try RecordStream(source: table, fields: dataset.fields).forEach(fieldIndexes: indexes) { position, values in
            try csv.write(values)
            try json.write(values)
            try chunks.write(values)
            try records.write(values)
            if preview.count < Self.previewRows { preview.append(values) }
            rows += 1
            if rows & 0xFFFF == 0 { progress(rows, position.offset) }
        }
        try csv.finish()
        try json.finish()
        try chunks.finish()
        try records.finish()
        return DatasetExports(
            files: [
                .init(format: .csv, path: csvWriter.path, byteSize: csvWriter.count, sha256: csvWriter.sha256!),
                .init(format: .json, path: jsonWriter.path, byteSize: jsonWriter.count, sha256: jsonWriter.sha256!),
            ],
            preview: preview, chunkCount: chunks.chunkCount)
    }
}

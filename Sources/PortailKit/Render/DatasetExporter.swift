/// The files exported for a dataset, as the pages (and harvested metadata) describe them.
public struct DatasetExports: Sendable, Codable {
    public struct File: Sendable, Codable {
        public let format: ExportFormat
        public let path: String
        public let byteSize: Int
        /// Lower-case hexadecimal SHA-256 of the file.
        public let sha256: String
    }

    public var files: [File]
    /// The first rows, rendered on the server as the table's first page.
    public let preview: [[Value]]
    /// Number of `table/<n>.json` chunks.
    public let chunkCount: Int
    /// The chart's aggregated values, when the dataset has a chart.
    public var chart: ChartData?

    public static let none = DatasetExports(files: [], preview: [], chunkCount: 0)
}

/// Streams one dataset's records once through every export sink.
struct DatasetExporter {
    /// Rows rendered on the server, and the table's default page size.
    static let previewRows = 20

    /// What a pass writes besides the export files.
    struct Views: OptionSet, Sendable {
        let rawValue: Int
        /// `table/<n>.json`, the chart's values and the preview rows.
        static let table = Views(rawValue: 1)
        /// `api/datasets/<id>/records/<n>.json`.
        static let api = Views(rawValue: 2)
        static let all: Views = [.table, .api]
    }

    let dataset: Dataset
    let site: Site
    let destination: any OutputDestination
    var views: Views = .all

    /// Writes every export of the dataset. Each spreadsheet (the costliest files to write:
    /// XML compressed into a ZIP) is made in its own read of the source file, concurrently
    /// with the others, so that one big dataset keeps every core busy.
    func export(progress: @escaping @Sendable (Int, Int) -> Void) async throws -> DatasetExports {
        guard dataset.publishesRecords else { return .none }
        let formats = ExportFormat.formats(for: dataset)
        // The ODS pass first: its XML is the biggest to write and to compress, so it starts
        // while the other passes share the other core (started last, it ran alone at the end).
        async let ods = exportFiles(formats.filter { $0 == .ods }, views: []) { _, _ in }
        async let xlsx = exportFiles(formats.filter { $0 == .xlsx }, views: []) { _, _ in }
        var main = try exportFiles(formats.filter { $0 != .xlsx && $0 != .ods }, views: views, progress: progress)
        let sheets = try await xlsx.files + ods.files
        // Files in the order pages list them.
        let files = main.files + sheets
        main.files = formats.compactMap { format in files.first { $0.format == format } }
        return main
    }

    private struct Pass {
        var files: [DatasetExports.File] = []
        var preview: [[Value]] = []
        var chunkCount = 0
        var chart: ChartData?

        var exports: DatasetExports {
            var e = DatasetExports(files: files, preview: preview, chunkCount: chunkCount)
            e.chart = chart
            return e
        }
    }

    /// One read of the source file feeding the given exports, and with `views`, the table
    /// chunks, the API pages, the chart and the preview.
    private func exportFiles(_ formats: [ExportFormat], views: Views,
                             progress: (Int, Int) -> Void) throws -> DatasetExports {
        guard let table = dataset.table, !formats.isEmpty || !views.isEmpty else { return .none }
        let fields = dataset.publicFields
        var writers: [(ExportFormat, ByteWriter)] = []
        func open(_ format: ExportFormat) throws -> ByteWriter {
            let writer = try destination.open(format.path(for: dataset))
            writer.computeChecksum()
            writers.append((format, writer))
            return writer
        }
        var sinks: [any RecordSink] = []
        for format in formats {
            switch format {
            case .csv: sinks.append(CSVExportSink(writer: try open(.csv), fields: fields))
            case .json: sinks.append(JSONExportSink(writer: try open(.json), fields: fields))
            case .geojson: sinks.append(GeoJSONExportSink(writer: try open(.geojson), dataset: dataset, geometry: dataset.geometry!))
            case .xlsx:
                sinks.append(try SpreadsheetSink(dialect: XLSXDialect(columnCount: fields.count), writer: try open(.xlsx),
                                                 dataset: dataset, publisher: site.publisher.name, language: site.language))
            case .ods:
                sinks.append(try SpreadsheetSink(dialect: ODSDialect(), writer: try open(.ods), dataset: dataset,
                                                 publisher: site.publisher.name, language: site.language))
            default: break
            }
        }
        var chunks: TableChunkSink?
        var records: RecordsPageSink?
        var chart: ChartSink?
        if views.contains(.table) {
            chunks = TableChunkSink { [destination, dataset] n in
                try destination.open(TableChunkSink.path(for: dataset, chunk: n))
            }
            chart = dataset.chart.map { ChartSink(spec: $0, dataset: dataset) }
        }
        if views.contains(.api) {
            records = RecordsPageSink(dataset: dataset, fields: fields, urls: SiteURLs(site)) { [destination, dataset] n in
                try destination.open(RecordsPageSink.path(for: dataset, page: n))
            }
        }
        var pass = Pass()
        var rows = 0
        try RecordStream(source: table, fields: dataset.fields).forEach(fieldIndexes: dataset.publicFieldIndexes) { position, values in
            for i in sinks.indices { try sinks[i].write(values) }
            try chunks?.write(values)
            try records?.write(values)
            try chart?.write(values)
            if views.contains(.table) && pass.preview.count < Self.previewRows { pass.preview.append(values) }
            rows += 1
            if rows & 0xFFFF == 0 { progress(rows, position.offset) }
        }
        for i in sinks.indices { try sinks[i].finish() }
        try chunks?.finish()
        try records?.finish()
        try chart?.finish()
        pass.files = writers.map { format, writer in
            .init(format: format, path: writer.path, byteSize: writer.count, sha256: writer.sha256!)
        }
        pass.chunkCount = chunks?.chunkCount ?? 0
        pass.chart = chart?.result
        return pass.exports
    }
}

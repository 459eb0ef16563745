import Foundation

/// Writes the encrypted members' edition beside the public files: for each dataset with
/// restricted data, every export with all its fields, and the table of a members-only dataset
/// or the side file of a public dataset's members-only columns, all sealed under `members/`;
/// then the sealed manifest and the public key parameters.
struct MembersExporter {
    let catalog: Catalog
    let key: MembersKey
    let destination: any OutputDestination

    func export() async throws -> MembersEdition {
        let sealed = EncryptingOutput(base: destination, key: key)
        let restricted = catalog.datasets.filter(\.hasRestrictedData).sorted { $0.id < $1.id }
        let entries = try await withThrowingTaskGroup(of: MembersEdition.Entry.self) { group in
            for dataset in restricted {
                group.addTask { [catalog] in
                    let revealed = dataset.revealed()
                    // A members-only dataset gets its table; a public one already has its table,
                    // and members get only the columns it lacks.
                    var exporter = DatasetExporter(dataset: revealed, site: catalog.site, destination: sealed)
                    exporter.views = dataset.access == .members ? .table : []
                    let exports = try await exporter.export { _, _ in }
                    let side = dataset.membersFieldIndexes
                    if !side.isEmpty { try writeSideFile(dataset, fields: side, to: sealed) }
                    return MembersEdition.Entry(dataset: revealed, exports: exports, sideFields: side.map { dataset.fields[$0] })
                }
            }
            var entries: [MembersEdition.Entry] = []
            for try await entry in group { entries.append(entry) }
            return entries.sorted { $0.dataset.id < $1.dataset.id }
        }
        let edition = MembersEdition(entries: entries)
        try sealed.write(MembersEdition.manifestPath, Data(MembersManifest(edition: edition, catalog: catalog).json().utf8))
        try destination.write(MembersEdition.paramsPath, Data(MembersManifest.params(key).utf8))
        return edition
    }

    private func writeSideFile(_ dataset: Dataset, fields: [Int], to sealed: EncryptingOutput) throws {
        guard let table = dataset.table else { return }
        let keyIndex = dataset.key.flatMap { key in dataset.fields.firstIndex { $0.name == key } }
        var sink = MembersFieldsSink(writer: try sealed.open(MembersEdition.sideFilePath(dataset.id)), key: dataset.key,
                                     fields: fields.map { dataset.fields[$0] })
        let read = (keyIndex.map { [$0] } ?? []) + fields
        RecordStream(source: table, fields: dataset.fields).forEach(fieldIndexes: read) { _, values in
            let key = keyIndex == nil ? nil : (EventRows.key(values[0]) ?? "")
            sink.write(key: key, values: Array(values.dropFirst(keyIndex == nil ? 0 : 1)))
        }
        try sink.finish()
    }
}

import Foundation

/// The manifest of the members' edition, sealed as `members/manifest.json.enc`: what members.js
/// lists and loads once the passphrase has opened it. Paths are relative to the portal's root.
///
/// ```json
/// {"version": 1, "datasets": [{"id": "…", "title": "…", "access": "members", "href": "datasets/…/",
///   "rowCount": 42, "files": [{"format": "csv", "label": "CSV", "path": "members/datasets/…/….csv.enc",
///   "name": "….csv", "mediaType": "text/csv", "size": 1234}],
///   "table": {"columns": […], "chunks": ["members/datasets/…/table/0.json.enc"], "key": 0, …},
///   "fields": {"path": "members/datasets/…/members-fields.json.enc", "key": "id", "columns": […]}}]}
/// ```
struct MembersManifest {
    let edition: MembersEdition
    let catalog: Catalog

    func json() -> String {
        JSONValue.object([
            ("version", .int(Int(MembersKey.version))),
            ("datasets", .array(edition.entries.map(entry))),
        ]).serialized(pretty: true) + "\n"
    }

    private func entry(_ entry: MembersEdition.Entry) -> JSONValue {
        let dataset = entry.dataset
        let original = catalog.datasets.first { $0.id == dataset.id }
        var members: [(String, JSONValue)] = [
            ("id", .string(dataset.id)),
            ("title", .string(dataset.title)),
            ("access", .string(original?.access.rawValue ?? "members")),
            ("href", .string("datasets/\(dataset.id)/")),
            ("rowCount", .int(dataset.rowCount)),
            ("files", .array(entry.exports.files.map { file in
                .object([
                    ("format", .string(file.format.id)), ("label", .string(file.format.label)),
                    ("path", .string(EncryptingOutput.sealedPath(file.path))),
                    ("name", .string(file.path.split(separator: "/").last.map(String.init) ?? file.path)),
                    ("mediaType", .string(file.format.mediaType)), ("size", .int(file.byteSize)),
                ])
            })),
        ]
        if entry.sideFields.isEmpty {
            members.append(("table", table(dataset, chunks: entry.exports.chunkCount)))
        } else {
            members.append(("fields", .object([
                ("path", .string(EncryptingOutput.sealedPath(MembersEdition.sideFilePath(dataset.id)))),
                ("key", dataset.key.map(JSONValue.string) ?? .null),
                ("columns", .array(entry.sideFields.map(TableModel.column))),
            ])))
        }
        return .object(members)
    }

    /// The table.js configuration of a members-only dataset, its chunks sealed.
    private func table(_ dataset: Dataset, chunks: Int) -> JSONValue {
        let fields = dataset.publicFields
        func column(_ index: Int) -> JSONValue { .int(index) }
        var geometry: JSONValue = .null
        switch dataset.geometry {
        case .point(let f)?: geometry = .object([("kind", .string("point")), ("column", column(f))])
        case .latitudeLongitude(let lat, let lon)?:
            geometry = .object([("kind", .string("latlon")), ("latitude", column(lat)), ("longitude", column(lon))])
        case nil: break
        }
        return .object([
            ("dataset", .string(dataset.id)),
            ("columns", .array(fields.map(TableModel.column))),
            ("rowCount", .int(dataset.rowCount)),
            ("chunks", .array((0..<chunks).map {
                .string(EncryptingOutput.sealedPath(TableChunkSink.path(for: dataset, chunk: $0)))
            })),
            ("pageSize", .int(DatasetExporter.previewRows)),
            ("csvName", .string("\(dataset.id)-selection.csv")),
            ("geojsonName", .string("\(dataset.id)-selection.geojson")),
            ("key", dataset.key.flatMap { key in fields.firstIndex { $0.name == key } }.map(JSONValue.int) ?? .null),
            ("facets", .array(dataset.facets.map(column))),
            ("geometry", geometry),
        ])
    }

    /// `members/params.json`, public: how to derive the key, and nothing that helps guess it.
    static func params(_ key: MembersKey) -> String {
        JSONValue.object([
            ("version", .int(Int(MembersKey.version))),
            ("kdf", .string("PBKDF2-HMAC-SHA256")),
            ("iterations", .int(MembersKey.iterations)),
            ("salt", .string(Data(key.salt).base64EncodedString())),
            ("encryptionLabel", .string(MembersKey.encryptionLabel)),
            ("cipher", .string("AES-256-GCM")),
            ("manifest", .string(EncryptingOutput.sealedPath(MembersEdition.manifestPath))),
        ]).serialized(pretty: true) + "\n"
    }
}

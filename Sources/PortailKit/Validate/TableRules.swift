/// Reads every record of a dataset's data file once, checking each cell against its field,
/// the key's uniqueness, and the row shapes. Gives the record count.
struct TableRules {
    /// Problems kept per file; the rest are counted, so a wholly broken file cannot flood memory.
    static let diagnosticsPerFile = 100

    struct Outcome: Sendable {
        var rowCount = 0
        var diagnostics: [Diagnostic] = []
        /// Extent of the public geographic values of a public dataset.
        var extent: BoundingBox?
    }

    static func check(_ dataset: ResolvedDataset, progress: (Int, Int) -> Void) -> Outcome {
        guard let table = dataset.table else { return Outcome() }
        var outcome = Outcome()
        var suppressed = 0
        let stream = RecordStream(source: table, fields: dataset.fields)
        let keyIndex = dataset.key.flatMap { key in dataset.fields.firstIndex { $0.name == key } }
        var keys = [Value: Int]()
        // Only public values of public datasets may shape published metadata.
        let geoIndexes = dataset.access == .public
            ? dataset.fields.indices.filter { dataset.fields[$0].type == .geopoint && dataset.fields[$0].access == .public } : []
        stream.forEach(fieldIndexes: Array(dataset.fields.indices), onDiagnostic: { diagnostic in
            if outcome.diagnostics.count < diagnosticsPerFile { outcome.diagnostics.append(diagnostic) } else { suppressed += 1 }
        }) { position, values in
            outcome.rowCount += 1
            for i in geoIndexes {
                guard case .geopoint(let lat, let lon) = values[i] else { continue }
                if outcome.extent == nil { outcome.extent = BoundingBox(latitude: lat, longitude: lon) }
                else { outcome.extent!.include(latitude: lat, longitude: lon) }
            }
            if outcome.rowCount & 0xFFFF == 0 { progress(outcome.rowCount, position.offset) }
            if let keyIndex, !values[keyIndex].isNull {
                if let first = keys.updateValue(position.line, forKey: values[keyIndex]) {
                    let field = dataset.fields[keyIndex]
                    let (location, line) = stream.locate(field: keyIndex, in: position)
                    let diagnostic = Diagnostic(.error, .duplicateKey,
                        "the key \"\(MachineFormat.text(values[keyIndex]))\" of field '\(field.name)' is already used on line \(first)",
                        at: location, sourceLine: line,
                        hint: "each record needs its own key value: the key gives records their stable ids")
                    if outcome.diagnostics.count < diagnosticsPerFile { outcome.diagnostics.append(diagnostic) } else { suppressed += 1 }
                }
            }
        }
        if suppressed > 0 {
            outcome.diagnostics.append(Diagnostic(.error, .typeMismatch,
                "\(suppressed) more problems in this file are not shown", at: .file(table.path)))
        }
        return outcome
    }
}

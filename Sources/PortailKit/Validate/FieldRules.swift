/// Checks a dataset's `fields` and `source` against its data file's header.
enum FieldRules {
    struct Resolution {
        var fields: [Field] = []
        var table: TableSource?
        var ok = true
    }

    static func resolve(_ spec: DatasetSpec, source: DatasetSpec.SourceSpec, site: Site,
                        into diagnostics: inout [Diagnostic]) -> Resolution {
        var result = Resolution()
        let decimal: DecimalMark
        if let written = source.decimal {
            switch written.value.trimmingCharacters(in: .whitespaces).lowercased() {
            case ".", "point": decimal = .point
            case ",", "comma", "virgule": decimal = .comma
            case "auto": decimal = .auto
            default:
                diagnostics.append(written.diagnostic(.invalidValue, "source.decimal must be '.' or ','", hint: "remove it to accept both"))
                decimal = .auto
                result.ok = false
            }
        } else {
            decimal = .auto
        }
        var ignoreUndeclared = false
        if let written = source.undeclaredColumns {
            switch written.value {
            case "error": ignoreUndeclared = false
            case "ignore": ignoreUndeclared = true
            default:
                diagnostics.append(written.diagnostic(.invalidValue, "source.undeclared_columns must be 'error' or 'ignore'"))
                result.ok = false
            }
        }

        let file = spec.table
        let header = file?.header ?? []
        var seenNames: [String: SourceLocation] = [:]
        var usedColumns = Set<String>()
        var columnIndexes: [Int] = []
        for fieldSpec in spec.fields {
            guard let name = fieldSpec.name else { result.ok = false; continue }
            if !Identifier.isFieldName(name.value) {
                diagnostics.append(name.diagnostic(.invalidIdentifier, "'\(name.value)' cannot be a field name",
                                                   hint: "use letters, digits and '_', such as '\(Identifier.fieldName(from: name.value))'; 'column' names the CSV header"))
                result.ok = false
            }
            if let first = seenNames[name.value] {
                diagnostics.append(name.diagnostic(.duplicateName, "the field '\(name.value)' is declared twice (first at line \(first.line))"))
                result.ok = false
            }
            seenNames[name.value] = name.location

            let column = fieldSpec.column ?? name
            if file != nil {
                if let index = header.firstIndex(of: column.value) {
                    columnIndexes.append(index)
                    usedColumns.insert(column.value)
                } else {
                    let hint = Suggestion.closest(to: column.value, in: header).map { "did you mean '\($0)'?" }
                        ?? "the header has: " + header.map { "'\($0)'" }.joined(separator: ", ")
                    diagnostics.append(column.diagnostic(.missingColumn, "the data file has no column '\(column.value)'", hint: hint))
                    result.ok = false
                }
            }

            guard let parser = parser(for: fieldSpec, decimal: decimal, site: site, into: &diagnostics) else {
                result.ok = false
                continue
            }
            let access = DatasetRules.enumValue(fieldSpec.access, Access.self, "access", &diagnostics) ?? .public
            let title = fieldSpec.title?.value.trimmingCharacters(in: .whitespaces)
            result.fields.append(Field(
                name: name.value, title: title?.isEmpty == false ? title! : name.value, type: parser.type,
                description: fieldSpec.description?.value.trimmingCharacters(in: .whitespacesAndNewlines),
                access: access, required: fieldSpec.required?.value ?? false,
                format: fieldSpec.format?.value, column: column.value, parser: parser))
        }

        guard let file else { result.ok = false; return result }
        // Columns nobody declared: an error unless the dataset opts out, since a forgotten
        // column is often a renamed one.
        if !ignoreUndeclared {
            for (index, name) in header.enumerated() where !usedColumns.contains(name) {
                let label = name.isEmpty ? "column \(index + 1) has no header and is not declared" : "the column '\(name)' is not declared in fields"
                diagnostics.append(Diagnostic(.error, .undeclaredColumn, label,
                                              at: SourceLocation(path: file.path, line: 1, column: file.headerColumns[index]),
                                              sourceLine: file.headerLine,
                                              hint: "declare it in \(spec.displayFolder)/dataset.yaml, or set source.undeclared_columns: ignore"))
                result.ok = false
            }
        }
        var seenHeaders = Set<String>()
        for (index, name) in header.enumerated() where !name.isEmpty && !seenHeaders.insert(name).inserted {
            diagnostics.append(Diagnostic(.error, .csvHeader, "the column '\(name)' appears twice in the header",
                                          at: SourceLocation(path: file.path, line: 1, column: file.headerColumns[index]),
                                          sourceLine: file.headerLine, hint: "rename one of them"))
            result.ok = false
        }

        var filters: [TableSource.RowFilter] = []
        for (column, values) in source.filter {
            guard let index = header.firstIndex(of: column.value) else {
                diagnostics.append(column.diagnostic(.missingColumn, "source.filter names '\(column.value)', which is not a column of the data file",
                                                     hint: Suggestion.hint(for: column.value, in: header, listing: false)))
                result.ok = false
                continue
            }
            filters.append(.init(column: index, values: Set(values.map { $0.value.trimmingCharacters(in: .whitespaces) })))
        }

        guard result.ok else { return result }
        let fileName = file.path.split(separator: "/").last.map(String.init) ?? file.path
        result.table = TableSource(
            bytes: file.bytes, url: file.url, path: file.path, fileName: fileName, delimiter: file.delimiter, header: header,
            bodyOffset: file.bodyOffset, bodyLine: file.bodyLine, columnIndexes: columnIndexes, filters: filters,
            missingValues: Set((source.missingValues ?? [Located("", at: source.origin)]).map { $0.value.trimmingCharacters(in: .whitespaces) }),
            isMapped: file.isMapped, file: file.file)
        return result
    }

    /// The parser for a field's type and format; nil (with a diagnostic) when they are invalid.
    static func parser(for spec: DatasetSpec.FieldSpec, decimal: DecimalMark, site: Site,
                       into diagnostics: inout [Diagnostic]) -> ValueParser? {
        var type = FieldType.string
        if let written = spec.type {
            guard let known = FieldType(rawValue: written.value.trimmingCharacters(in: .whitespaces).lowercased()) else {
                diagnostics.append(written.diagnostic(.invalidValue, "unknown field type '\(written.value)'",
                                                      hint: Suggestion.hint(for: written.value, in: FieldType.allCases.map(\.rawValue))))
                return nil
            }
            type = known
        }
        var parser = ValueParser(type: type)
        parser.decimal = decimal
        parser.timeZone = site.timeZone
        if let format = spec.format {
            let value = format.value.trimmingCharacters(in: .whitespaces)
            switch type {
            case .string:
                switch value {
                case "default": break
                case "email": parser.textFormat = .email
                case "uri": parser.textFormat = .uri
                default:
                    diagnostics.append(format.diagnostic(.invalidValue, "unknown format '\(value)' for a string field",
                                                         hint: Suggestion.hint(for: value, in: ["default", "email", "uri"])))
                    return nil
                }
            case .date, .datetime:
                if value != "default" && value != "any" {
                    guard value.contains("%"), let pattern = DatePattern(value) else {
                        diagnostics.append(format.diagnostic(.invalidValue, "'\(value)' is not a date format",
                                                             hint: "write a pattern such as '%d/%m/%Y' (supported: %Y %y %m %d %H %M %S)"))
                        return nil
                    }
                    parser.dateFormat = .pattern(pattern)
                }
            case .geopoint:
                switch value.replacingOccurrences(of: " ", with: "").lowercased() {
                case "default", "lon,lat", "array": parser.geoOrder = .lonLat
                case "lat,lon": parser.geoOrder = .latLon
                default:
                    diagnostics.append(format.diagnostic(.invalidValue, "unknown format '\(value)' for a geopoint field",
                                                         hint: "use 'lat, lon' or 'lon, lat' (the default)"))
                    return nil
                }
            default:
                if value != "default" {
                    diagnostics.append(format.diagnostic(.invalidValue, "a \(type.rawValue) field takes no format"))
                    return nil
                }
            }
        }
        if let separator = spec.separator {
            guard type == .string, !separator.value.isEmpty else {
                diagnostics.append(separator.diagnostic(.invalidValue, "a separator applies to string fields only, and cannot be empty"))
                return nil
            }
            parser.separator = separator.value
        }
        if spec.trueValues != nil || spec.falseValues != nil {
            guard type == .boolean else {
                let written = spec.trueValues?.first ?? spec.falseValues!.first!
                diagnostics.append(written.diagnostic(.invalidValue, "true_values and false_values apply to boolean fields only"))
                return nil
            }
            if let values = spec.trueValues { parser.trueValues = Set(values.map { $0.value.lowercased() }) }
            if let values = spec.falseValues { parser.falseValues = Set(values.map { $0.value.lowercased() }) }
        }
        return parser
    }
}

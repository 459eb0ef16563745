/// The JSON the agenda's contribution form produces (see assets/contribute.js):
///
/// ```json
/// {"portail": "agenda-contribution", "version": 1, "dataset": "agenda-ouvert",
///  "events": [{"id": "…", "title": "…", "start": "2026-12-05T20:30", "venue": "321", …}]}
/// ```
///
/// Keys are the dataset's field names; values are written as the CSV writes them.
enum ContributionFormat {
    static func matches(_ json: PositionedJSON) -> Bool {
        json["portail"]?.string == "agenda-contribution"
    }

    static func rows(_ json: PositionedJSON, report: (String, PositionedJSON.Position, String?) -> Void) -> [IncomingRow] {
        guard let events = json["events"]?.array else {
            report("a contribution file needs an 'events' list", json.position, nil)
            return []
        }
        return events.compactMap { entry in
            guard case .object(let members, let position) = entry else {
                report("each event is an object of field names and values", entry.position, nil)
                return nil
            }
            var row = IncomingRow(origin: position)
            for (key, keyPosition, value) in members {
                row.keyPositions[key] = keyPosition
                if value.isNull { continue }
                guard let text = value.scalarText else {
                    report("the value of '\(key)' must be text, a number or a boolean", value.position, nil)
                    continue
                }
                row.cells[key] = text
                row.positions[key] = value.position
            }
            return row
        }
    }
}

/// Reads an OpenAgenda JSON export (API v2, `GET /v2/agendas/{uid}/events`): events with
/// multilingual texts and `timings`. Each timing becomes one event of ours, with the stable
/// id `oa-<uid>-<YYYYMMDD-HHMM>` (the timing's local start), so that importing the same export
/// again updates rows instead of duplicating them.
///
/// Mapping (docs/agenda.md lists it too):
/// - `title[lang]` → title; `longDescription[lang]`, else `description[lang]` → description
/// - `timings[].begin` / `.end` (local times with offsets) → start / end
/// - `location.extIds[{key, value}]` whose key is the venue field's name, the venues dataset's
///   id or `portail` → venue; else a place of the venues dataset with the same name and city
/// - `keywords[lang]` → keywords; `conditions[lang]` → price; `registration[0].value` → registration
/// - `accessibility` {hi, vi, pi, mi, ii: bool} → accessibility codes; `age` {min, max} → ages
/// - `status` 1 scheduled, 2 rescheduled, 3 moved online (attendance online), 4 postponed,
///   5 full, 6 cancelled → status; `attendanceMode` 1 offline, 2 online, 3 mixed → attendance;
///   `onlineAccessLink` → online link
/// - `image.base + image.filename` → image; `updatedAt` → updated; `links[0].link` or the
///   event's `canonicalUrl` → url
enum OpenAgendaFormat {
    static func matches(_ json: PositionedJSON) -> Bool {
        let events = json["events"]?.array ?? json.array ?? []
        return events.first.map { $0["uid"] != nil && $0["timings"] != nil } ?? false
    }

    struct Context {
        let roles: AgendaRoles
        let fields: [Field]
        /// The dataset's key field name.
        let key: String
        let venues: [String: Venue]
        let venuesDatasetID: String
        let language: String
        let zone: ZoneOffsets
    }

    static func rows(_ json: PositionedJSON, context c: Context, report: (String, PositionedJSON.Position, String?) -> Void) -> [IncomingRow] {
        let events = json["events"]?.array ?? json.array ?? []
        var rows: [IncomingRow] = []
        func name(_ index: Int?) -> String? { index.map { c.fields[$0].name } }
        for event in events {
            guard let uid = event["uid"]?.scalarText else {
                report("this OpenAgenda event has no 'uid'", event.position, nil)
                continue
            }
            let venue = venueKey(event["location"], context: c, report: report)
            let status = event["status"]?.int ?? 1
            let statuses = [1: "scheduled", 2: "rescheduled", 3: "scheduled", 4: "postponed", 5: "full", 6: "cancelled"]
            let statusWord = statuses[status]
            if statusWord == nil {
                report("unknown OpenAgenda status \(status)", event["status"]?.position ?? event.position, "OpenAgenda's statuses run from 1 to 6")
            }
            guard let timings = event["timings"]?.array, !timings.isEmpty else {
                report("the event \(uid) has no 'timings'", event.position, "OpenAgenda events have at least one timing")
                continue
            }
            for timing in timings {
                guard let begin = timing["begin"]?.string else {
                    report("a timing has no 'begin'", timing.position, nil)
                    continue
                }
                var row = IncomingRow(origin: timing.position)
                func set(_ field: String?, _ value: String?, at node: PositionedJSON?) {
                    guard let field else { return }
                    row.cells[field] = value ?? ""
                    row.positions[field] = node?.position ?? timing.position
                }
                let local = localStamp(begin)
                row.cells[c.key] = "oa-\(uid)-\(local)"
                row.positions[c.key] = event["uid"]?.position
                set(name(c.roles.title), text(event["title"], c.language), at: event["title"])
                set(name(c.roles.description), text(event["longDescription"], c.language) ?? text(event["description"], c.language),
                    at: event["longDescription"] ?? event["description"])
                set(name(c.roles.start), begin, at: timing["begin"])
                set(name(c.roles.end), timing["end"]?.string, at: timing["end"])
                set(name(c.roles.venue), venue, at: event["location"])
                set(name(c.roles.keywords), list(event["keywords"], c.language)?.joined(separator: ", "), at: event["keywords"])
                set(name(c.roles.price), text(event["conditions"], c.language), at: event["conditions"])
                set(name(c.roles.registration), event["registration"]?.array?.first?["value"]?.scalarText, at: event["registration"])
                if let accessibility = event["accessibility"], case .object(let flags, _) = accessibility {
                    let codes = flags.filter { if case .bool(true, _) = $0.value { return true }; return false }.map(\.key)
                    set(name(c.roles.accessibility), codes.joined(separator: ", "), at: accessibility)
                } else {
                    set(name(c.roles.accessibility), "", at: nil)
                }
                set(name(c.roles.ageMin), event["age"]?["min"]?.scalarText, at: event["age"])
                set(name(c.roles.ageMax), event["age"]?["max"]?.scalarText, at: event["age"])
                if let statusWord { set(name(c.roles.status), statusWord, at: event["status"]) }
                row.rejected = venue == nil && event["location"] != nil
                let modes = [1: "offline", 2: "online", 3: "mixed"]
                let mode = status == 3 ? 2 : (event["attendanceMode"]?.int ?? 1)
                set(name(c.roles.attendance), modes[mode] ?? "offline", at: event["attendanceMode"])
                set(name(c.roles.onlineLink), event["onlineAccessLink"]?.string, at: event["onlineAccessLink"])
                if let image = event["image"], let base = image["base"]?.string, let file = image["filename"]?.string {
                    set(name(c.roles.image), base + file, at: image)
                }
                set(name(c.roles.updated), event["updatedAt"]?.string, at: event["updatedAt"])
                set(name(c.roles.url), event["links"]?.array?.first?["link"]?.string ?? event["canonicalUrl"]?.string, at: event["links"])
                rows.append(row)
            }
        }
        return rows
    }

    /// `2026-12-05T20:30:00+0100` → `20261205-2030` (the time as written, offset aside).
    static func localStamp(_ begin: String) -> String {
        let digits = begin.prefix(16).filter(\.isNumber)
        guard digits.count == 12 else { return digits }
        return String(digits.prefix(8)) + "-" + String(digits.suffix(4))
    }

    /// A multilingual text: the portal's language, else French, else the first one.
    private static func text(_ node: PositionedJSON?, _ language: String) -> String? {
        guard let node else { return nil }
        if let plain = node.string { return plain }
        guard case .object(let members, _) = node else { return nil }
        return (members.first { $0.key == language } ?? members.first { $0.key == "fr" } ?? members.first)?.value.string
    }

    private static func list(_ node: PositionedJSON?, _ language: String) -> [String]? {
        guard let node else { return nil }
        if let items = node.array { return items.compactMap(\.string) }
        guard case .object(let members, _) = node else { return nil }
        return (members.first { $0.key == language } ?? members.first { $0.key == "fr" } ?? members.first)?.value.array?.compactMap(\.string)
    }

    private static func venueKey(_ location: PositionedJSON?, context c: Context,
                                 report: (String, PositionedJSON.Position, String?) -> Void) -> String? {
        guard let location else { return nil }
        let accepted = [c.fields[c.roles.venue].name, c.venuesDatasetID, "portail"]
        for id in location["extIds"]?.array ?? [] {
            if let key = id["key"]?.string, accepted.contains(key), let value = id["value"]?.scalarText { return value }
        }
        let name = location["name"]?.string.map(EUTheme.fold)
        let city = location["city"]?.string.map(EUTheme.fold)
        let matches = c.venues.values.filter { EUTheme.fold($0.name) == name && (city == nil || $0.city.map(EUTheme.fold) == city) }
        if matches.count == 1 { return matches[0].key }
        report(matches.isEmpty ? "the location '\(location["name"]?.string ?? "?")' matches no place of '\(c.venuesDatasetID)'"
                               : "the location '\(location["name"]?.string ?? "?")' matches several places of '\(c.venuesDatasetID)'",
               location.position, "link it with an extId {\"key\": \"\(accepted[0])\", \"value\": \"<key>\"} in OpenAgenda")
        return nil
    }
}

/// Turns the rows of agenda and venue datasets into ``Event``s and ``Venue``s, reporting
/// problems at their cells: a venue that matches no place, an end before its start, an
/// unknown status, attendance or accessibility code.
struct EventRows {
    let dataset: ResolvedDataset
    let stream: RecordStream
    let zone: ZoneOffsets

    /// The key of a record as text, the form other datasets refer to it by.
    static func key(_ value: Value) -> String? {
        value.isNull ? nil : MachineFormat.text(value)
    }

    func venue(_ values: [Value], roles: PlaceRoles, keyIndex: Int) -> Venue? {
        guard let key = Self.key(values[keyIndex]) else { return nil }
        func text(_ index: Int?) -> String? {
            guard let index, !values[index].isNull else { return nil }
            let text = MachineFormat.text(values[index])
            return text.isEmpty ? nil : text
        }
        var latitude: Double?, longitude: Double?
        if let geometry = dataset.views.geometry,
           let point = geometry.point(in: values, positions: Dictionary(uniqueKeysWithValues: values.indices.map { ($0, $0) })) {
            latitude = point.latitude
            longitude = point.longitude
        }
        return Venue(key: key, name: text(roles.name) ?? key, address: text(roles.address), city: text(roles.city),
                     postalCode: text(roles.postalCode), region: text(roles.region), latitude: latitude, longitude: longitude)
    }

    func event(_ values: [Value], roles: AgendaRoles, keyIndex: Int, venues: Set<String>?,
               position: RecordStream.Position, report: (Diagnostic) -> Void) -> Event? {
        Self.event(values, roles: roles, keyIndex: keyIndex, venues: venues, zone: zone,
                   locate: { stream.locate(field: $0, in: position) }, report: report)
    }

    /// - Parameter locate: where the cell of a field is, for diagnostics (a CSV cell, or a
    ///   value of an imported JSON file).
    static func event(_ values: [Value], roles: AgendaRoles, keyIndex: Int, venues: Set<String>?, zone: ZoneOffsets,
                      locate: (Int) -> (SourceLocation, String), report: (Diagnostic) -> Void) -> Event? {
        func problem(_ field: Int, _ message: String, hint: String? = nil) {
            let (location, line) = locate(field)
            report(Diagnostic(.error, .invalidValue, message, at: location, sourceLine: line, hint: hint))
        }
        func text(_ index: Int?) -> String? {
            guard let index else { return nil }
            switch values[index] {
            case .null: return nil
            case .list(let items): return items.isEmpty ? nil : items.joined(separator: ", ")
            default:
                let text = MachineFormat.text(values[index])
                return text.isEmpty ? nil : text
            }
        }
        func items(_ index: Int?) -> [String] {
            guard let index else { return [] }
            switch values[index] {
            case .list(let items): return items
            case .null: return []
            default: return MachineFormat.text(values[index]).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }
        /// A datetime, or a date at midnight local time, or at the time of its `time` field.
        func moment(_ index: Int?, time: Int? = nil) -> DateTime? {
            guard let index else { return nil }
            switch values[index] {
            case .datetime(let dt): return dt
            case .date(let day):
                var seconds = 0
                if let time, case .time(let written) = values[time] { seconds = written }
                let (epoch, offset) = zone.resolve(local: day.daysSinceEpoch * 86_400 + seconds)
                return DateTime(epochSeconds: epoch, offsetSeconds: offset)
            default: return nil
            }
        }
        guard let id = Self.key(values[keyIndex]), let title = text(roles.title), let start = moment(roles.start, time: roles.startTime),
              let venue = text(roles.venue) else { return nil }
        var ok = true
        if let venues, !venues.contains(venue) {
            problem(roles.venue, "the venue '\(venue)' matches no place of the dataset '\(roles.venuesDataset)'",
                    hint: "use the key of a record of '\(roles.venuesDataset)'")
            ok = false
        }
        var end = start
        if let written = moment(roles.end, time: roles.endTime) {
            end = written
            if written < start {
                problem(roles.end!, "the event ends before it starts")
                ok = false
            }
        } else if let duration = roles.duration, case .integer(let minutes) = values[duration] {
            if minutes < 0 { problem(duration, "a duration cannot be negative"); ok = false }
            end = DateTime(epochSeconds: start.epochSeconds + minutes * 60, offsetSeconds: start.offsetSeconds)
            end = DateTime(epochSeconds: end.epochSeconds, offsetSeconds: zone.offset(atInstant: end.epochSeconds))
        }
        var status = EventStatus.scheduled
        if let written = text(roles.status) {
            if let known = EventStatus.named(written) { status = known } else {
                problem(roles.status!, "unknown event status '\(written)'",
                        hint: "use " + EventStatus.allCases.map(\.rawValue).joined(separator: ", "))
                ok = false
            }
        }
        var attendance = AttendanceMode.offline
        if let written = text(roles.attendance) {
            if let known = AttendanceMode.named(written) { attendance = known } else {
                problem(roles.attendance!, "unknown attendance mode '\(written)'",
                        hint: "use " + AttendanceMode.allCases.map(\.rawValue).joined(separator: ", "))
                ok = false
            }
        }
        let onlineLink = text(roles.onlineLink)
        if attendance != .offline && onlineLink == nil {
            problem(roles.attendance!, "an \(attendance.rawValue) event needs its online link",
                    hint: roles.onlineLink == nil ? "map agenda.online_link to a field" : "fill the online link")
            ok = false
        }
        var accessibility: [AccessibilityCode] = []
        for code in items(roles.accessibility) {
            if let known = AccessibilityCode(rawValue: code.lowercased()) {
                if !accessibility.contains(known) { accessibility.append(known) }
            } else {
                problem(roles.accessibility!, "unknown accessibility code '\(code)'",
                        hint: "OpenAgenda's codes: hi (hearing), vi (visual), pi (psychic), mi (motor), ii (intellectual)")
                ok = false
            }
        }
        func age(_ index: Int?) -> Int? {
            guard let index, case .integer(let years) = values[index] else { return nil }
            if years < 0 || years > 120 { problem(index, "an age must be between 0 and 120"); ok = false }
            return years
        }
        let ageMin = age(roles.ageMin), ageMax = age(roles.ageMax)
        if let ageMin, let ageMax, ageMin > ageMax {
            problem(roles.ageMax!, "the maximum age (\(ageMax)) is below the minimum age (\(ageMin))")
            ok = false
        }
        // Links of the event go into pages, calendars and widgets whatever the fields' formats.
        for role in [roles.url, roles.onlineLink, roles.image] {
            guard let role, let link = text(role), !SafeURL.isAllowed(link) || (role == roles.image && link.lowercased().hasPrefix("mailto:")) else { continue }
            problem(role, "\"\(link)\" is not an http or https address", hint: "links may only use http:// or https://")
            ok = false
        }
        guard ok else { return nil }
        return Event(id: id, title: title, start: start, end: end, venue: venue, description: text(roles.description),
                     image: text(roles.image), type: text(roles.type), keywords: items(roles.keywords),
                     url: text(roles.url), registration: text(roles.registration), price: text(roles.price),
                     accessibility: accessibility, ageMin: ageMin, ageMax: ageMax, status: status,
                     attendance: attendance, onlineLink: onlineLink, updated: moment(roles.updated))
    }
}

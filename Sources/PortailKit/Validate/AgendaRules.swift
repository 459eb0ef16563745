/// Checks the `agenda:`, `place:` and `records:` sections of a dataset against its fields.
enum AgendaRules {
    static func roles(_ spec: DatasetSpec, fields: [Field], into diagnostics: inout [Diagnostic]) -> AgendaRoles?? {
        guard let written = spec.agenda else { return .some(nil) }
        var ok = true
        func field(_ role: String, _ types: Set<FieldType>) -> Int? {
            guard let name = written[role] else { return nil }
            guard let index = fields.firstIndex(where: { $0.name == name.value }) else {
                diagnostics.append(name.diagnostic(.invalidValue, "agenda.\(role) names '\(name.value)', which is not a declared field",
                                                   hint: Suggestion.hint(for: name.value, in: fields.map(\.name))))
                ok = false
                return nil
            }
            guard types.contains(fields[index].type) else {
                diagnostics.append(name.diagnostic(.invalidValue, "agenda.\(role) needs a field of type \(types.map(\.rawValue).sorted().joined(separator: " or ")); '\(name.value)' is \(fields[index].type.rawValue)"))
                ok = false
                return nil
            }
            return index
        }
        let text: Set<FieldType> = [.string]
        let moment: Set<FieldType> = [.datetime, .date]
        let title = field("title", text)
        let start = field("start", moment)
        let end = field("end", moment)
        let duration = field("duration", [.integer])
        let venue = field("venue", [.string, .integer])
        // The day and the hour in two columns: a date start (or end) and a time beside it.
        let startTime = field("start_time", [.time])
        let endTime = field("end_time", [.time])
        for (role, moment) in [("start_time", start), ("end_time", end)] {
            guard let name = written[role], let moment, fields[moment].type != .date else { continue }
            diagnostics.append(name.diagnostic(.invalidValue, "agenda.\(role) completes a date field; '\(fields[moment].name)' is a datetime already",
                                               hint: "remove agenda.\(role), or make '\(fields[moment].name)' a date"))
            ok = false
        }
        if written["end_time"] != nil && written["end"] == nil {
            diagnostics.append(written["end_time"]!.diagnostic(.invalidValue, "agenda.end_time needs agenda.end, the date it completes"))
            ok = false
        }
        if written["end"] != nil && written["duration"] != nil {
            diagnostics.append(written["duration"]!.diagnostic(.invalidValue, "give agenda.end or agenda.duration, not both"))
            ok = false
        }
        var roles = AgendaRoles(title: title ?? 0, start: start ?? 0, end: end, duration: duration, venue: venue ?? 0,
                                venuesDataset: written["venues"]?.value ?? "")
        roles.startTime = startTime
        roles.endTime = endTime
        roles.description = field("description", text)
        roles.image = field("image", text)
        roles.type = field("type", text)
        roles.keywords = field("keywords", text)
        roles.url = field("url", text)
        roles.registration = field("registration", text)
        roles.price = field("price", text)
        roles.accessibility = field("accessibility", text)
        roles.ageMin = field("age_min", [.integer])
        roles.ageMax = field("age_max", [.integer])
        roles.status = field("status", text)
        roles.attendance = field("attendance", text)
        roles.onlineLink = field("online_link", text)
        roles.updated = field("updated", [.datetime, .date])
        guard ok, title != nil, start != nil, venue != nil, written["venues"] != nil else { return nil }
        if spec.key == nil {
            diagnostics.append(Diagnostic(.missingKey, "an agenda needs a 'key': it gives each event its stable id",
                                          at: spec.agendaOrigin ?? spec.origin, hint: "add 'key: id' and an id column"))
            return nil
        }
        return .some(roles)
    }

    static func place(_ spec: DatasetSpec, fields: [Field], into diagnostics: inout [Diagnostic]) -> PlaceRoles?? {
        guard let written = spec.place else { return .some(nil) }
        var ok = true
        func field(_ role: String) -> Int? {
            guard let name = written[role] else { return nil }
            guard let index = fields.firstIndex(where: { $0.name == name.value }) else {
                diagnostics.append(name.diagnostic(.invalidValue, "place.\(role) names '\(name.value)', which is not a declared field",
                                                   hint: Suggestion.hint(for: name.value, in: fields.map(\.name))))
                ok = false
                return nil
            }
            if fields[index].access == .members {
                diagnostics.append(name.diagnostic(.invalidValue, "place.\(role) uses '\(name.value)', a members-only field",
                                                   hint: "places are shown on public pages and calendars"))
                ok = false
                return nil
            }
            return index
        }
        let name = field("name")
        let roles = PlaceRoles(name: name ?? 0, address: field("address"), city: field("city"),
                               postalCode: field("postal_code"), region: field("region"))
        guard ok, name != nil else { return nil }
        if spec.key == nil {
            diagnostics.append(Diagnostic(.missingKey, "a dataset of places needs a 'key': events refer to places by it",
                                          at: spec.placeOrigin ?? spec.origin))
            return nil
        }
        return .some(roles)
    }

    static func recordTitle(_ spec: DatasetSpec, fields: [Field], into diagnostics: inout [Diagnostic]) -> Int?? {
        guard let written = spec.recordTitle else { return .some(nil) }
        guard let index = fields.firstIndex(where: { $0.name == written.value }), fields[index].access == .public else {
            diagnostics.append(written.diagnostic(.invalidValue, "records.title must name a public field",
                                                  hint: Suggestion.hint(for: written.value, in: fields.filter { $0.access == .public }.map(\.name))))
            return nil
        }
        if spec.key == nil {
            diagnostics.append(Diagnostic(.missingKey, "record pages need a 'key': it gives each page its address",
                                          at: spec.recordsOrigin ?? spec.origin))
            return nil
        }
        return .some(index)
    }

    /// Across datasets: at most one agenda, whose venues are a dataset of places.
    static func crossCheck(_ datasets: [ResolvedDataset], specs: [DatasetSpec], folders: Set<String>,
                           into diagnostics: inout [Diagnostic]) -> Bool {
        var ok = true
        /// A dataset whose own files have errors is not judged from the outside: its errors
        /// are reported already, and more about it would only repeat them.
        func hasOwnErrors(_ id: String, beside agenda: ResolvedDataset) -> Bool {
            // `<content>/datasets/<agenda>/dataset.yaml` → `<content>/datasets/<id>/`
            let datasetsFolder = agenda.origin.path.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
            let folder = (datasetsFolder + [Substring(id)]).joined(separator: "/") + "/"
            return diagnostics.contains { $0.severity == .error && $0.location.path.hasPrefix(folder) }
        }
        let agendas = datasets.filter { $0.views.agenda != nil }
        for extra in agendas.dropFirst() {
            diagnostics.append(Diagnostic(.invalidValue, "only one dataset can be the agenda; '\(agendas[0].id)' already is",
                                          at: extra.origin))
            ok = false
        }
        for agenda in agendas.prefix(1) {
            let roles = agenda.views.agenda!
            let written = specs.first { $0.id.value == agenda.id }?.agenda?["venues"]
            if hasOwnErrors(roles.venuesDataset, beside: agenda) { continue }
            guard let venues = datasets.first(where: { $0.id == roles.venuesDataset }) else {
                // A folder whose dataset.yaml could not be read has its own errors already.
                if folders.contains(roles.venuesDataset) { continue }
                diagnostics.append(written?.diagnostic(.invalidValue, "agenda.venues names '\(roles.venuesDataset)', which is not a dataset",
                                                       hint: Suggestion.hint(for: roles.venuesDataset, in: datasets.map(\.id)))
                                   ?? Diagnostic(.invalidValue, "agenda.venues is not a dataset", at: agenda.origin))
                ok = false
                continue
            }
            if venues.views.place == nil {
                diagnostics.append(written?.diagnostic(.invalidValue, "the dataset '\(venues.id)' has no 'place:' section to describe its places",
                                                       hint: "add place: {name: …, address: …, city: …} to its dataset.yaml")
                                   ?? Diagnostic(.invalidValue, "venues without place", at: venues.origin))
                ok = false
            }
        }
        return ok
    }
}

/// View model of `agenda/contribuer.html`: a form built from the agenda's field definitions
/// (types, required fields, allowed values, a place field suggesting the agenda's places from
/// ``VenueList``), which validates in the browser and sends the entry as JSON, or offers it
/// by e-mail and as a file.
struct ContributePageModel {
    struct Input {
        let id: String
        let name: String
        let label: String
        let description: String?
        let kind: String
        let required: Bool
        let isText: Bool
        let isTextarea: Bool
        let isSelect: Bool
        let isChoices: Bool
        /// A text field with suggestions of places (a `<datalist>` contribute.js fills).
        let isPlace: Bool
        let options: [Option]
    }

    struct Option: TemplateValue {
        let value: String
        let label: String
        let inputID: String

        func child(named name: String) -> Any? {
            switch name {
            case "value": return value
            case "label": return label
            case "inputID": return inputID
            default: return nil
            }
        }
    }

    let chrome: Chrome
    let t: [String: String]
    let agendaTitle: String
    let inputs: [Input]
    let endpoint: String?
    let email: String?
    /// JSON for contribute.js: the fields, their types and rules.
    let config: String

    init(agenda: Agenda, dataset: Dataset, catalog: Catalog, locale: Localization) {
        chrome = Chrome(catalog: catalog, locale: locale, path: "agenda/contribuer.html", title: locale["contribute_title"],
                        description: locale["contribute_intro"], currentMenu: "agenda")
        t = locale.strings
        agendaTitle = agenda.title
        endpoint = catalog.contributionEndpoint
        email = catalog.site.publisher.email
        let roles = dataset.agenda!
        var inputs: [Input] = []
        var configFields: [JSONValue] = []
        for (index, field) in dataset.fields.enumerated() where field.access == .public {
            let id = "champ-\(field.name)"
            var kind: String
            var options: [Option] = []
            switch (index, field.type) {
            case (roles.venue, _): kind = "place"
            case (roles.status, _):
                kind = "select"
                options = EventStatus.allCases.map { Option(value: $0.rawValue, label: locale["event_status_\($0.rawValue)"], inputID: "") }
            case (roles.attendance, _):
                kind = "select"
                options = AttendanceMode.allCases.map { Option(value: $0.rawValue, label: locale["attendance_\($0.rawValue)"], inputID: "") }
            case (roles.accessibility, _):
                kind = "choices"
                options = AccessibilityCode.allCases.map {
                    Option(value: $0.rawValue, label: locale["accessibility_\($0.rawValue)"], inputID: "\(id)-\($0.rawValue)")
                }
            case (roles.updated, _): continue  // set by the portal, not by contributors
            case (_, .datetime): kind = "datetime-local"
            case (_, .date): kind = "date"
            case (_, .time): kind = "time"
            case (_, .integer), (_, .year): kind = "number"
            case (_, .number): kind = "number"
            case (_, .boolean): kind = "checkbox"
            default:
                kind = field.parser.textFormat == .uri ? "url" : field.parser.textFormat == .email ? "email" : "text"
                if index == roles.description { kind = "textarea" }
            }
            let required = field.required || index == roles.title || index == roles.start || index == roles.venue
            let help = field.name == dataset.key ? locale["contribute_key_help"] : kind == "place" ? locale["contribute_place_help"] : nil
            inputs.append(Input(id: id, name: field.name, label: field.title,
                                description: help.map { [field.description, $0].compactMap { $0 }.joined(separator: " ") } ?? field.description,
                                kind: kind, required: required, isText: !["select", "choices", "textarea", "place"].contains(kind),
                                isTextarea: kind == "textarea", isSelect: kind == "select", isChoices: kind == "choices", isPlace: kind == "place",
                                // A select starts on an empty choice: required ones must be picked on purpose.
                                options: kind == "select" ? [Option(value: "", label: locale["contribute_choose"], inputID: "")] + options : options))
            configFields.append(.object([
                ("name", .string(field.name)), ("title", .string(field.title)), ("type", .string(field.type.rawValue)),
                ("input", .string(kind)), ("required", .bool(required)),
                ("separator", field.separator.map(JSONValue.string) ?? .null),
            ]))
        }
        self.inputs = inputs
        config = JSONValue.object([
            ("dataset", .string(dataset.id)),
            ("key", .string(dataset.key ?? "")),
            ("start", .string(dataset.fields[roles.start].name)),
            ("end", roles.end.map { .string(dataset.fields[$0].name) } ?? .null),
            ("endpoint", endpoint.map(JSONValue.string) ?? .null),
            ("email", email.map(JSONValue.string) ?? .null),
            ("places", .string(chrome.filesRoot + VenueList.path)),
            ("fields", .array(configFields)),
            ("strings", LocaleConfig.strings(locale, [
                "contribute_required", "contribute_invalid", "contribute_place_unknown", "contribute_end_before_start", "contribute_sent",
                "contribute_send_failed", "contribute_mail_subject", "contribute_ready", "contribute_mail_link",
                "contribute_download_link",
            ])),
        ]).serialized()
    }
}
